package consult

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// QueueFilter selects a staff queue: a status ("" = all but drafts),
// only overdue, only held by moderation.
type QueueFilter struct {
	Status  string
	Overdue bool
	Held    bool
	Offset  int
	Limit   int
}

func (f QueueFilter) apply(db *gorm.DB, now time.Time) *gorm.DB {
	if f.Status != "" {
		db = db.Where("status = ?", f.Status)
	}
	if f.Overdue {
		db = db.Where("status IN ? AND deadline_at < ?", []string{StatusOpen, StatusAccepted}, now)
	}
	if f.Held {
		db = db.Where("flags <> ''")
	}
	return db.Order("CASE WHEN status = 'replied' THEN 1 ELSE 0 END, deadline_at, id")
}

func queue[T any](ctx context.Context, s *Service, kind string, sc staff.Scope, f QueueFilter) ([]T, int64, error) {
	db := f.apply(scoped(s.db(ctx), kind, sc), s.now()).Session(&gorm.Session{})
	var n int64
	if err := db.Count(&n).Error; err != nil {
		return nil, 0, err
	}
	var out []T
	err := db.Offset(max(f.Offset, 0)).Limit(min(max(f.Limit, 1), 100)).Find(&out).Error
	return out, n, err
}

// StaffConsultations is the consultation queue inside scope.
func (s *Service) StaffConsultations(ctx context.Context, sc staff.Scope, f QueueFilter) ([]Consultation, int64, error) {
	return queue[Consultation](ctx, s, KindConsultation, sc, f)
}

// StaffComplaints is the complaint queue inside scope.
func (s *Service) StaffComplaints(ctx context.Context, sc staff.Scope, f QueueFilter) ([]Complaint, int64, error) {
	return queue[Complaint](ctx, s, KindComplaint, sc, f)
}

// StaffConsultation is one submitted consultation inside scope.
func (s *Service) StaffConsultation(ctx context.Context, sc staff.Scope, id int64) (Consultation, error) {
	var c Consultation
	return c, notFound(scoped(s.db(ctx), KindConsultation, sc).Where("id = ?", id).Take(&c).Error)
}

// StaffComplaint is one submitted complaint inside scope.
func (s *Service) StaffComplaint(ctx context.Context, sc staff.Scope, id int64) (Complaint, error) {
	var c Complaint
	return c, notFound(scoped(s.db(ctx), KindComplaint, sc).Where("id = ?", id).Take(&c).Error)
}

// Escalate marks every overdue, unanswered item once: it then heads the
// queues and the dashboard, and a complaint's escalation level rises so
// the supervising level sees it (issue 8: overdue items escalate).
func (s *Service) Escalate(ctx context.Context) (int64, error) {
	now := s.now()
	var total int64
	for _, t := range []string{"consultations", "complaints"} {
		set := map[string]any{"escalated_at": now}
		if t == "complaints" {
			set["escalation_level"] = gorm.Expr("escalation_level + 1")
		}
		res := s.db(ctx).Table(t).Where("status IN ? AND deadline_at < ? AND escalated_at IS NULL",
			[]string{StatusOpen, StatusAccepted}, now).Updates(set)
		if res.Error != nil {
			return total, res.Error
		}
		total += res.RowsAffected
	}
	return total, nil
}

// Backlog counts unanswered consultations and complaints inside scope and
// how many of them are overdue at now (for the console dashboard).
func Backlog(ctx context.Context, st *models.Store, sc staff.Scope, now time.Time) (open, overdue int64, err error) {
	for _, kind := range []string{KindConsultation, KindComplaint} {
		var r struct{ Open, Overdue int64 }
		err = scoped(st.DB.WithContext(ctx), kind, sc).Select("COUNT(*) AS open, COALESCE(SUM(CASE WHEN deadline_at < ? THEN 1 ELSE 0 END), 0) AS overdue", now).
			Where("status IN ?", []string{StatusOpen, StatusAccepted}).Scan(&r).Error
		if err != nil {
			return 0, 0, err
		}
		open, overdue = open+r.Open, overdue+r.Overdue
	}
	return open, overdue, nil
}

// StatementFor is the statement of region and department, falling back to
// the region's general one; empty when none was made.
func (s *Service) StatementFor(ctx context.Context, region, dept string) (Statement, error) {
	var out []Statement
	err := s.db(ctx).Where("region_code = ? AND dept_code IN ?", region, []string{dept, ""}).Order("dept_code DESC").Find(&out).Error
	if err != nil || len(out) == 0 {
		return Statement{}, err
	}
	return out[0], nil
}

// SetStatement records the statement of who's own scope (region and
// department), audited.
func (s *Service) SetStatement(ctx context.Context, who staff.Staff, ip, nature, remedy string) error {
	nature, remedy = strings.TrimSpace(nature), strings.TrimSpace(remedy)
	v := &models.ValidationError{}
	if nature == "" || tooLong(nature, 500) {
		v.Add("legal_nature", "consult.error.legal_nature")
	}
	if remedy == "" || tooLong(remedy, 1000) {
		v.Add("remedy", "consult.error.remedy")
	}
	if err := v.Err(); err != nil {
		return err
	}
	sc := who.Scope()
	if sc.Region == "" {
		sc.Region = staff.National
	}
	row := Statement{RegionCode: sc.Region, DeptCode: sc.Dept, LegalNature: nature, Remedy: remedy, UpdatedAt: s.now()}
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("region_code = ? AND dept_code = ?", sc.Region, sc.Dept).Delete(&Statement{}).Error; err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "consult.statement", ObjectType: "consult_statement",
			ObjectID: sc.Region + "/" + sc.Dept, After: row})
		return err
	})
}

// SetReplyLimit configures the reply limit (1–60 working days); only a
// platform-level scope may, as it applies everywhere.
func (s *Service) SetReplyLimit(ctx context.Context, who staff.Staff, ip, raw string) error {
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || n < 1 || n > 60 {
		v := &models.ValidationError{}
		v.Add("limit", "consult.error.limit")
		return v
	}
	if !who.Scope().Everything() {
		return models.ErrForbidden
	}
	before := s.ReplyLimit(ctx)
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM consult_settings WHERE name = ?", "reply_limit_days").Error; err != nil {
			return err
		}
		if err := tx.Exec("INSERT INTO consult_settings (name, value) VALUES (?, ?)", "reply_limit_days", strconv.Itoa(n)).Error; err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "consult.reply_limit", ObjectType: "consult_setting",
			ObjectID: "reply_limit_days", Before: before, After: n})
		return err
	})
}
