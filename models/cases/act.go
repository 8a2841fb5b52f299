package cases

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/calendar"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
)

// StaffInput is what a staff member sends with an action. Version is the
// case version the page showed: a stale page is models.ErrConflict.
type StaffInput struct {
	Action     Action
	Version    int
	Note       string // reason (不予受理, 补正 list) or remarks
	Outcome    string // complete: OutcomeApproved or OutcomeRefused
	ResultName string // complete: the result document's file name
	ResultKey  string // complete: its blob key
}

func (in StaffInput) validate() error {
	var v models.ValidationError
	note := strings.TrimSpace(in.Note)
	if (in.Action == ActReject || in.Action == ActCorrect) && note == "" {
		v.Add("note", "cases.admin.note.required")
	}
	if utf8.RuneCountInString(note) > 1000 {
		v.Add("note", "cases.q.too_long")
	}
	if in.Action == ActComplete {
		if in.Outcome != OutcomeApproved && in.Outcome != OutcomeRefused {
			v.Add("outcome", "cases.admin.outcome.required")
		}
		if in.ResultKey == "" {
			v.Add("result", "cases.admin.result.required")
		}
	}
	return v.Err()
}

// StaffAct applies a staff action to a case in the actor's scope, records
// it on the timeline and in the audit log, and notifies the applicant in
// 我的消息 (C 0103 7.3: every change is told).
func StaffAct(ctx context.Context, st *models.Store, cal *calendar.Calendar, who staff.Staff, ip string, id int64, in StaffInput) (Case, error) {
	if !who.Can(staff.PermCases) {
		return Case{}, models.ErrForbidden
	}
	c, err := GetInScope(ctx, st, who.Scope(), id)
	if err != nil {
		return Case{}, err
	}
	if in.Version != c.Version {
		return c, models.ErrConflict
	}
	to, err := Next(c.Status, in.Action, ByStaff)
	if err != nil {
		return c, err
	}
	if err := in.validate(); err != nil {
		return c, err
	}
	before, now := c, time.Now().UTC()
	upd := map[string]any{"status": to, "version": c.Version + 1, "updated_at": now, "note": strings.TrimSpace(in.Note)}
	switch in.Action {
	case ActAccept:
		due := cal.AddWorkingDays(now, c.PromisedDays).UTC()
		upd["accepted_at"], upd["due_at"] = now, due
	case ActComplete:
		upd["completed_at"], upd["outcome"], upd["result_name"], upd["result_key"] = now, in.Outcome, in.ResultName, in.ResultKey
	case ActReject:
		upd["completed_at"] = now
	}
	err = st.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Case{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(upd)
		if res.Error != nil || res.RowsAffected != 1 {
			return firstErr(res.Error, models.ErrConflict)
		}
		if err := addEvent(tx, c.ID, string(in.Action), c.Status, to, ByStaff, &who.ID, strings.TrimSpace(in.Note), now); err != nil {
			return err
		}
		if _, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "case." + string(in.Action), ObjectType: "case",
			ObjectID: c.Number, Before: map[string]any{"status": before.Status}, After: map[string]any{"status": to, "note": in.Note, "outcome": in.Outcome}}); err != nil {
			return err
		}
		return notify(ctx, tx, c, to, in.Outcome)
	})
	if err != nil {
		return c, err
	}
	return GetInScope(ctx, st, who.Scope(), id)
}

// notify tells the applicant about a new status.
func notify(ctx context.Context, tx *gorm.DB, c Case, to Status, outcome string) error {
	label := map[Status]string{StatusAccepted: "已受理", StatusRejected: "不予受理", StatusProcessing: "办理中",
		StatusCorrection: "需要补正材料", StatusCompleted: "已办结", StatusWithdrawn: "已撤回"}[to]
	if to == StatusCompleted && outcome == OutcomeRefused {
		label = "已办结（不予许可）"
	}
	body := fmt.Sprintf("办件编号 %s：%s。", c.Number, label)
	if to == StatusCorrection {
		body += "请在办件详情页上传补正材料。"
	}
	return notifyRaw(ctx, tx, c, c.MatterName+"："+label, body)
}

func notifyRaw(ctx context.Context, tx *gorm.DB, c Case, title, body string) error {
	return usercenter.Notify(ctx, &models.Store{DB: tx}, c.UserID, MsgKind, title, body, fmt.Sprintf("/me/cases/%d", c.ID))
}

// Withdraw is the applicant's 撤回, allowed before acceptance only.
func Withdraw(ctx context.Context, st *models.Store, userID, id int64, version int) (Case, error) {
	return applicantAct(ctx, st, nil, userID, id, version, ActWithdraw)
}

// Resubmit hands the case back after the applicant uploaded corrections
// (补正). The deadline moves on by the working days the case waited.
func Resubmit(ctx context.Context, st *models.Store, cal *calendar.Calendar, userID, id int64, version int) (Case, error) {
	return applicantAct(ctx, st, cal, userID, id, version, ActResubmit)
}

func applicantAct(ctx context.Context, st *models.Store, cal *calendar.Calendar, userID, id int64, version int, a Action) (Case, error) {
	c, err := GetForUser(ctx, st, userID, id)
	if err != nil {
		return Case{}, err
	}
	if version != c.Version {
		return c, models.ErrConflict
	}
	to, err := Next(c.Status, a, ByApplicant)
	if err != nil {
		return c, err
	}
	now := time.Now().UTC()
	upd := map[string]any{"status": to, "version": c.Version + 1, "updated_at": now}
	if a == ActResubmit {
		round := CorrectionRound(ctx, st, c.ID)
		var n int64
		st.DB.WithContext(ctx).Model(&Material{}).Where("case_id = ? AND round = ?", c.ID, round).Count(&n)
		if n == 0 {
			return c, ErrIncomplete
		}
		if c.DueAt != nil {
			waited := cal.WorkingDaysBetween(c.UpdatedAt, now)
			due := cal.AddWorkingDays(*c.DueAt, waited).UTC()
			upd["due_at"] = due
		}
	}
	if a == ActWithdraw {
		upd["completed_at"] = now
	}
	err = st.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Case{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(upd)
		if res.Error != nil || res.RowsAffected != 1 {
			return firstErr(res.Error, models.ErrConflict)
		}
		return addEvent(tx, c.ID, string(a), c.Status, to, ByApplicant, &userID, "", now)
	})
	if err != nil {
		return c, err
	}
	return GetForUser(ctx, st, userID, id)
}

// CorrectionRound is the number of 补正 requests so far: corrections
// uploaded now belong to that round.
func CorrectionRound(ctx context.Context, st *models.Store, caseID int64) int {
	var n int64
	st.DB.WithContext(ctx).Model(&Event{}).Where("case_id = ? AND event = ?", caseID, ActCorrect).Count(&n)
	return int(n)
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
