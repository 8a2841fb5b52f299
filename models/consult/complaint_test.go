package consult_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/calendar"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/staff"
)

var ref = consult.RefCheck{
	Department: func(c string) (string, bool) { return "公安厅", c == "001003" },
	Region:     func(c string) bool { return c == "330000" || c == "330100" },
	Category:   func(c string) bool { return c == "01" },
}

// Issue 8 "done when", second half: a complaint about a completed case
// runs through its deadline (15 working days by the holidays calendar),
// escalates when overdue, and the reply carries the department's statement.
func TestComplaintRunsThroughItsDeadline(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	e.item(t, itemCode, "330100", "001003", 4)
	u, other := e.user(t, 4), e.user(t, 4)
	e.completedCase(u, 501, itemCode, "330100", "001003")

	in := consult.ComplaintInput{CaseID: 501, Title: "超时办结", Content: "承诺五天，实际十天。", Public: true}
	if _, err := e.svc.SubmitComplaint(ctx, other, 4, 0, in, ref); fieldsOf(t, err)["case_id"] == "" {
		t.Fatal("a complaint about another user's case must be refused")
	}
	// C 0103 7.5.2: the trust level is the matter's (4 here).
	if _, err := e.svc.SubmitComplaint(ctx, u, 3, 0, in, ref); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("level 3 for a level-4 matter: %v", err)
	}
	c, err := e.svc.SubmitComplaint(ctx, u, 4, 0, in, ref)
	if err != nil {
		t.Fatal(err)
	}
	cal, _ := calendar.Load(ctx, e.st)
	if want := cal.AddWorkingDays(monday, 15); !c.DeadlineAt.Equal(want) {
		t.Fatalf("deadline %v, want %v", c.DeadlineAt, want)
	}
	if c.CaseNumber != "BJ501" || c.RegionCode != "330100" || c.DeptCode != "001003" {
		t.Fatalf("subject from the case: %+v", c)
	}
	sc := staff.Scope{Region: "330000"}
	if open, overdue, _ := consult.Backlog(ctx, e.st, sc, e.now); open != 1 || overdue != 0 {
		t.Fatalf("backlog %d/%d", open, overdue)
	}
	e.now = c.DeadlineAt.Add(time.Hour)
	if n, err := e.svc.Escalate(ctx); err != nil || n != 1 {
		t.Fatalf("escalated %d %v", n, err)
	}
	if n, _ := e.svc.Escalate(ctx); n != 0 {
		t.Fatal("escalated twice")
	}
	if open, overdue, _ := consult.Backlog(ctx, e.st, sc, e.now); open != 1 || overdue != 1 {
		t.Fatalf("backlog %d/%d after the deadline", open, overdue)
	}
	list, _, _ := e.svc.StaffComplaints(ctx, sc, consult.QueueFilter{Overdue: true, Limit: 10})
	if len(list) != 1 || list[0].EscalationLevel != 1 || list[0].EscalatedAt == nil {
		t.Fatalf("overdue queue %+v", list)
	}
	h := handler(9, "330100", "001003")
	if err := e.svc.SetStatement(ctx, h, "", "本答复为告知性答复。", "不服可依法申请行政复议或者提起行政诉讼。"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.ReplyComplaint(ctx, h, "", c.ID, "杭州市公安局", "已核实并致歉。"); err != nil {
		t.Fatal(err)
	}
	pub, _, _ := e.svc.PublicComplaints(ctx, consult.Cursor{}, 5)
	if len(pub) != 1 || pub[0].LegalNature != "本答复为告知性答复。" || !strings.Contains(pub[0].Remedy, "行政诉讼") || pub[0].Person != "欧***" {
		t.Fatalf("public complaint %+v", pub)
	}
	if err := e.svc.ReplyComplaint(ctx, h, "", c.ID, "x", "again"); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("second reply: %v", err)
	}
}

func TestComplaintByDepartmentAndDrafts(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	u, other := e.user(t, 3), e.user(t, 3)
	bad := consult.ComplaintInput{DeptCode: "999", RegionCode: "110000", Category: "zz", Title: "", Content: ""}
	f := fieldsOf(t, func() error { _, err := e.svc.SubmitComplaint(ctx, u, 3, 0, bad, ref); return err }())
	for _, k := range []string{"dept_code", "region_code", "category", "title", "content"} {
		if f[k] == "" {
			t.Errorf("no message for %s: %v", k, f)
		}
	}
	d, err := e.svc.SaveComplaintDraft(ctx, u, 0, consult.ComplaintInput{Title: "半句"}, ref)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.MyComplaint(ctx, other, d.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("another user read a draft")
	}
	if err := e.svc.AddFile(ctx, other, d.ID, "k", "jpg", 1); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("another user attached a file")
	}
	for i := 0; i < consult.MaxFiles; i++ {
		if err := e.svc.AddFile(ctx, u, d.ID, "k", "jpg", 1); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.svc.AddFile(ctx, u, d.ID, "k", "jpg", 1); fieldsOf(t, err)["files"] == "" {
		t.Fatal("too many files accepted")
	}
	good := consult.ComplaintInput{DeptCode: "001003", RegionCode: "330000", Category: "01", Title: "窗口态度", Content: "态度差"}
	c, err := e.svc.SubmitComplaint(ctx, u, 3, d.ID, good, ref)
	if err != nil || c.Status != consult.StatusOpen || c.UnitName != "公安厅" {
		t.Fatalf("%+v %v", c, err)
	}
	if _, err := e.svc.StaffComplaint(ctx, staff.Scope{Region: "330000", Dept: "001004"}, c.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("other department sees the complaint")
	}
	if err := e.svc.SetReplyLimit(ctx, handler(1, "330000", ""), "", "10"); !errors.Is(err, models.ErrForbidden) {
		t.Fatal("a provincial handler changed the national limit")
	}
	if err := e.svc.SetReplyLimit(ctx, handler(1, staff.National, ""), "", "0"); fieldsOf(t, err)["limit"] == "" {
		t.Fatal("limit 0 accepted")
	}
	if err := e.svc.SetReplyLimit(ctx, handler(1, staff.National, ""), "", "10"); err != nil || e.svc.ReplyLimit(ctx) != 10 {
		t.Fatalf("limit: %v %d", err, e.svc.ReplyLimit(ctx))
	}
}
