package consult_test

import (
	"context"
	"errors"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/calendar"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/staff"
)

func stars(overall int) consult.Ratings {
	return consult.Ratings{"overall": overall, "visits": 5, "guide": 4, "efficiency": 3, "service": 2, "online": 1}
}

// C 0103 7.6.1 and reference.md §9: only one's own completed case, once;
// a rating of 2 or lower opens a 15-working-day follow-up with a call-back.
func TestCaseEvaluationAndFollowUp(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	u, other := e.user(t, 3), e.user(t, 3)
	e.completedCase(u, 7, itemCode, "330100", "001003")
	if _, err := e.svc.EvaluateCase(ctx, other, 7, stars(5), ""); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("rated another user's case: %v", err)
	}
	if _, err := e.svc.EvaluateCase(ctx, u, 8, stars(5), ""); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("rated a case that is not completed: %v", err)
	}
	r := stars(2)
	r["online"] = 0
	if f := fieldsOf(t, func() error { _, err := e.svc.EvaluateCase(ctx, u, 7, r, ""); return err }()); f["online"] == "" {
		t.Fatal("a missing dimension is refused")
	}
	ev, err := e.svc.EvaluateCase(ctx, u, 7, stars(2), "跑了三次")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.EvaluateCase(ctx, u, 7, stars(5), ""); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("second rating: %v", err)
	}
	other330 := staff.Scope{Region: "330100", Dept: "001004"}
	if list, _ := e.svc.FollowUps(ctx, other330, 10); len(list) != 0 {
		t.Fatal("another department sees the follow-up")
	}
	sc := staff.Scope{Region: "330000", Dept: "001003"}
	list, _ := e.svc.FollowUps(ctx, sc, 10)
	if len(list) != 1 || list[0].EvaluationID != ev.ID || list[0].Overall != 2 {
		t.Fatalf("follow-ups %+v", list)
	}
	cal, _ := calendar.Load(ctx, e.st)
	if want := cal.AddWorkingDays(monday, 15); !list[0].DeadlineAt.Equal(want) {
		t.Fatalf("deadline %v want %v", list[0].DeadlineAt, want)
	}
	h := handler(4, "330000", "001003")
	if err := e.svc.RecordCall(ctx, h, "", list[0].ID, "", "x"); len(fieldsOf(t, err)) != 2 {
		t.Fatal("note and outcome are required")
	}
	if err := e.svc.RecordCall(ctx, handler(5, "330100", "001004"), "", list[0].ID, "已回访", "resolved"); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("out-of-scope call-back recorded")
	}
	if err := e.svc.RecordCall(ctx, h, "", list[0].ID, "已电话回访，用户认可", "resolved"); err != nil {
		t.Fatal(err)
	}
	f, _ := e.svc.FollowUpByID(ctx, sc, list[0].ID)
	if f.Status != "done" || f.CalledAt == nil || f.Outcome != "resolved" {
		t.Fatalf("after the call %+v", f)
	}
	// A good rating opens nothing.
	e.completedCase(u, 9, itemCode, "330100", "001003")
	if _, err := e.svc.EvaluateCase(ctx, u, 9, stars(4), ""); err != nil {
		t.Fatal(err)
	}
	if list, _ := e.svc.FollowUps(ctx, sc, 10); len(list) != 1 {
		t.Fatalf("follow-ups %d", len(list))
	}
	s, _ := consult.ItemSatisfaction(ctx, e.st, itemCode)
	if s.Count != 2 || s.Average() != 3 || s.Rate() != 50 {
		t.Fatalf("item satisfaction %+v", s)
	}
	by, _ := consult.SatisfactionByDept(ctx, e.st, staff.Scope{Region: "330000"})
	if len(by) != 1 || by[0].Key != "001003" || by[0].Region != "330100" || by[0].Count != 2 {
		t.Fatalf("by dept %+v", by)
	}
	if by, _ := consult.SatisfactionByMatter(ctx, e.st, staff.Scope{Region: "320000"}); len(by) != 0 {
		t.Fatal("out-of-scope statistics")
	}
}

func TestAppEvaluation(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	u := e.user(t, 1)
	if _, err := e.svc.EvaluateApp(ctx, u, 999, 5, ""); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unknown app: %v", err)
	}
	e.st.DB.Exec("INSERT INTO apps (name, type, owner_org, site_code, entry_url, icon, description, status, created_at, updated_at) " +
		"VALUES ('社保查询', 'service', '人社厅', '330000', 'https://a.example.org/', '', '', 'online', '2026-01-01', '2026-01-01')")
	var appID int64
	e.st.DB.Raw("SELECT id FROM apps").Scan(&appID)
	if f := fieldsOf(t, func() error { _, err := e.svc.EvaluateApp(ctx, u, appID, 6, ""); return err }()); f["overall"] == "" {
		t.Fatal("rating 6 accepted")
	}
	if _, err := e.svc.EvaluateApp(ctx, u, appID, 1, "打不开"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.EvaluateApp(ctx, u, appID, 1, ""); !errors.Is(err, models.ErrConflict) {
		t.Fatal("rated the app twice")
	}
	if list, _ := e.svc.FollowUps(ctx, staff.Scope{Region: "330000"}, 10); len(list) != 1 || list[0].Kind != consult.EvalApp {
		t.Fatalf("app follow-up %+v", list)
	}
	by, _ := consult.SatisfactionByApp(ctx, e.st, staff.Scope{})
	if len(by) != 1 || by[0].Label != "社保查询" || by[0].Low != 1 {
		t.Fatalf("by app %+v", by)
	}
}
