package cases_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"sync"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/calendar"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/users"
)

type fixture struct {
	st   *models.Store
	cal  *calendar.Calendar
	bs   blob.Store
	user users.User
	item int64
}

// setup stores one L3 user and one online 居民身份证换领 item in 杭州市西湖区
// (and a second in 江苏) with a required and an optional material.
func setup(t *testing.T) fixture {
	t.Helper()
	st := modelstest.Open(t)
	db := st.DB
	now := time.Now().UTC()
	exec := func(q string, args ...any) {
		t.Helper()
		if err := db.Exec(q, args...).Error; err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO users (id, kind, phone, name, id_number, level, address, created_at, updated_at) VALUES (1, 'natural', '13800138000', '张三', '330106199003071236', 3, '杭州市西湖区文三路1号', ?, ?), (2, 'natural', '13900139000', '李四', '320102199003071230', 3, '', ?, ?)`, now, now, now, now)
	exec(`INSERT INTO matters (id, code, name, type, dept_code, created_at) VALUES (1, '07A0002', '居民身份证换领', '07', 'N007', ?)`, now)
	for i, region := range []string{"330106", "320102"} {
		exec(`INSERT INTO matter_items (id, code, matter_id, name, type, level, region_code, dept_code, body_name, body_code, promised_limit, promised_unit, online, trust_level, status, created_at, updated_at)
			VALUES (?, ?, 1, '居民身份证换领', '07', 4, ?, 'N007', '公安分局', '11330100002490133A', 15, '1', TRUE, 3, 'published', ?, ?)`, i+1, "07A0002-"+region, region, now, now)
		exec(`INSERT INTO item_materials (item_id, position, name, necessity, form, kind, source) VALUES (?, 1, '居民身份证申领登记表', '必要', '电子', '原件', '其他'), (?, 2, '居民身份证相片', '非必要', '电子', '原件', '其他')`, i+1, i+1)
	}
	cal, err := calendar.Load(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := blob.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	u, err := users.Get(context.Background(), st, 1)
	if err != nil {
		t.Fatal(err)
	}
	return fixture{st: st, cal: cal, bs: bs, user: u, item: 1}
}

var pdf = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

func pngBytes() []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2))) //nolint:errcheck
	return b.Bytes()
}

// fill walks the draft through every step with a valid upload.
func (f fixture) fill(t *testing.T, itemID int64, u users.User) cases.Draft {
	t.Helper()
	ctx := context.Background()
	item, err := cases.ItemFor(ctx, f.st, itemID)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cases.StartDraft(ctx, f.st, u.ID, item.Item)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		step string
		vals map[string]string
	}{
		{cases.StepApplicant, nil},
		{cases.StepDetails, map[string]string{"renew_reason": "expired"}},
		{cases.StepDelivery, map[string]string{"method": "post", "address": "杭州市", "phone": "13800138000"}},
	}
	for _, s := range steps {
		vals, err := cases.Validate(cases.Questions("07A0002", s.step), s.vals)
		if err != nil {
			t.Fatalf("%s: %v", s.step, err)
		}
		if d, err = cases.SaveStep(ctx, f.st, d, d.Version, s.step, vals); err != nil {
			t.Fatal(err)
		}
	}
	rules := cases.Rules(item)
	if _, err := cases.Upload(ctx, f.st, f.bs, cases.Attach{DraftID: d.ID}, rules[0], "form.pdf", bytes.NewReader(pdf)); err != nil {
		t.Fatal(err)
	}
	d, err = cases.SaveStep(ctx, f.st, d, d.Version, cases.StepMaterials, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestUploadRulesByContent(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	item, _ := cases.ItemFor(ctx, f.st, 1)
	rules := cases.Rules(item)
	if len(rules) != 2 || !rules[0].Required || rules[1].Required || len(rules[1].Kinds) != 2 {
		t.Fatalf("rules: %+v", rules)
	}
	at := cases.Attach{DraftID: 99}
	for _, tc := range []struct {
		name string
		r    cases.Rule
		data []byte
		want string
	}{
		{"a PDF named .jpg is a PDF: refused for the photo", rules[1], pdf, "cases.upload.type"},
		{"text named .pdf", rules[0], []byte("hello, not a pdf"), "cases.upload.type"},
		{"truncated PDF", rules[0], pdf[:20], "cases.upload.corrupt"},
		{"truncated PNG", rules[1], pngBytes()[:30], "cases.upload.corrupt"},
		{"empty", rules[0], nil, "cases.upload.empty"},
		{"too large", rules[1], append(pngBytes(), make([]byte, cases.MaxPhotoSize)...), "cases.upload.size"},
	} {
		_, err := cases.Upload(ctx, f.st, f.bs, at, tc.r, "x.jpg", bytes.NewReader(tc.data))
		var ue *cases.UploadError
		if !errors.As(err, &ue) || ue.Key != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
		}
	}
	m, err := cases.Upload(ctx, f.st, f.bs, at, rules[1], `C:\photos\me.png`, bytes.NewReader(pngBytes()))
	if err != nil || m.Kind != "png" || m.FileName != "me.png" {
		t.Fatalf("png: %+v %v", m, err)
	}
}

func TestSubmitIsIdempotentAndTheCaseRunsToCompletion(t *testing.T) {
	f := setup(t)
	c := quadrupleTap(t, f, f.fill(t, 1, f.user))
	zj := staff.Staff{ID: 7, Username: "zj", Role: staff.RoleCaseHandler, RegionCode: "330000"}
	scopeAndBacklog(t, f, c, zj)
	c = correctAndComplete(t, f, c, zj)
	deliverAndCheck(t, f, c, zj)
}

// quadrupleTap submits one draft four times at once: one case.
func quadrupleTap(t *testing.T, f fixture, d cases.Draft) cases.Case {
	t.Helper()
	ctx := context.Background()
	var wg sync.WaitGroup
	results := make([]cases.Submitted, 4)
	errs := make([]error, 4)
	for i := range results { // a quadruple tap
		wg.Add(1)
		go func(i int) { defer wg.Done(); results[i], errs[i] = cases.Submit(ctx, f.st, f.cal, f.user, d.Token) }(i)
	}
	wg.Wait()
	created := 0
	var c cases.Case
	for i, r := range results {
		if errs[i] != nil {
			t.Fatalf("submit %d: %v", i, errs[i])
		}
		if r.Created {
			created++
			c = r.Case
			if len(r.QueryCode) != 8 {
				t.Fatalf("query code %q", r.QueryCode)
			}
			if _, err := cases.Lookup(ctx, f.st, c.Number, r.QueryCode); err != nil {
				t.Fatalf("public lookup: %v", err)
			}
			if _, err := cases.Lookup(ctx, f.st, c.Number, "00000000"); !errors.Is(err, models.ErrNotFound) {
				t.Fatal("a wrong query code must find nothing")
			}
		}
	}
	var n int64
	f.st.DB.Model(&cases.Case{}).Count(&n)
	if created != 1 || n != 1 {
		t.Fatalf("%d created, %d rows; want one case", created, n)
	}
	if len(c.Number) != 20 || c.Status != cases.StatusSubmitted || c.DueAt == nil {
		t.Fatalf("case %+v", c)
	}
	return c
}

// scopeAndBacklog: a 江苏 handler never sees a 浙江 case; backlogs count
// open and overdue cases in scope only.
func scopeAndBacklog(t *testing.T, f fixture, c cases.Case, zj staff.Staff) {
	t.Helper()
	ctx := context.Background()
	// Another user cannot see it; the applicant can.
	if _, err := cases.GetForUser(ctx, f.st, 2, c.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("another user's case must be not found")
	}
	// A 江苏 case (item 2 in 320102) is never seen by the 浙江 handler.
	lisi, _ := users.Get(ctx, f.st, 2)
	jsRes, err := cases.Submit(ctx, f.st, f.cal, lisi, f.fill(t, 2, lisi).Token)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cases.GetInScope(ctx, f.st, zj.Scope(), jsRes.Case.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("the 浙江 handler must not see a 江苏 case")
	}
	if list, _, _ := cases.Queue(ctx, f.st, zj.Scope(), cases.Filter{}); len(list) != 1 || list[0].ID != c.ID {
		t.Fatalf("the 浙江 queue: %+v", list)
	}
	js := staff.Staff{ID: 8, Username: "js", Role: staff.RoleCaseHandler, RegionCode: "320000"}
	if _, err := cases.StaffAct(ctx, f.st, f.cal, js, "", c.ID, cases.StaffInput{Action: cases.ActAccept, Version: 1}); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("江苏 handler on a 浙江 case: %v", err)
	}
	open, overdue, err := cases.Backlog(ctx, f.st, zj.Scope(), time.Now())
	if err != nil || open != 1 || overdue != 0 {
		t.Fatalf("backlog %d %d %v", open, overdue, err)
	}
	if open, _, _ := cases.Backlog(ctx, f.st, js.Scope(), time.Now()); open != 1 {
		t.Fatal("the 江苏 backlog counts its own case only")
	}
	if _, overdue, _ := cases.Backlog(ctx, f.st, zj.Scope(), time.Now().AddDate(0, 1, 0)); overdue != 1 {
		t.Fatal("a month on, the unaccepted case is overdue")
	}
}

// correctAndComplete: accept, ask for a correction, the applicant uploads
// and resubmits, complete with a result; stale and forbidden moves fail.
func correctAndComplete(t *testing.T, f fixture, c cases.Case, zj staff.Staff) cases.Case {
	t.Helper()
	ctx := context.Background()
	var err error
	act := func(in cases.StaffInput) cases.Case {
		t.Helper()
		in.Version = c.Version
		got, err := cases.StaffAct(ctx, f.st, f.cal, zj, "127.0.0.1", c.ID, in)
		if err != nil {
			t.Fatalf("%s: %v", in.Action, err)
		}
		return got
	}
	if _, err := cases.StaffAct(ctx, f.st, f.cal, zj, "", c.ID, cases.StaffInput{Action: cases.ActAccept, Version: 9}); !errors.Is(err, models.ErrConflict) {
		t.Fatal("a stale version must conflict")
	}
	if _, err := cases.Withdraw(ctx, f.st, 2, c.ID, c.Version); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("another user cannot withdraw")
	}
	c = act(cases.StaffInput{Action: cases.ActAccept})
	if _, err := cases.Withdraw(ctx, f.st, 1, c.ID, c.Version); !errors.Is(err, cases.ErrTransition) {
		t.Fatal("no withdrawal after acceptance")
	}
	c = act(cases.StaffInput{Action: cases.ActCorrect, Note: "请上传清晰的登记表"})
	if _, err := cases.Resubmit(ctx, f.st, f.cal, 1, c.ID, c.Version); !errors.Is(err, cases.ErrIncomplete) {
		t.Fatal("resubmitting without a correction upload must be refused")
	}
	item, _ := cases.ItemFor(ctx, f.st, 1)
	round := cases.CorrectionRound(ctx, f.st, c.ID)
	if _, err := cases.Upload(ctx, f.st, f.bs, cases.Attach{CaseID: c.ID, Round: round}, cases.Rules(item)[0], "new.pdf", bytes.NewReader(pdf)); err != nil {
		t.Fatal(err)
	}
	if c, err = cases.Resubmit(ctx, f.st, f.cal, 1, c.ID, c.Version); err != nil || c.Status != cases.StatusProcessing {
		t.Fatalf("resubmit: %v %s", err, c.Status)
	}
	if _, err := cases.StaffAct(ctx, f.st, f.cal, zj, "", c.ID, cases.StaffInput{Action: cases.ActComplete, Version: c.Version}); err == nil {
		t.Fatal("completion needs an outcome and a result document")
	}
	return act(cases.StaffInput{Action: cases.ActComplete, Outcome: cases.OutcomeApproved, ResultName: "准予决定书.pdf", ResultKey: "k"})
}

// deliverAndCheck: the completed case for evaluations, its delivery, the
// timeline, messages and audit entries.
func deliverAndCheck(t *testing.T, f fixture, c cases.Case, zj staff.Staff) {
	t.Helper()
	ctx := context.Background()
	done, err := cases.CompletedForUser(ctx, f.st, 1)
	if err != nil || len(done) != 1 || done[0].Number != c.Number {
		t.Fatalf("completed for user: %+v %v", done, err)
	}
	if _, err := cases.CompletedByID(ctx, f.st, 2, c.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("CompletedByID of another user's case must be not found")
	}
	if _, err := cases.SetDelivery(ctx, f.st, zj, "", c.ID, cases.DeliveryInput{Courier: "ems", TrackingNo: "x", Version: c.Version}); err == nil {
		t.Fatal("a short tracking number must be refused")
	}
	if c, err = cases.SetDelivery(ctx, f.st, zj, "", c.ID, cases.DeliveryInput{Courier: "ems", TrackingNo: "EMS1234567890", Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	evs, err := cases.Delivery(ctx, f.st, cases.DemoTracker{}, c)
	if err != nil || len(evs) == 0 || evs[0].Status != "collected" {
		t.Fatalf("delivery: %+v %v", evs, err)
	}
	tl, _ := cases.Events(ctx, f.st, c.ID)
	if len(tl) != 6 || tl[0].Event != "submit" || tl[5].Event != "deliver" { // submit accept correct resubmit complete deliver
		t.Fatalf("timeline: %+v", tl)
	}
	var msgs, audits int64
	f.st.DB.Table("user_messages").Where("user_id = 1").Count(&msgs)
	f.st.DB.Table("audit_log").Where("object_type = 'case'").Count(&audits)
	if msgs < 5 || audits != 4 {
		t.Fatalf("%d messages and %d audit entries", msgs, audits)
	}
}

func TestStaleDraftFormAndStepOrder(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	item, _ := cases.ItemFor(ctx, f.st, 1)
	d, _ := cases.StartDraft(ctx, f.st, 1, item.Item)
	if d.MayOpen(cases.StepMaterials) {
		t.Fatal("a fresh draft must not open the materials page")
	}
	d2, err := cases.SaveStep(ctx, f.st, d, d.Version, cases.StepApplicant, nil)
	if err != nil || !d2.MayOpen(cases.StepDetails) || d2.MayOpen(cases.StepDelivery) {
		t.Fatalf("after the first step: %v", err)
	}
	if _, err := cases.SaveStep(ctx, f.st, d, d.Version, cases.StepApplicant, nil); !errors.Is(err, models.ErrConflict) {
		t.Fatal("a stale form must conflict")
	}
	again, _ := cases.StartDraft(ctx, f.st, 1, item.Item)
	if again.ID != d.ID {
		t.Fatal("starting again resumes the open draft")
	}
	if _, err := cases.Submit(ctx, f.st, f.cal, f.user, d.Token); !errors.Is(err, cases.ErrIncomplete) {
		t.Fatal("an incomplete draft cannot be submitted")
	}
	other, _ := users.Get(ctx, f.st, 2)
	if _, err := cases.Submit(ctx, f.st, f.cal, other, d.Token); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("another user's token must be not found")
	}
}
