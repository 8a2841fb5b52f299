package cases

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
)

// Filter selects cases in a list. Status is one status, "open" (someone
// still has to act) or "" (all).
type Filter struct {
	Status string
	Offset int
	Limit  int
}

// FilterOpen selects the open statuses.
const FilterOpen = "open"

func (f Filter) apply(q *gorm.DB) *gorm.DB {
	switch {
	case f.Status == FilterOpen:
		q = q.Where("status IN ?", OpenStatuses)
	case Status(f.Status).Valid():
		q = q.Where("status = ?", f.Status)
	}
	return q
}

func (f Filter) limit() int {
	if f.Limit <= 0 || f.Limit > 100 {
		return 20
	}
	return f.Limit
}

// listCols are the columns lists show (not the answers).
const listCols = "id, number, item_id, item_code, matter_name, body_name, region_code, dept_code, status, outcome, " +
	"applicant_name, due_at, submitted_at, accepted_at, completed_at, updated_at, version, delivery_method, courier, tracking_no"

// ForUser lists the user's cases, most recently changed first, and how many
// match (我的办件, C 0103 7.3 and 7.7 c).
func ForUser(ctx context.Context, st *models.Store, userID int64, f Filter) ([]Case, int64, error) {
	q := f.apply(st.DB.WithContext(ctx).Model(&Case{}).Where("user_id = ?", userID))
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []Case
	err := q.Select(listCols).Order("updated_at DESC, id DESC").Offset(f.Offset).Limit(f.limit()).Find(&out).Error
	return out, total, err
}

// GetForUser returns the user's own case; another user's is ErrNotFound.
func GetForUser(ctx context.Context, st *models.Store, userID, id int64) (Case, error) {
	var c Case
	err := st.DB.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&c).Error
	return c, notFound(err)
}

// GetInScope returns a case inside the staff scope; outside it is
// ErrNotFound, like a case that does not exist.
func GetInScope(ctx context.Context, st *models.Store, scope staff.Scope, id int64) (Case, error) {
	var c Case
	err := scope.Where(st.DB.WithContext(ctx).Where("id = ?", id), "region_code", "dept_code").Take(&c).Error
	return c, notFound(err)
}

// Queue lists the cases in scope for the console, oldest submission first
// (first come, first served), and how many match.
func Queue(ctx context.Context, st *models.Store, scope staff.Scope, f Filter) ([]Case, int64, error) {
	q := f.apply(scope.Where(st.DB.WithContext(ctx).Model(&Case{}), "region_code", "dept_code"))
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []Case
	err := q.Select(listCols).Order("submitted_at, id").Offset(f.Offset).Limit(f.limit()).Find(&out).Error
	return out, total, err
}

// Lookup is the public query (C 0103 7.3 办件查询): the case with number
// whose query code is code, or ErrNotFound (wrong number and wrong code
// are not told apart). The caller shows personal data masked.
func Lookup(ctx context.Context, st *models.Store, number, code string) (Case, error) {
	number, code = strings.TrimSpace(number), strings.TrimSpace(code)
	if number == "" || code == "" {
		return Case{}, models.ErrNotFound
	}
	var c Case
	err := st.DB.WithContext(ctx).Where("number = ?", number).Take(&c).Error
	if err != nil {
		return Case{}, notFound(err)
	}
	if !sameHash(c.QueryHash, hashCode(code)) {
		return Case{}, models.ErrNotFound
	}
	return c, nil
}

// Events is a case's timeline, oldest first.
func Events(ctx context.Context, st *models.Store, caseID int64) ([]Event, error) {
	var out []Event
	err := st.DB.WithContext(ctx).Where("case_id = ?", caseID).Order("created_at, id").Find(&out).Error
	return out, err
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// ByID returns a case by ID with no owner check: only for the public query
// result, whose ID came from a successful Lookup kept in the session.
func ByID(ctx context.Context, st *models.Store, id int64) (Case, error) {
	var c Case
	err := st.DB.WithContext(ctx).Where("id = ?", id).Take(&c).Error
	return c, notFound(err)
}
