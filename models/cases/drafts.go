package cases

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
)

// Draft is an application in progress, saved at every step (C 0103 7.2:
// nothing typed is lost; resumable from 我的办件).
type Draft struct {
	ID        int64
	UserID    int64
	ItemID    int64
	Step      string // the furthest step completed ("" = none)
	Answers   string // JSON object
	Token     string // submission token: one case per draft
	CaseID    *int64
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName maps Draft to the case_drafts table.
func (Draft) TableName() string { return "case_drafts" }

// Values decodes the saved answers.
func (d Draft) Values() map[string]string {
	m := map[string]string{}
	_ = json.Unmarshal([]byte(d.Answers), &m)
	return m
}

// Next is the first step not yet completed (the page to resume on).
func (d Draft) Next() string {
	i := StepIndex(d.Step) + 1
	if i >= len(Steps) {
		return StepCheck
	}
	return Steps[i]
}

// MayOpen reports whether step can be shown: completed steps and the next
// one. A later step is a tampered step order.
func (d Draft) MayOpen(step string) bool {
	i := StepIndex(step)
	return i >= 0 && i <= StepIndex(d.Step)+1
}

// ErrNotOnline is returned for an item that cannot be applied for online.
var ErrNotOnline = errors.New("cases: item is not handled online")

// ItemFor returns the published item with its materials, by ID.
func ItemFor(ctx context.Context, st *models.Store, itemID int64) (catalog.ItemDetail, error) {
	var code string
	err := st.DB.WithContext(ctx).Raw("SELECT code FROM matter_items WHERE id = ?", itemID).Scan(&code).Error
	if err != nil {
		return catalog.ItemDetail{}, err
	}
	if code == "" {
		return catalog.ItemDetail{}, models.ErrNotFound
	}
	return catalog.NewRepo(st).GetItemByCode(ctx, code)
}

// StartDraft resumes the user's open draft for the item or starts one. The
// item must be published and handled online.
func StartDraft(ctx context.Context, st *models.Store, userID int64, item catalog.Item) (Draft, error) {
	if !item.Online {
		return Draft{}, ErrNotOnline
	}
	var d Draft
	err := st.DB.WithContext(ctx).Where("user_id = ? AND item_id = ? AND case_id IS NULL", userID, item.ID).
		Order("updated_at DESC").Take(&d).Error
	if err == nil {
		return d, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return Draft{}, err
	}
	now := time.Now().UTC()
	d = Draft{UserID: userID, ItemID: item.ID, Answers: "{}", Token: randomToken(), Version: 1, CreatedAt: now, UpdatedAt: now}
	return d, st.DB.WithContext(ctx).Create(&d).Error
}

// GetDraft returns the user's own draft (another user's is ErrNotFound).
func GetDraft(ctx context.Context, st *models.Store, userID, id int64) (Draft, error) {
	var d Draft
	err := st.DB.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Draft{}, models.ErrNotFound
	}
	return d, err
}

// SaveStep merges answers into the draft and marks step done. version is
// the draft version the form was built from: a stale form (the draft moved
// on in another tab, or was submitted) is models.ErrConflict.
func SaveStep(ctx context.Context, st *models.Store, d Draft, version int, step string, answers map[string]string) (Draft, error) {
	if d.CaseID != nil || version != d.Version {
		return d, models.ErrConflict
	}
	vals := d.Values()
	for k, v := range answers {
		vals[k] = v
	}
	b, _ := json.Marshal(vals)
	if StepIndex(step) > StepIndex(d.Step) {
		d.Step = step
	}
	now := time.Now().UTC()
	res := st.DB.WithContext(ctx).Model(&Draft{}).Where("id = ? AND version = ? AND case_id IS NULL", d.ID, version).
		Updates(map[string]any{"answers": string(b), "step": d.Step, "version": version + 1, "updated_at": now})
	if res.Error != nil {
		return d, res.Error
	}
	if res.RowsAffected != 1 {
		return d, models.ErrConflict
	}
	d.Answers, d.Version, d.UpdatedAt = string(b), version+1, now
	return d, nil
}

// OpenDrafts lists the user's drafts not yet submitted, newest first.
func OpenDrafts(ctx context.Context, st *models.Store, userID int64) ([]DraftRow, error) {
	var out []DraftRow
	err := st.DB.WithContext(ctx).Table("case_drafts d").
		Select("d.id, d.step, d.updated_at, i.name AS item_name, i.body_name").
		Joins("JOIN matter_items i ON i.id = d.item_id").
		Where("d.user_id = ? AND d.case_id IS NULL", userID).Order("d.updated_at DESC").Limit(50).Scan(&out).Error
	return out, err
}

// DraftRow is a draft as "my cases" lists it.
type DraftRow struct {
	ID        int64
	Step      string
	UpdatedAt time.Time
	ItemName  string
	BodyName  string
}

// DeleteDraft discards the user's unsubmitted draft and its materials rows.
func DeleteDraft(ctx context.Context, st *models.Store, userID, id int64) error {
	return st.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("id = ? AND user_id = ? AND case_id IS NULL", id, userID).Delete(&Draft{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrNotFound
		}
		return tx.Where("draft_id = ? AND case_id IS NULL", id).Delete(&Material{}).Error
	})
}

func randomToken() string {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
