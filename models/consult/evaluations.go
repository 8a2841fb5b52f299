package consult

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// Evaluation kinds (C 0103 7.6.1 办件评价, 7.6.2 应用评价).
const (
	EvalCase = "case"
	EvalApp  = "app"
)

// LowRating is the highest overall rating that opens a follow-up
// (reference.md §9: 2 不满意 or 1 很不满意).
const LowRating = 2

// Dimensions are table 1's five ratings besides the overall one, in order:
// 去现场次数满意度, 办事指南符合度, 办事效率, 服务质量, 网上体验.
var Dimensions = []string{"visits", "guide", "efficiency", "service", "online"}

// Evaluation is one rating.
type Evaluation struct {
	ID         int64
	UserID     int64
	Kind       string
	CaseID     *int64
	AppID      *int64
	ItemCode   string
	MatterName string
	RegionCode string
	DeptCode   string
	Overall    int
	Visits     *int
	Guide      *int
	Efficiency *int
	Service    *int
	Online     *int
	Content    string
	CreatedAt  time.Time
}

// TableName maps Evaluation to its table.
func (Evaluation) TableName() string { return "evaluations" }

// FollowUp is the department's follow-up of a low rating: a call-back
// within 15 working days, recorded.
type FollowUp struct {
	ID           int64
	EvaluationID int64
	RegionCode   string
	DeptCode     string
	Status       string // open, done
	DeadlineAt   time.Time
	CalledAt     *time.Time
	CalledBy     *int64
	CallNote     string
	Outcome      string
	CreatedAt    time.Time
}

// TableName maps FollowUp to its table.
func (FollowUp) TableName() string { return "consult_followups" }

// Ratings are the form's stars: "overall" and each of Dimensions, 1–5.
type Ratings map[string]int

func validRating(n int) bool { return n >= 1 && n <= 5 }

func checkRatings(r Ratings, fields []string, content string) error {
	v := &models.ValidationError{}
	for _, f := range fields {
		if !validRating(r[f]) {
			v.Add(f, "consult.error.rating")
		}
	}
	if tooLong(content, 500) {
		v.Add("content", "consult.error.eval_long")
	}
	return v.Err()
}

// EvaluateCase rates the user's own completed case, once (C 0103 7.6.1,
// table 1). Not the user's, not completed: models.ErrNotFound; a second
// rating: models.ErrConflict.
func (s *Service) EvaluateCase(ctx context.Context, userID, caseID int64, r Ratings, content string) (Evaluation, error) {
	c, err := s.completedByID(ctx, userID, caseID)
	if err != nil {
		return Evaluation{}, err
	}
	content = strings.TrimSpace(content)
	if err := checkRatings(r, append([]string{"overall"}, Dimensions...), content); err != nil {
		return Evaluation{}, err
	}
	ptr := func(k string) *int { v := r[k]; return &v }
	e := Evaluation{UserID: userID, Kind: EvalCase, CaseID: &c.ID, ItemCode: c.ItemCode, MatterName: c.MatterName,
		RegionCode: c.RegionCode, DeptCode: c.DeptCode, Overall: r["overall"], Visits: ptr("visits"), Guide: ptr("guide"),
		Efficiency: ptr("efficiency"), Service: ptr("service"), Online: ptr("online"), Content: content, CreatedAt: s.now()}
	return e, s.saveEvaluation(ctx, &e)
}

// EvaluateApp rates an online app (C 0103 7.6.2, table 2), once per user.
func (s *Service) EvaluateApp(ctx context.Context, userID, appID int64, overall int, content string) (Evaluation, error) {
	a, err := apps.Get(ctx, s.st, appID)
	if err != nil || !a.Serving() {
		return Evaluation{}, models.ErrNotFound
	}
	content = strings.TrimSpace(content)
	if err := checkRatings(Ratings{"overall": overall}, []string{"overall"}, content); err != nil {
		return Evaluation{}, err
	}
	e := Evaluation{UserID: userID, Kind: EvalApp, AppID: &a.ID, MatterName: a.Name, RegionCode: a.SiteCode,
		Overall: overall, Content: content, CreatedAt: s.now()}
	return e, s.saveEvaluation(ctx, &e)
}

