package content

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/staff"
)

// Matter history actions.
const (
	MatterCreate    = "create"
	MatterUpdate    = "update"
	MatterPublish   = "publish"
	MatterUnpublish = "unpublish"
)

// NewMatter is a new 基本目录 entry.
type NewMatter struct {
	Code     string // 基本编码
	Name     string
	Type     string // 事项类型 (refdata.MatterTypes)
	DeptCode string // "" → the creator's department
}

// CreateMatter stores a draft matter. A department's staff create matters
// of their own department only.
func (s *Service) CreateMatter(ctx context.Context, who staff.Staff, ip string, n NewMatter) (Matter, error) {
	if !who.Can(staff.PermItems) || !CanManageMatters(who.Scope()) {
		return Matter{}, models.ErrForbidden
	}
	n.Code, n.Name, n.Type = strings.TrimSpace(n.Code), CleanLine(n.Name), strings.TrimSpace(n.Type)
	if sc := who.Scope(); sc.Dept != "" {
		n.DeptCode = sc.Dept
	}
	var v models.ValidationError
	if !catalog.ValidCode(n.Code) {
		v.Add("code", "admin.err.matter.code")
	}
	checkMatterName(&v, n.Name)
	if !refdata.MatterTypes.Has(n.Type) {
		v.Add("type", "admin.err.choice")
	}
	if _, ok := s.ref.Department(n.DeptCode); !ok {
		v.Add("dept", "admin.err.dept.unknown")
	}
	if err := v.Err(); err != nil {
		return Matter{}, err
	}
	now := time.Now().UTC()
	row := matterRow{Code: n.Code, Name: n.Name, Type: n.Type, DeptCode: n.DeptCode, Status: catalog.StatusDraft, Version: 1,
		CreatedAt: now, UpdatedAt: &now}
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return recordMatter(ctx, tx, who, ip, MatterCreate, nil, row)
	})
	if models.IsUniqueViolation(err) {
		v.Add("code", "admin.err.matter.exists")
		return Matter{}, &v
	}
	return row.matter(), err
}

func checkMatterName(v *models.ValidationError, name string) {
	switch {
	case name == "":
		v.Add("name", "admin.err.required")
	case tooLong(name, maxName):
		v.Add("name", "admin.err.too_long")
	}
}

// UpdateMatter renames a matter if it is still at version (else
// models.ErrConflict, nothing saved). The 基本目录 name is a search
// keyword of every item of the matter, so published items are re-indexed.
func (s *Service) UpdateMatter(ctx context.Context, who staff.Staff, ip string, id int64, version int, name string) (int, error) {
	name = CleanLine(name)
	var v models.ValidationError
	checkMatterName(&v, name)
	if err := v.Err(); err != nil {
		return 0, err
	}
	var before matterRow
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		var err error
		if before, err = s.matterForWrite(tx, who, id); err != nil {
			return err
		}
		if before.Version != version {
			return models.ErrConflict
		}
		now := time.Now().UTC()
		res := tx.Model(&matterRow{}).Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"name": name, "version": version + 1, "updated_at": now})
		if res.Error != nil || res.RowsAffected != 1 {
			return orConflict(res.Error)
		}
		after := before
		after.Name, after.Version, after.UpdatedAt = name, version+1, &now
		return recordMatter(ctx, tx, who, ip, MatterUpdate, &before, after)
	})
	if err != nil {
		return 0, err
	}
	s.reindexMatter(ctx, id)
	return version + 1, nil
}

func orConflict(err error) error {
	if err != nil {
		return err
	}
	return models.ErrConflict
}

// reindexMatter pushes the matter's published items to the search index.
func (s *Service) reindexMatter(ctx context.Context, id int64) {
	var codes []string
	if err := s.st.DB.WithContext(ctx).Table("matter_items").Where("matter_id = ? AND status = ?", id, catalog.StatusPublished).
		Pluck("code", &codes).Error; err != nil {
		if s.OnIndexError != nil {
			s.OnIndexError(err)
		}
		return
	}
	ids := make([]string, 0, len(codes))
	for _, c := range codes {
		ids = append(ids, docID(c))
	}
	s.changed(ctx, ids...)
}

// SetMatterPublished publishes or unpublishes a matter. Unpublishing a
// matter that still has published items is a ValidationError on "status".
func (s *Service) SetMatterPublished(ctx context.Context, who staff.Staff, ip string, id int64, publish bool) error {
	status, action := catalog.StatusDraft, MatterUnpublish
	if publish {
		status, action = catalog.StatusPublished, MatterPublish
	}
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		before, err := s.matterForWrite(tx, who, id)
		if err != nil || before.Status == status {
			return err
		}
		if !publish {
			var n int64
			if err := tx.Table("matter_items").Where("matter_id = ? AND status = ?", id, catalog.StatusPublished).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				var v models.ValidationError
				v.Add("status", "admin.err.matter.in_use")
				return &v
			}
		}
		now := time.Now().UTC()
		if err := tx.Model(&matterRow{}).Where("id = ?", id).Updates(map[string]any{"status": status, "updated_at": now}).Error; err != nil {
			return err
		}
		after := before
		after.Status, after.UpdatedAt = status, &now
		return recordMatter(ctx, tx, who, ip, action, &before, after)
	})
}

// matterPublished reports whether the item's matter is published (an
// item of a draft matter cannot be published).
func matterPublished(tx *gorm.DB, matterID int64) (bool, error) {
	var status string
	err := tx.Table("matters").Select("status").Where("id = ?", matterID).Scan(&status).Error
	return status == catalog.StatusPublished, err
}
