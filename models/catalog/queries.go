package catalog

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// Repo reads and writes the catalog tables.
type Repo struct {
	st *models.Store
}

// NewRepo returns a catalog repository over st.
func NewRepo(st *models.Store) *Repo { return &Repo{st: st} }

func (r *Repo) db(ctx context.Context) *gorm.DB { return r.st.DB.WithContext(ctx) }

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// GetItemByCode returns a published item with its matter, materials, fees,
// steps, FAQs and attachment metadata, in a fixed number of queries (one per
// table) whatever the item holds. Unknown or unpublished codes give
// models.ErrNotFound.
func (r *Repo) GetItemByCode(ctx context.Context, code string) (ItemDetail, error) {
	var row itemRow
	err := r.db(ctx).Where("code = ? AND status = ?", code, StatusPublished).Take(&row).Error
	if err != nil {
		return ItemDetail{}, notFound(err)
	}
	d := ItemDetail{Item: row.item()}
	var m matterRow
	if err := r.db(ctx).Where("id = ?", row.MatterID).Take(&m).Error; err != nil {
		return ItemDetail{}, fmt.Errorf("matter of item %s: %w", code, err)
	}
	d.Matter = m.matter()
	d.MatterCode = m.Code
	if err := r.loadChildren(ctx, &d); err != nil {
		return ItemDetail{}, err
	}
	return d, nil
}

func (r *Repo) loadChildren(ctx context.Context, d *ItemDetail) error {
	var mats []materialRow
	if err := r.db(ctx).Where("item_id = ?", d.ID).Order("position").Find(&mats).Error; err != nil {
		return err
	}
	var ids []int64
	for _, m := range mats {
		d.Materials = append(d.Materials, m.material())
		if m.BlankFormID != nil {
			ids = append(ids, *m.BlankFormID)
		}
		if m.SampleID != nil {
			ids = append(ids, *m.SampleID)
		}
	}
	var fees []feeRow
	if err := r.db(ctx).Where("item_id = ?", d.ID).Order("position").Find(&fees).Error; err != nil {
		return err
	}
	for _, f := range fees {
		d.Fees = append(d.Fees, Fee{Position: f.Position, Name: f.Name, Standard: f.Standard, Basis: f.Basis, Waivable: f.Waivable})
	}
	var steps []stepRow
	if err := r.db(ctx).Where("item_id = ?", d.ID).Order("position").Find(&steps).Error; err != nil {
		return err
	}
	for _, s := range steps {
		d.Steps = append(d.Steps, Step{Position: s.Position, Name: s.Name, Detail: s.Detail})
	}
	var faqs []faqRow
	if err := r.db(ctx).Where("item_id = ?", d.ID).Order("position").Find(&faqs).Error; err != nil {
		return err
	}
	for _, f := range faqs {
		d.FAQs = append(d.FAQs, FAQ{Position: f.Position, Question: f.Question, Answer: f.Answer})
	}
	d.Attachments = map[int64]Attachment{}
	if len(ids) == 0 {
		return nil
	}
	var atts []attachmentRow
	err := r.db(ctx).Select("id", "name", "mime", "size").Where("id IN ?", ids).Find(&atts).Error
	for _, a := range atts {
		d.Attachments[a.ID] = Attachment{ID: a.ID, Name: a.Name, MIME: a.MIME, Size: a.Size}
	}
	return err
}

// GetAttachment returns one attachment with its bytes.
func (r *Repo) GetAttachment(ctx context.Context, id int64) (Attachment, error) {
	var a attachmentRow
	if err := r.db(ctx).Where("id = ?", id).Take(&a).Error; err != nil {
		return Attachment{}, notFound(err)
	}
	return Attachment{ID: a.ID, Name: a.Name, MIME: a.MIME, Size: a.Size, Data: a.Data}, nil
}

// GetMatter returns one matter of the 基本目录 by its basic code.
func (r *Repo) GetMatter(ctx context.Context, code string) (Matter, error) {
	var m matterRow
	if err := r.db(ctx).Where("code = ?", code).Take(&m).Error; err != nil {
		return Matter{}, notFound(err)
	}
	return m.matter(), nil
}

// ItemsForMatter lists up to limit published items of a matter, ordered by
// region code.
func (r *Repo) ItemsForMatter(ctx context.Context, matterID int64, limit int) ([]Item, error) {
	var rows []itemRow
	err := r.db(ctx).Where("matter_id = ? AND status = ?", matterID, StatusPublished).
		Order("region_code, id").Limit(clampLimit(limit)).Find(&rows).Error
	out := make([]Item, 0, len(rows))
	for _, row := range rows {
		out = append(out, row.item())
	}
	return out, err
}

// OtherRegions lists up to limit published items of the same matter in other
// regions than exceptCode's (for "办理地区" on the guide page), ordered by
// region code.
func (r *Repo) OtherRegions(ctx context.Context, matterID int64, exceptCode string, limit int) ([]RegionItem, error) {
	var rows []itemRow
	err := r.db(ctx).Select("code", "region_code", "body_name").
		Where("matter_id = ? AND status = ? AND code <> ?", matterID, StatusPublished, exceptCode).
		Order("region_code, id").Limit(clampLimit(limit)).Find(&rows).Error
	out := make([]RegionItem, 0, len(rows))
	for _, row := range rows {
		out = append(out, RegionItem{Code: row.Code, RegionCode: row.RegionCode, BodyName: row.BodyName})
	}
	return out, err
}

// CountItems returns the number of items with the given status ("" = all).
func (r *Repo) CountItems(ctx context.Context, status string) (int64, error) {
	q := r.db(ctx).Model(&itemRow{})
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var n int64
	err := q.Count(&n).Error
	return n, err
}

// clampLimit keeps list sizes sane: 1..500, default 50.
func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}