// saveEvaluation stores e and, for a low rating, its follow-up.
func (s *Service) saveEvaluation(ctx context.Context, e *Evaluation) error {
	due, err := s.deadline(ctx, e.CreatedAt, FollowUpDays)
	if err != nil {
		return err
	}
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(e).Error; err != nil {
			if models.IsUniqueViolation(err) {
				return models.ErrConflict
			}
			return err
		}
		if e.Overall > LowRating {
			return nil
		}
		return tx.Create(&FollowUp{EvaluationID: e.ID, RegionCode: e.RegionCode, DeptCode: e.DeptCode, Status: "open",
			DeadlineAt: due, CreatedAt: e.CreatedAt}).Error
	})
}

// CaseEvaluated reports whether the case already has its rating.
func (s *Service) CaseEvaluated(ctx context.Context, caseID int64) (bool, error) {
	var n int64
	err := s.db(ctx).Model(&Evaluation{}).Where("case_id = ?", caseID).Count(&n).Error
	return n > 0, err
}

// FollowUpRow is a follow-up with the rating it answers.
type FollowUpRow struct {
	FollowUp
	Kind       string
	MatterName string
	Overall    int
	Content    string
	UserID     int64
}

func followUps(db *gorm.DB, sc staff.Scope) *gorm.DB {
	db = db.Table("consult_followups f").Joins("JOIN evaluations e ON e.id = f.evaluation_id").
		Select("f.*, e.kind, e.matter_name, e.overall, e.content, e.user_id")
	return sc.Where(db, "f.region_code", "f.dept_code")
}

// FollowUps lists follow-ups inside scope, open ones first by deadline.
func (s *Service) FollowUps(ctx context.Context, sc staff.Scope, limit int) ([]FollowUpRow, error) {
	var out []FollowUpRow
	err := followUps(s.db(ctx), sc).Order("CASE WHEN f.status = 'open' THEN 0 ELSE 1 END, f.deadline_at, f.id").
		Limit(min(max(limit, 1), 200)).Scan(&out).Error
	return out, err
}

// FollowUpByID is one follow-up inside scope.
func (s *Service) FollowUpByID(ctx context.Context, sc staff.Scope, id int64) (FollowUpRow, error) {
	var out []FollowUpRow
	err := followUps(s.db(ctx), sc).Where("f.id = ?", id).Scan(&out).Error
	if err != nil || len(out) == 0 {
		return FollowUpRow{}, firstErr(err, models.ErrNotFound)
	}
	return out[0], nil
}

// RecordCall records the call-back of a follow-up and closes it, audited.
func (s *Service) RecordCall(ctx context.Context, who staff.Staff, ip string, id int64, note, outcome string) error {
	note, outcome = strings.TrimSpace(note), strings.TrimSpace(outcome)
	v := &models.ValidationError{}
	if note == "" || tooLong(note, 1000) {
		v.Add("note", "consult.error.note")
	}
	if outcome != "resolved" && outcome != "unresolved" && outcome != "unreachable" {
		v.Add("outcome", "consult.error.outcome")
	}
	if err := v.Err(); err != nil {
		return err
	}
	f, err := s.FollowUpByID(ctx, who.Scope(), id)
	if err != nil {
		return err
	}
	if f.Status != "open" {
		return models.ErrConflict
	}
	now := s.now()
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		err := tx.Table("consult_followups").Where("id = ? AND status = ?", id, "open").
			Updates(map[string]any{"status": "done", "called_at": now, "called_by": who.ID, "call_note": note, "outcome": outcome}).Error
		if err != nil {
			return err
		}
		_, err = audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "followup.call", ObjectType: "followup",
			ObjectID: strconv.FormatInt(id, 10), Before: map[string]any{"status": "open"}, After: map[string]any{"status": "done", "outcome": outcome}})
		return err
	})
}
