package cases

import (
	"context"
	"errors"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
	"gorm.io/gorm"
)

// Completed is a finished case as other features (evaluations, follow-ups)
// need it.
type Completed struct {
	ID          int64
	Number      string
	ItemCode    string
	MatterName  string
	DeptCode    string
	RegionCode  string
	CompletedAt time.Time
}

const completedCols = "id, number, item_code, matter_name, dept_code, region_code, completed_at"

// CompletedForUser lists the user's completed cases, newest first.
func CompletedForUser(ctx context.Context, st *models.Store, userID int64) ([]Completed, error) {
	var out []Completed
	err := st.DB.WithContext(ctx).Table("cases").Select(completedCols).
		Where("user_id = ? AND status = ?", userID, StatusCompleted).
		Order("completed_at DESC, id DESC").Limit(500).Scan(&out).Error
	return out, err
}

// CompletedByID returns the user's own completed case, or models.ErrNotFound
// (another user's case, an open one, or none).
func CompletedByID(ctx context.Context, st *models.Store, userID, caseID int64) (Completed, error) {
	var out Completed
	err := st.DB.WithContext(ctx).Table("cases").Select(completedCols).
		Where("id = ? AND user_id = ? AND status = ?", caseID, userID, StatusCompleted).
		Take(&out).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Completed{}, models.ErrNotFound
	}
	return out, err
}

// Backlog counts the open cases in scope and those of them past their
// deadline at now (for dashboards).
func Backlog(ctx context.Context, st *models.Store, scope staff.Scope, now time.Time) (open, overdue int64, err error) {
	q := func() *gorm.DB {
		return scope.Where(st.DB.WithContext(ctx).Table("cases"), "region_code", "dept_code").
			Where("status IN ?", OpenStatuses)
	}
	if err = q().Count(&open).Error; err != nil {
		return 0, 0, err
	}
	err = q().Where("due_at < ?", now.UTC()).Count(&overdue).Error
	return open, overdue, err
}
