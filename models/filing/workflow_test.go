package filing_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/models/filing/filingtest"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/staff"
)

type fixture struct {
	st    *models.Store
	svc   *filing.Service
	owner int64
	other int64
	sent  []string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := modelstest.Open(t)
	for _, sql := range []string{
		`INSERT INTO regions (code, name, parent_code, level, province_code, sort) VALUES ('330000', '浙江省', '000000', 1, '330000', 11)`,
		`INSERT INTO regions (code, name, parent_code, level, province_code, sort) VALUES ('320000', '江苏省', '000000', 1, '320000', 10)`,
		`INSERT INTO users (kind, phone, password_hash, name, level, session_epoch, created_at, updated_at) VALUES ('legal', '13900139000', 'x', '单位甲', 3, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
		`INSERT INTO users (kind, phone, password_hash, name, level, session_epoch, created_at, updated_at) VALUES ('legal', '13900139001', 'x', '单位乙', 3, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
	} {
		if err := st.DB.Exec(sql).Error; err != nil {
			t.Fatal(err)
		}
	}
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := blob.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, svc: filing.NewService(st, blobs, ref)}
	f.svc.Notify = func(_ context.Context, user int64, tpl string, p map[string]string) error {
		f.sent = append(f.sent, tpl+":"+p["decision"])
		return nil
	}
	st.DB.Raw("SELECT id FROM users WHERE phone = '13900139000'").Scan(&f.owner)
	st.DB.Raw("SELECT id FROM users WHERE phone = '13900139001'").Scan(&f.other)
	return f
}

func completeForm() filing.Form {
	return filing.Form{Level: filing.LevelLocal, RegionCode: "330000", OrgName: "浙江省大数据发展管理局", Details: filing.Details{
		Name: "浙里办", FullName: "浙江政务服务网", Description: "办事、查询、缴费。", ReleaseNotes: "1.0：首次发布。",
		RespUnit: "浙江省大数据发展管理局", SupervisorUnit: "浙江省人民政府办公厅", SupervisorPhone: "0571-87050000",
		ManagerName: "王五", ManagerPhone: "13800138002", TechUnit: "示例科技有限公司", TechContact: "赵六", TechPhone: "13800138003"}}
}

// complete fills every upload of a draft.
func (f *fixture) complete(t *testing.T, id int64) {
	t.Helper()
	ctx := context.Background()
	if err := f.svc.SetIcon(ctx, f.owner, id, bytes.NewReader(filingtest.PNG(192, 192, 1))); err != nil {
		t.Fatal(err)
	}
	for i := byte(0); i < 3; i++ {
		if err := f.svc.AddScreenshot(ctx, f.owner, id, bytes.NewReader(filingtest.PNG(90, 160, 10+i))); err != nil {
			t.Fatal(err)
		}
	}
	apk := filingtest.APK(filingtest.AXMLOptions{Package: "cn.gov.zj.app", VersionName: "1.0.0", VersionCode: 100})
	if err := f.svc.SetPackage(ctx, f.owner, id, bytes.NewReader(apk)); err != nil {
		t.Fatal(err)
	}
}

func fields(err error) map[string]string {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return ve.Fields
	}
	return nil
}

// C 0103 9.4 a (备案信息应完整): a filing missing anything cannot be submitted,
// and the refusal names every missing part.
func TestC94a_IncompleteFilingCannotBeSubmitted(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	form := completeForm()
	form.TechPhone, form.ReleaseNotes = "", ""
	fl, err := f.svc.Create(ctx, f.owner, form)
	if err != nil {
		t.Fatal(err)
	}
	got := fields(f.svc.Submit(ctx, f.owner, fl.ID))
	for _, want := range []string{"tech_phone", "release_notes", "icon", "screenshot", "package"} {
		if got[want] == "" {
			t.Errorf("missing %s not reported: %v", want, got)
		}
	}
	// Two screenshots are not enough (5.3 a: at least three).
	f.svc.AddScreenshot(ctx, f.owner, fl.ID, bytes.NewReader(filingtest.PNG(90, 160, 1)))
	f.svc.AddScreenshot(ctx, f.owner, fl.ID, bytes.NewReader(filingtest.PNG(90, 160, 2)))
	if fields(f.svc.Submit(ctx, f.owner, fl.ID))["screenshot"] == "" {
		t.Fatal("two screenshots accepted")
	}
	again, _ := filing.GetOwned(ctx, f.st, f.owner, fl.ID)
	if again.Status != filing.StatusDraft {
		t.Fatalf("status %s after a refused submission", again.Status)
	}
}

