package content

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/staff"
)

// PartChange is one console change to a row of an item's part.
type PartChange struct {
	Kind    string
	PartID  int64 // 0 adds a row at the end
	Version int   // the item's version the form was loaded at
	Values  map[string]string
	Delete  bool
}

// SavePart adds, changes or deletes one row of an item's materials, fees,
// steps or FAQs. Like UpdateItem it is refused with models.ErrConflict
// when the item changed since the form was loaded (nothing is saved, the
// handler keeps the editor's text); otherwise the item's version goes up,
// the change is in the item's history (its snapshot lists every row) and
// the audit log, and a published item is live and re-indexed at once.
func (s *Service) SavePart(ctx context.Context, who staff.Staff, ip string, itemID int64, ch PartChange) (int, error) {
	if !who.Can(staff.PermItems) {
		return 0, models.ErrForbidden
	}
	if !ValidPart(ch.Kind) {
		return 0, models.ErrNotFound
	}
	vals := map[string]string{}
	if !ch.Delete {
		var err error
		if vals, err = normalizePart(ch.Kind, ch.Values); err != nil {
			return 0, err
		}
	}
	var before itemRow
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := who.Scope().Where(tx, "region_code", "dept_code").Where("id = ?", itemID).Take(&before).Error; err != nil {
			return notFound(err)
		}
		old, err := s.partRow(tx, before.ID, ch)
		if err != nil {
			return err
		}
		if before.Version != ch.Version {
			return models.ErrConflict
		}
		if err := s.baseline(tx, before); err != nil {
			return err
		}
		if err := writePart(tx, before.ID, ch, vals); err != nil {
			return err
		}
		return s.bumpItem(ctx, tx, who, ip, before, ch, old, vals)
	})
	if err != nil {
		return 0, err
	}
	if before.Status == catalog.StatusPublished {
		s.changed(ctx, docID(before.Code))
	}
	return ch.Version + 1, nil
}

// partRow finds the row a change or deletion names (ErrNotFound when it
// is not a row of this item).
func (s *Service) partRow(tx *gorm.DB, itemID int64, ch PartChange) (map[string]string, error) {
	if ch.PartID == 0 {
		if ch.Delete {
			return nil, models.ErrNotFound
		}
		return nil, nil
	}
	ps, err := loadParts(tx, ch.Kind, itemID)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.ID == ch.PartID {
			return p.Values, nil
		}
	}
	return nil, models.ErrNotFound
}

func writePart(tx *gorm.DB, itemID int64, ch PartChange, vals map[string]string) error {
	table := partTables[ch.Kind]
	switch {
	case ch.Delete:
		return tx.Exec("DELETE FROM "+table+" WHERE id = ? AND item_id = ?", ch.PartID, itemID).Error
	case ch.PartID != 0:
		return tx.Table(table).Where("id = ? AND item_id = ?", ch.PartID, itemID).Updates(rowColumns(ch.Kind, vals)).Error
	}
	var last struct{ P int }
	if err := tx.Table(table).Select("COALESCE(MAX(position), 0) AS p").Where("item_id = ?", itemID).Scan(&last).Error; err != nil {
		return err
	}
	cols := rowColumns(ch.Kind, vals)
	cols["item_id"], cols["position"] = itemID, last.P+1
	return tx.Table(table).Create(cols).Error
}

// bumpItem raises the item's version, records the version row with every
// part and the audit entry with the row before and after.
func (s *Service) bumpItem(ctx context.Context, tx *gorm.DB, who staff.Staff, ip string, before itemRow, ch PartChange, old, vals map[string]string) error {
	cols := map[string]any{"version": ch.Version + 1, "updated_at": time.Now().UTC()}
	if ch.Kind == PartFees && !ch.Delete {
		cols["charged"] = true // an item with a fee is charged (是否收费)
	}
	res := tx.Model(&itemRow{}).Where("id = ? AND version = ?", before.ID, ch.Version).Updates(cols)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return models.ErrConflict
	}
	after := before
	after.Version = ch.Version + 1
	action := ch.Kind + ".create"
	switch {
	case ch.Delete:
		action, vals = ch.Kind+".delete", nil
	case ch.PartID != 0:
		action = ch.Kind + ".update"
	}
	if err := insertVersion(tx, after, action, who.Actor(ip)); err != nil {
		return err
	}
	var b, a any
	if old != nil {
		b = old
	}
	if vals != nil {
		a = vals
	}
	_, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "item." + action, ObjectType: "item",
		ObjectID: before.Code, Before: b, After: a})
	return err
}
