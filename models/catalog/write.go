package catalog

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models/refdata"
)

// Validate reports what is wrong with an item before it is stored (the
// elements of C 0103 7.1 with the code sets of reference.md §2).
func (d ItemDetail) Validate() error {
	var p []string
	bad := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }
	it := d.Item
	if !ValidCode(it.Code) {
		bad("实施编码 %q", it.Code)
	}
	if it.Name == "" || it.MatterID == 0 || it.RegionCode == "" || it.DeptCode == "" {
		bad("name, matter, region and department are required")
	}
	if !refdata.MatterTypes.Has(it.Type) {
		bad("事项类型 %q", it.Type)
	}
	if !refdata.MatterLevels.Has(strconv.Itoa(it.Level)) {
		bad("行使层级 %d", it.Level)
	}
	if it.Body.Name == "" || !refdata.ValidCreditCode(it.Body.CreditCode) || !refdata.BodyNatures.Has(it.Body.Nature) {
		bad("实施主体 %q %q nature %q", it.Body.Name, it.Body.CreditCode, it.Body.Nature)
	}
	for _, u := range []string{it.Statutory.Unit, it.Promised.Unit} {
		if !refdata.TimeUnits.Has(u) {
			bad("时限单位 %q", u)
		}
	}
	for _, a := range it.Audiences {
		if !refdata.Audiences.Has(a) {
			bad("服务对象 %q", a)
		}
	}
	if it.Scope != "" && !refdata.IsCrossRegion(it.Scope) {
		bad("通办范围 %q", it.Scope)
	}
	if it.TrustLevel < DefaultTrustLevel || it.TrustLevel > 5 {
		bad("实名认证等级 %d (C 0103 7.2: at least 3)", it.TrustLevel)
	}
	if it.Status != StatusDraft && it.Status != StatusPublished {
		bad("status %q", it.Status)
	}
	for _, m := range d.Materials {
		if m.Name == "" || !validNecessity[m.Necessity] {
			bad("材料 %q necessity %q", m.Name, m.Necessity)
		}
	}
	if len(p) > 0 {
		return fmt.Errorf("item %s: %s", it.Code, strings.Join(p, "; "))
	}
	return nil
}

// CreateItem validates and stores an item with its children, returning its id.
func (r *Repo) CreateItem(ctx context.Context, d ItemDetail) (int64, error) {
	if err := d.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := r.st.InTx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = insertItem(tx, d, time.Now().UTC())
		return err
	})
	return id, err
}

// CreateMatter stores a 基本目录 entry and returns its id.
func (r *Repo) CreateMatter(ctx context.Context, m Matter) (int64, error) {
	if !ValidCode(m.Code) || m.Name == "" || !refdata.MatterTypes.Has(m.Type) {
		return 0, fmt.Errorf("matter %q %q type %q is invalid", m.Code, m.Name, m.Type)
	}
	row := matterRow{Code: m.Code, Name: m.Name, Type: m.Type, DeptCode: m.DeptCode, CreatedAt: time.Now().UTC()}
	err := r.db(ctx).Create(&row).Error
	return row.ID, err
}

// insertItem writes the item row and one multi-row INSERT per child table.
func insertItem(tx *gorm.DB, d ItemDetail, now time.Time) (int64, error) {
	row := rowOf(d.Item, now)
	row.ID = 0
	if err := tx.Create(&row).Error; err != nil {
		return 0, err
	}
	if len(d.Materials) > 0 {
		rows := make([]materialRow, 0, len(d.Materials))
		for i, m := range d.Materials {
			rows = append(rows, materialRow{ItemID: row.ID, Position: i + 1, Name: m.Name, Necessity: m.Necessity,
				Form: m.Form, Kind: m.Kind, Copies: m.Copies, Source: m.Source, BlankFormID: optID(m.BlankFormID),
				SampleID: optID(m.SampleID), Notes: m.Notes, Standard: m.Standard, Basis: m.Basis})
		}
		if err := tx.Create(&rows).Error; err != nil {
			return 0, err
		}
	}
	if len(d.Fees) > 0 {
		rows := make([]feeRow, 0, len(d.Fees))
		for i, f := range d.Fees {
			rows = append(rows, feeRow{ItemID: row.ID, Position: i + 1, Name: f.Name, Standard: f.Standard,
				Basis: f.Basis, Waivable: f.Waivable})
		}
		if err := tx.Create(&rows).Error; err != nil {
			return 0, err
		}
	}
	if len(d.Steps) > 0 {
		rows := make([]stepRow, 0, len(d.Steps))
		for i, s := range d.Steps {
			rows = append(rows, stepRow{ItemID: row.ID, Position: i + 1, Name: s.Name, Detail: s.Detail})
		}
		if err := tx.Create(&rows).Error; err != nil {
			return 0, err
		}
	}
	if len(d.FAQs) > 0 {
		rows := make([]faqRow, 0, len(d.FAQs))
		for i, f := range d.FAQs {
			rows = append(rows, faqRow{ItemID: row.ID, Position: i + 1, Question: f.Question, Answer: f.Answer})
		}
		if err := tx.Create(&rows).Error; err != nil {
			return 0, err
		}
	}
	return row.ID, nil
}
