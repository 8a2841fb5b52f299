package content

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/staff"
)

// NewItem is a new implementation item: a matter of the 基本目录
// implemented in one region by one body (C 0103 7.1).
type NewItem struct {
	MatterCode string
	RegionCode string
	DeptCode   string // "" → the matter's department
	BodyName   string
	Fields     ItemFields
}

// CreateItem stores a draft item inside the creator's scope. Visitors see
// it once it is published.
func (s *Service) CreateItem(ctx context.Context, who staff.Staff, ip string, n NewItem) (Item, error) {
	if !who.Can(staff.PermItems) {
		return Item{}, models.ErrForbidden
	}
	row, err := s.newRow(ctx, who.Scope(), n)
	if err != nil {
		return Item{}, err
	}
	err = s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.record(ctx, tx, who, ip, ActionCreate, itemRow{}, row)
	})
	if models.IsUniqueViolation(err) {
		var v models.ValidationError
		v.Add("region", "admin.err.item.exists")
		return Item{}, &v
	}
	return row.item(), err
}

// newRow validates n and builds the row: code, type, level and the body's
// credit code follow from the matter and the region.
func (s *Service) newRow(ctx context.Context, scope staff.Scope, n NewItem) (itemRow, error) {
	var v models.ValidationError
	n.MatterCode, n.RegionCode, n.DeptCode = strings.TrimSpace(n.MatterCode), strings.TrimSpace(n.RegionCode), strings.TrimSpace(n.DeptCode)
	n.BodyName = CleanLine(n.BodyName)
	matter, err := catalog.NewRepo(s.st).GetMatter(ctx, n.MatterCode)
	if errors.Is(err, models.ErrNotFound) || n.MatterCode == "" {
		v.Add("matter", "admin.err.matter.unknown")
	} else if err != nil {
		return itemRow{}, err
	}
	level := 0
	if r, ok := s.ref.Region(n.RegionCode); ok && r.Code == n.RegionCode {
		level = int(r.Level) + 1 // 行使层级: 2 省级 … 6 村级 (refdata levels 1 province … 5 village)
	}
	if n.DeptCode == "" {
		n.DeptCode = scope.Dept
	}
	if n.DeptCode == "" {
		n.DeptCode = matter.DeptCode
	}
	switch {
	case level == 0:
		v.Add("region", "admin.err.region.unknown")
	case !scope.Contains(n.RegionCode, n.DeptCode):
		v.Add("region", "admin.err.scope.outside")
	}
	if _, ok := s.ref.Department(n.DeptCode); !ok && v.Fields["matter"] == "" {
		v.Add("dept", "admin.err.dept.unknown")
	}
	if n.BodyName == "" {
		v.Add("body", "admin.err.required")
	}
	f := n.Fields.normalize()
	f.validate(&v)
	if err := v.Err(); err != nil {
		return itemRow{}, err
	}
	now := time.Now().UTC()
	row := itemRow{Code: catalog.ItemCode(matter.Code, n.RegionCode), MatterID: matter.ID, Type: matter.Type,
		Level: level, RegionCode: n.RegionCode, DeptCode: n.DeptCode, BodyName: n.BodyName,
		BodyCode: catalog.MakeCreditCode("1", n.RegionCode, n.BodyName), BodyNature: "1", StatutoryUnit: "1",
		PromisedUnit: "1", TrustLevel: catalog.DefaultTrustLevel, Status: catalog.StatusDraft, Version: 1,
		CreatedAt: now, UpdatedAt: now}
	applyFields(&row, f)
	// The catalog's own rules (codes, code sets, credit code) have the last word.
	d := catalog.ItemDetail{Item: catalog.Item{Code: row.Code, MatterID: row.MatterID, Name: row.Name, Type: row.Type,
		Level: row.Level, RegionCode: row.RegionCode, DeptCode: row.DeptCode,
		Body:      catalog.Body{Name: row.BodyName, CreditCode: row.BodyCode, Nature: row.BodyNature},
		Statutory: catalog.TimeLimit{Value: row.StatutoryLimit, Unit: "1"}, Promised: catalog.TimeLimit{Value: row.PromisedLimit, Unit: "1"},
		TrustLevel: row.TrustLevel, Status: row.Status}}
	if err := d.Validate(); err != nil {
		v.Add("matter", "admin.err.item.invalid")
		return itemRow{}, &v
	}
	return row, nil
}

// ParseID reads a positive id from a path parameter (0 when malformed, so
// the lookup answers ErrNotFound).
func ParseID(s string) int64 {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}
