package consult

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/calendar"
)

// DefaultReplyLimit is the complaint reply limit in working days when
// staff have not configured one (issue 8: default 15 working days).
const DefaultReplyLimit = 15

// FollowUpDays is the follow-up limit of a low rating (reference.md §9).
const FollowUpDays = 15

// Case is a user's completed case as this package needs it (the shape of
// cases.Completed).
type Case struct {
	ID          int64
	Number      string
	ItemCode    string
	MatterName  string
	DeptCode    string
	RegionCode  string
	CompletedAt time.Time
}

// CaseSource answers for a user's completed cases (models/cases).
// CompletedByID returns models.ErrNotFound unless the case is the user's
// own and completed.
type CaseSource interface {
	CompletedForUser(ctx context.Context, userID int64) ([]Case, error)
	CompletedByID(ctx context.Context, userID, caseID int64) (Case, error)
}

// Service holds what the package's operations share.
type Service struct {
	st    *models.Store
	cases CaseSource
	// Now is the clock (tests move it to run deadlines out).
	Now func() time.Time
}

// New returns a service; cases may be nil (complaints and evaluations
// about cases are then refused as not found).
func New(st *models.Store, cases CaseSource) *Service {
	return &Service{st: st, cases: cases, Now: func() time.Time { return time.Now().UTC() }}
}

// Store is the service's database handle.
func (s *Service) Store() *models.Store { return s.st }

func (s *Service) db(ctx context.Context) *gorm.DB { return s.st.DB.WithContext(ctx) }

func (s *Service) now() time.Time { return s.Now().UTC() }

// completedByID asks the case source, refusing everything without one.
func (s *Service) completedByID(ctx context.Context, userID, caseID int64) (Case, error) {
	if s.cases == nil || caseID <= 0 {
		return Case{}, models.ErrNotFound
	}
	return s.cases.CompletedByID(ctx, userID, caseID)
}

// CompletedCases lists the user's completed cases (empty without a source).
func (s *Service) CompletedCases(ctx context.Context, userID int64) ([]Case, error) {
	if s.cases == nil {
		return nil, nil
	}
	return s.cases.CompletedForUser(ctx, userID)
}

// ReplyLimit is the configured reply limit in working days.
func (s *Service) ReplyLimit(ctx context.Context) int {
	var v string
	s.db(ctx).Raw("SELECT value FROM consult_settings WHERE name = ?", "reply_limit_days").Scan(&v)
	if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 60 {
		return n
	}
	return DefaultReplyLimit
}

// deadline is n working days after from by the holidays calendar.
func (s *Service) deadline(ctx context.Context, from time.Time, n int) (time.Time, error) {
	cal, err := calendar.Load(ctx, s.st)
	if err != nil {
		return time.Time{}, err
	}
	return cal.AddWorkingDays(from, n).UTC(), nil
}

// Cases is the user's own completed case caseID (models.ErrNotFound for
// another user's, an open one or none).
func (s *Service) Cases(ctx context.Context, userID, caseID int64) (Case, error) {
	return s.completedByID(ctx, userID, caseID)
}
