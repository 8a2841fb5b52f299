package usercenter

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// Footprint kinds (C 0103 7.7 h: 使用与浏览历史).
const (
	FootGuide  = "guide"  // a guide page; Ref is the 实施编码
	FootApp    = "app"    // an app opened; Ref is its id
	FootSearch = "search" // a search; Ref is the query text
)

// MaxFootprints is how many footprints an account keeps; older ones go.
const MaxFootprints = 200

// Footprint is one thing visited, with the time of the latest visit.
type Footprint struct {
	ID        int64
	UserID    int64
	Kind      string
	Ref       string
	Title     string
	URL       string
	VisitedAt time.Time
}

// TableName keeps the table name explicit.
func (Footprint) TableName() string { return "user_footprints" }

// RecordFootprint notes a visit: one row per thing, its time refreshed, the
// oldest beyond MaxFootprints dropped. Callers check that recording is not
// paused (users.User.FootprintsPaused).
func RecordFootprint(ctx context.Context, st *models.Store, f Footprint) error {
	if f.UserID == 0 || f.Ref == "" {
		return nil
	}
	if len([]rune(f.Title)) > 200 {
		f.Title = string([]rune(f.Title)[:200])
	}
	now := time.Now().UTC()
	return st.InTx(ctx, func(tx *gorm.DB) error {
		err := tx.Exec(`INSERT INTO user_footprints (user_id, kind, ref, title, url, visited_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id, kind, ref) DO UPDATE SET visited_at = excluded.visited_at, title = excluded.title, url = excluded.url`,
			f.UserID, f.Kind, f.Ref, f.Title, f.URL, now).Error
		if err != nil {
			return err
		}
		return tx.Exec(`DELETE FROM user_footprints WHERE user_id = ? AND id NOT IN
			(SELECT id FROM user_footprints WHERE user_id = ? ORDER BY visited_at DESC, id DESC LIMIT ?)`,
			f.UserID, f.UserID, MaxFootprints).Error
	})
}

// Footprints lists the user's footprints of kind ("" = all), latest first.
func Footprints(ctx context.Context, st *models.Store, userID int64, kind string, limit int) ([]Footprint, error) {
	q := st.DB.WithContext(ctx).Where("user_id = ?", userID)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	var out []Footprint
	err := q.Order("visited_at DESC, id DESC").Limit(clamp(limit)).Find(&out).Error
	return out, err
}

// DeleteFootprint removes one footprint of the user's.
func DeleteFootprint(ctx context.Context, st *models.Store, userID, id int64) error {
	res := st.DB.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&Footprint{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return nil
}

// ClearFootprints removes every footprint of the user's and returns how many.
func ClearFootprints(ctx context.Context, st *models.Store, userID int64) (int64, error) {
	res := st.DB.WithContext(ctx).Where("user_id = ?", userID).Delete(&Footprint{})
	return res.RowsAffected, res.Error
}

// RecordGuideFootprint notes that the user read the guide of item code,
// taking its title from the catalog in the same statement (one write per
// guide view, no extra read). Unknown codes record nothing.
func RecordGuideFootprint(ctx context.Context, st *models.Store, userID int64, code string) error {
	now := time.Now().UTC()
	return st.InTx(ctx, func(tx *gorm.DB) error {
		// WHERE is required by SQLite to parse INSERT … SELECT … ON CONFLICT.
		err := tx.Exec(`INSERT INTO user_footprints (user_id, kind, ref, title, url, visited_at)
			SELECT ?, ?, code, name, ? || code, ? FROM matter_items WHERE code = ? AND status = ?
			ON CONFLICT (user_id, kind, ref) DO UPDATE SET visited_at = excluded.visited_at, title = excluded.title`,
			userID, FootGuide, "/matters/", now, code, "published").Error
		if err != nil {
			return err
		}
		return tx.Exec(`DELETE FROM user_footprints WHERE user_id = ? AND id NOT IN
			(SELECT id FROM user_footprints WHERE user_id = ? ORDER BY visited_at DESC, id DESC LIMIT ?)`,
			userID, userID, MaxFootprints).Error
	})
}
