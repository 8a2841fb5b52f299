package content

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/staff"
)

// Version actions recorded in item_versions.
const (
	ActionBaseline  = "baseline" // the item as it was before its first console edit
	ActionCreate    = "create"
	ActionUpdate    = "update"
	ActionPublish   = "publish"
	ActionUnpublish = "unpublish"
)

// docID is the item's search document ID (catalog.DocPrefix + 实施编码).
func docID(code string) string { return catalog.DocPrefix + code }

// auditView is what the audit log keeps of an item.
func auditView(r itemRow) map[string]any {
	return map[string]any{"code": r.Code, "status": r.Status, "version": r.Version, "fields": r.fields()}
}

// UpdateItem saves new field values if the item is still at version; an
// item changed meanwhile by someone else gives models.ErrConflict and
// nothing is saved (the handler keeps the editor's text). It returns the
// new version. A published item's change is live and re-indexed at once.
func (s *Service) UpdateItem(ctx context.Context, who staff.Staff, ip string, id int64, version int, f ItemFields) (int, error) {
	if !who.Can(staff.PermItems) {
		return 0, models.ErrForbidden
	}
	f = f.normalize()
	var v models.ValidationError
	f.validate(&v)
	if err := v.Err(); err != nil {
		return 0, err
	}
	var before itemRow
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := who.Scope().Where(tx, "region_code", "dept_code").Where("id = ?", id).Take(&before).Error; err != nil {
			return notFound(err)
		}
		if before.Version != version {
			return models.ErrConflict
		}
		if err := s.baseline(tx, before); err != nil {
			return err
		}
		cols := f.columns()
		cols["version"], cols["updated_at"] = version+1, time.Now().UTC()
		res := tx.Model(&itemRow{}).Where("id = ? AND version = ?", id, version).Updates(cols)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return models.ErrConflict
		}
		after := before
		after.Version = version + 1
		applyFields(&after, f)
		return s.record(ctx, tx, who, ip, ActionUpdate, before, after)
	})
	if err != nil {
		return 0, err
	}
	if before.Status == catalog.StatusPublished {
		s.changed(ctx, docID(before.Code))
	}
	return version + 1, nil
}

func applyFields(r *itemRow, f ItemFields) {
	r.Name, r.LegalBasis, r.Conditions, r.PromisedLimit, r.PromisedNote = f.Name, f.LegalBasis, f.Conditions, f.PromisedLimit, f.PromisedNote
	r.StatutoryLimit, r.Location, r.Hours, r.Consult, r.Complaint = f.StatutoryLimit, f.Location, f.Hours, f.Consult, f.Complaint
	r.Online, r.OnlineURL, r.MobileURL = f.Online, f.OnlineURL, f.MobileURL
}

// SetPublished publishes or unpublishes an item inside scope. It does not
// change the version (no field changed), so an editor's open form stays
// valid; it is recorded in the history and the audit log all the same.
func (s *Service) SetPublished(ctx context.Context, who staff.Staff, ip string, id int64, publish bool) error {
	if !who.Can(staff.PermItems) {
		return models.ErrForbidden
	}
	status, action := catalog.StatusDraft, ActionUnpublish
	if publish {
		status, action = catalog.StatusPublished, ActionPublish
	}
	var before itemRow
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := who.Scope().Where(tx, "region_code", "dept_code").Where("id = ?", id).Take(&before).Error; err != nil {
			return notFound(err)
		}
		if before.Status == status {
			return nil
		}
		if publish {
			if ok, err := matterPublished(tx, before.MatterID); err != nil || !ok {
				var v models.ValidationError
				v.Add("matter", "admin.err.matter.draft")
				return orValidation(err, &v)
			}
		}
		if err := s.baseline(tx, before); err != nil {
			return err
		}
		if err := tx.Model(&itemRow{}).Where("id = ?", id).
			Updates(map[string]any{"status": status, "updated_at": time.Now().UTC()}).Error; err != nil {
			return err
		}
		after := before
		after.Status = status
		return s.record(ctx, tx, who, ip, action, before, after)
	})
	if err == nil {
		s.changed(ctx, docID(before.Code))
	}
	return err
}

// baseline records the item as it was before its first console change, so
// the first edit has something to be compared with.
func (s *Service) baseline(tx *gorm.DB, r itemRow) error {
	var n int64
	if err := tx.Model(&Version{}).Where("item_id = ?", r.ID).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	return insertVersion(tx, r, ActionBaseline, audit.Actor{})
}

// record writes the version row and the audit entry of one change.
func (s *Service) record(ctx context.Context, tx *gorm.DB, who staff.Staff, ip, action string, before, after itemRow) error {
	if err := insertVersion(tx, after, action, who.Actor(ip)); err != nil {
		return err
	}
	var b any
	if action != ActionCreate {
		b = auditView(before)
	}
	_, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "item." + action, ObjectType: "item",
		ObjectID: after.Code, Before: b, After: auditView(after)})
	return err
}

// snapshot is what a version row keeps: the fields and, one line per row,
// the materials, fees, steps and FAQs (rows written before the parts were
// editable have no Parts, and their diffs leave the parts out).
type snapshot struct {
	ItemFields
	Parts map[string][]string `json:"parts,omitempty"`
}

func insertVersion(tx *gorm.DB, r itemRow, action string, who audit.Actor) error {
	parts, err := partLines(tx, r.ID)
	if err != nil {
		return err
	}
	snap, err := json.Marshal(snapshot{ItemFields: r.fields(), Parts: parts})
	if err != nil {
		return err
	}
	return tx.Create(&Version{ItemID: r.ID, Version: r.Version, Action: action, Status: r.Status, Snapshot: string(snap),
		StaffID: who.ID, StaffName: who.Name, CreatedAt: time.Now().UTC()}).Error
}

func orValidation(err error, v *models.ValidationError) error {
	if err != nil {
		return err
	}
	return v
}
