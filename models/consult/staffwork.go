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

// Object types of the two queues (also the audit object types and the
// hidden log's kinds).
const (
	KindConsultation = "consultation"
	KindComplaint    = "complaint"
)

func tableOf(kind string) string {
	if kind == KindComplaint {
		return "complaints"
	}
	return "consultations"
}

// state is what a staff action checks before changing a row.
type state struct {
	ID       int64
	Status   string
	Flags    string
	HiddenAt *time.Time
	UnitName string
	Region   string `gorm:"column:region_code"`
	Dept     string `gorm:"column:dept_code"`
}

// scoped selects the submitted (never draft) rows of kind inside scope.
func scoped(db *gorm.DB, kind string, sc staff.Scope) *gorm.DB {
	return sc.Where(db.Table(tableOf(kind)).Where("status <> ?", StatusDraft), "region_code", "dept_code")
}

// act runs one audited staff action on a row of kind inside who's scope:
// check(st) may refuse (models.ErrConflict), cols are then written, the
// published flag recomputed and the audit entry appended, all in one
// transaction. Out of scope is models.ErrNotFound.
func (s *Service) act(ctx context.Context, who staff.Staff, ip, kind string, id int64, action string,
	check func(state) error, cols func(state) map[string]any) error {
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		var st state
		err := scoped(tx, kind, who.Scope()).Select("id, status, flags, hidden_at, unit_name, region_code, dept_code").
			Where("id = ?", id).Take(&st).Error
		if err != nil {
			return notFound(err)
		}
		if err := check(st); err != nil {
			return err
		}
		c := cols(st)
		c["updated_at"] = s.now()
		if err := tx.Table(tableOf(kind)).Where("id = ?", id).Updates(c).Error; err != nil {
			return err
		}
		if err := republish(tx, tableOf(kind), id); err != nil {
			return err
		}
		after := map[string]any{}
		for k, v := range c {
			if k != "reply" {
				after[k] = v
			}
		}
		_, err = audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: kind + "." + action, ObjectType: kind,
			ObjectID: strconv.FormatInt(id, 10), Before: map[string]any{"status": st.Status, "flags": st.Flags}, After: after})
		return err
	})
}

func inStatus(ok ...string) func(state) error {
	return func(st state) error {
		for _, s := range ok {
			if st.Status == s {
				return nil
			}
		}
		return models.ErrConflict
	}
}

// Accept records that the staff member's unit accepted a consultation
// (C 0103 7.5.1 受理单位).
func (s *Service) Accept(ctx context.Context, who staff.Staff, ip string, id int64, unit string) error {
	now := s.now()
	return s.act(ctx, who, ip, KindConsultation, id, "accept", inStatus(StatusOpen), func(state) map[string]any {
		return map[string]any{"status": StatusAccepted, "accepted_unit": unit, "accepted_by": who.ID, "accepted_at": now}
	})
}

func replyError(reply string) error {
	v := &models.ValidationError{}
	switch {
	case strings.TrimSpace(reply) == "":
		v.Add("reply", "consult.error.reply")
	case tooLong(reply, MaxReply):
		v.Add("reply", "consult.error.reply_long")
	}
	return v.Err()
}

// ReplyConsultation answers a consultation; accepting it on the way when
// nobody had (回复单位, 回复内容, 回复时间).
func (s *Service) ReplyConsultation(ctx context.Context, who staff.Staff, ip string, id int64, unit, reply string) error {
	reply = strings.TrimSpace(reply)
	if err := replyError(reply); err != nil {
		return err
	}
	now := s.now()
	return s.act(ctx, who, ip, KindConsultation, id, "reply", inStatus(StatusOpen, StatusAccepted), func(st state) map[string]any {
		c := map[string]any{"status": StatusReplied, "reply": reply, "reply_unit": unit, "replied_by": who.ID, "replied_at": now}
		if st.Status == StatusOpen {
			c["accepted_unit"], c["accepted_by"], c["accepted_at"] = unit, who.ID, now
		}
		return c
	})
}

// ReplyComplaint answers a complaint with the department's statement of
// the reply's legal nature and the remedies (C 0103 7.5.2).
func (s *Service) ReplyComplaint(ctx context.Context, who staff.Staff, ip string, id int64, unit, reply string) error {
	reply = strings.TrimSpace(reply)
	if err := replyError(reply); err != nil {
		return err
	}
	now := s.now()
	return s.act(ctx, who, ip, KindComplaint, id, "reply", inStatus(StatusOpen, StatusAccepted), func(st state) map[string]any {
		stm, _ := s.StatementFor(ctx, st.Region, st.Dept)
		return map[string]any{"status": StatusReplied, "reply": reply, "reply_unit": unit, "replied_by": who.ID,
			"replied_at": now, "legal_nature": stm.LegalNature, "remedy": stm.Remedy}
	})
}

// Release clears moderation after staff checked the held text: the item
// may be published once replied (issue 8 item 4).
func (s *Service) Release(ctx context.Context, who staff.Staff, ip, kind string, id int64) error {
	return s.act(ctx, who, ip, kind, id, "release", func(st state) error {
		if st.Flags == "" {
			return models.ErrConflict
		}
		return nil
	}, func(state) map[string]any { return map[string]any{"flags": ""} })
}

// Hide takes an item off the public pages and writes the public log line
// that says so and why.
func (s *Service) Hide(ctx context.Context, who staff.Staff, ip, kind string, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || tooLong(reason, 200) {
		v := &models.ValidationError{}
		v.Add("reason", "consult.error.reason")
		return v
	}
	now := s.now()
	err := s.act(ctx, who, ip, kind, id, "hide", func(st state) error {
		if st.HiddenAt != nil {
			return models.ErrConflict
		}
		return nil
	}, func(state) map[string]any { return map[string]any{"hidden_at": now, "hidden_reason": reason} })
	if err != nil {
		return err
	}
	return s.db(ctx).Create(&HiddenEntry{ObjectType: kind, ObjectID: id, Reason: reason, StaffID: who.ID, CreatedAt: now}).Error
}