func TestFormChecksWhatIsGiven(t *testing.T) {
	f := newFixture(t)
	form := completeForm()
	form.ManagerPhone, form.Name, form.RegionCode = "12345678", "一二三四五六七八九十一二三四五六七八九十一", "999999"
	got := fields(func() error { _, err := f.svc.Create(context.Background(), f.owner, form); return err }())
	for k, v := range map[string]string{"manager_phone": "filing.err.phone.format", "name": "filing.err.name.long",
		"region_code": "filing.err.region_code.unknown"} {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	form = completeForm()
	form.Level, form.DeptCode = filing.LevelDept, "N007"
	fl, err := f.svc.Create(context.Background(), f.owner, form)
	if err != nil || fl.RegionCode != refdata.National || fl.DeptCode != "N007" {
		t.Fatalf("department filing: %+v %v", fl, err)
	}
}

func TestUploadsAreCheckedByContent(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fl, _ := f.svc.Create(ctx, f.owner, completeForm())
	png := filingtest.PNG(100, 100, 1)
	cases := []struct {
		name, field, want string
		err               error
	}{
		{"text as icon", "icon", "filing.err.icon.type", f.svc.SetIcon(ctx, f.owner, fl.ID, bytes.NewReader([]byte("hello")))},
		{"oblong icon", "icon", "filing.err.icon.square", f.svc.SetIcon(ctx, f.owner, fl.ID, bytes.NewReader(filingtest.PNG(100, 50, 1)))},
		{"truncated screenshot", "screenshot", "filing.err.screenshot.corrupt", f.svc.AddScreenshot(ctx, f.owner, fl.ID, bytes.NewReader(png[:len(png)/2]))},
		{"png as package", "package", "filing.err.package.type", f.svc.SetPackage(ctx, f.owner, fl.ID, bytes.NewReader(png))},
		{"zip without manifest", "package", "filing.err.package.manifest", f.svc.SetPackage(ctx, f.owner, fl.ID, bytes.NewReader(filingtest.IPA("", "1", "1")))},
	}
	for _, c := range cases {
		if got := fields(c.err)[c.field]; got != c.want {
			t.Errorf("%s: %q (%v), want %q", c.name, got, c.err, c.want)
		}
	}
	f.svc.PackageLimit = 100
	apk := filingtest.APK(filingtest.AXMLOptions{Package: "a.b", VersionName: "1", VersionCode: 1})
	if got := fields(f.svc.SetPackage(ctx, f.owner, fl.ID, bytes.NewReader(apk)))["package"]; got != "filing.err.package.large" {
		t.Fatalf("over the limit: %q", got)
	}
	f.svc.PackageLimit = filing.DefaultPackageLimit
	ipa := filingtest.IPA("cn.gov.ios", "2.0", "20")
	if err := f.svc.SetPackage(ctx, f.owner, fl.ID, bytes.NewReader(ipa)); err != nil {
		t.Fatal(err)
	}
	got, _ := filing.GetOwned(ctx, f.st, f.owner, fl.ID)
	if got.PackageKind != filing.KindIPA || got.PackageName != "cn.gov.ios" || got.PackageVersion != "2.0" ||
		len(got.PackageSM3) != 64 || got.PackageSize != int64(len(ipa)) {
		t.Fatalf("%+v", got)
	}
	// Another account's filing is not found.
	if err := f.svc.SetIcon(ctx, f.other, fl.ID, bytes.NewReader(png)); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other owner: %v", err)
	}
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func checklist(failItem string) []filing.Check {
	var out []filing.Check
	for _, it := range filing.ChecklistItems {
		c := filing.Check{Item: it, Passed: yes()}
		if it == failItem {
			c.Passed, c.Note = no(), "截图不足以展示主要功能"
		}
		out = append(out, c)
	}
	return out
}

// Review item by item, changes requested, resubmitted, approved: the
// history keeps both revisions and both reviews; scope is enforced.
func TestReviewWorkflowKeepsHistory(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fl, _ := f.svc.Create(ctx, f.owner, completeForm())
	f.complete(t, fl.ID)
	if err := f.svc.Submit(ctx, f.owner, fl.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Update(ctx, f.owner, fl.ID, completeForm()); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("edited while in review: %v", err)
	}
	zj := filing.Reviewer{ID: 1, Scope: staff.Scope{Region: "330000"}}
	js := filing.Reviewer{ID: 2, Scope: staff.Scope{Region: "320000"}}
	if err := f.svc.Review(ctx, js, fl.ID, filing.Decision{Decision: filing.DecisionApprove, Checks: checklist("")}); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("out-of-scope reviewer: %v", err)
	}
	bad := fields(f.svc.Review(ctx, zj, fl.ID, filing.Decision{Decision: filing.DecisionApprove, Checks: checklist("c")[:8]}))
	if bad["check_i"] != "filing.err.check.required" || bad["decision"] != "filing.err.decision.failed" {
		t.Fatalf("approve with a failed and a missing item: %v", bad)
	}
	noNote := checklist("e")
	noNote[4].Note = ""
	if fields(f.svc.Review(ctx, zj, fl.ID, filing.Decision{Decision: filing.DecisionChanges, Note: "x", Checks: noNote}))["note_e"] == "" {
		t.Fatal("a failed item without a note accepted")
	}
	if err := f.svc.Review(ctx, zj, fl.ID, filing.Decision{Decision: filing.DecisionChanges, Note: "请补充截图", Checks: checklist("a")}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.AddScreenshot(ctx, f.owner, fl.ID, bytes.NewReader(filingtest.PNG(90, 160, 99))); err != nil {
		t.Fatalf("edit after changes requested: %v", err)
	}
	if err := f.svc.Submit(ctx, f.owner, fl.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Review(ctx, zj, fl.ID, filing.Decision{Decision: filing.DecisionApprove, Checks: checklist("")}); err != nil {
		t.Fatal(err)
	}
	revs, reviews, err := filing.History(ctx, f.st, fl.ID)
	if err != nil || len(revs) != 2 || len(reviews) != 2 {
		t.Fatalf("history: %d revisions, %d reviews, %v", len(revs), len(reviews), err)
	}
	if _, shots := revs[0].Frozen(); len(shots) != 3 {
		t.Fatalf("revision 1 froze %d screenshots", len(shots))
	}
	if _, shots := revs[1].Frozen(); len(shots) != 4 {
		t.Fatalf("revision 2 froze %d screenshots", len(shots))
	}
	if len(reviews[0].Items) != 9 || reviews[0].Items[0].Passed || reviews[0].Items[0].Note == "" || reviews[0].Revision != 1 {
		t.Fatalf("first review: %+v", reviews[0])
	}
	list, _ := filing.Approved(ctx, f.st, 10)
	if len(list) != 1 || list[0].ID != fl.ID {
		t.Fatalf("public list: %+v", list)
	}
	if strings.Join(f.sent, " ") != "filing_submitted: filing_decided:changes filing_submitted: filing_decided:approve" {
		t.Fatalf("messages: %v", f.sent)
	}
	if err := f.svc.Review(ctx, zj, fl.ID, filing.Decision{Decision: filing.DecisionRefuse, Checks: checklist("a"), Note: "x"}); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("decided twice: %v", err)
	}
}

// Allowed transitions of the state machine, and nothing else.
func TestTransitions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	zj := filing.Reviewer{ID: 1, Scope: staff.Scope{Region: "330000"}}
	fl, _ := f.svc.Create(ctx, f.owner, completeForm())
	if err := f.svc.Review(ctx, zj, fl.ID, filing.Decision{Decision: filing.DecisionApprove, Checks: checklist("")}); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a draft is invisible to reviewers: %v", err)
	}
	f.complete(t, fl.ID)
	f.svc.Submit(ctx, f.owner, fl.ID)
	if err := f.svc.Submit(ctx, f.owner, fl.ID); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("submitted twice: %v", err)
	}
	if err := f.svc.Review(ctx, zj, fl.ID, filing.Decision{Decision: filing.DecisionRefuse, Note: "不符合命名要求", Checks: checklist("a")}); err != nil {
		t.Fatal(err)
	}
	got, _ := filing.GetOwned(ctx, f.st, f.owner, fl.ID)
	if got.Status != filing.StatusRefused || got.DecidedAt == nil || time.Since(*got.DecidedAt) > time.Minute {
		t.Fatalf("%+v", got)
	}
	if err := f.svc.Submit(ctx, f.owner, fl.ID); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("a refused filing resubmitted: %v", err)
	}
	if _, err := filing.GetApproved(ctx, f.st, fl.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("a refused filing is public")
	}
}

// A message that cannot be sent does not undo or fail the decision.
func TestNotifyFailureDoesNotFailTheReview(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var heard []error
	f.svc.Notify = func(context.Context, int64, string, map[string]string) error { return errors.New("inbox down") }
	f.svc.OnNotifyError = func(err error) { heard = append(heard, err) }
	fl, _ := f.svc.Create(ctx, f.owner, completeForm())
	f.complete(t, fl.ID)
	if err := f.svc.Submit(ctx, f.owner, fl.ID); err != nil {
		t.Fatal(err)
	}
	zj := filing.Reviewer{ID: 1, Scope: staff.Scope{Region: "330000"}}
	if err := f.svc.Review(ctx, zj, fl.ID, filing.Decision{Decision: filing.DecisionApprove, Checks: checklist("")}); err != nil {
		t.Fatal(err)
	}
	if len(heard) != 2 {
		t.Fatalf("notify errors heard: %v", heard)
	}
}
