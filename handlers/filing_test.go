package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/models/filing/filingtest"
	"github.com/zwfw/portal/models/staff"
)

// reviewValues passes every 9.4 item, or fails the given ones with a note.
func reviewValues(decision string, fail ...string) url.Values {
	v := url.Values{"decision": {decision}}
	for _, it := range filing.ChecklistItems {
		v.Set("check_"+it, "pass")
	}
	for _, it := range fail {
		v.Set("check_"+it, "fail")
		v.Set("note_"+it, "第 "+it+" 项不符合要求")
	}
	if decision != filing.DecisionApprove {
		v.Set("note", "请按审核意见修改")
	}
	return v
}

// Issue 11 done-when: a filing is submitted, reviewed item by item (changes
// requested, resubmitted) and approved, then listed publicly with the
// contacts masked and the package's digest.
func TestFilingSubmitReviewAndApprove(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	org := orgAccount(t, env, "13600000011", "91350100M000100Y43")
	want(t, org.Get("/developer/filings/new"), http.StatusOK, "new form")
	path := newFiling(t, org, filingValues())
	completeFiling(t, env, org, path)
	page := org.Get(path)
	want(t, page, http.StatusOK, "filing page")
	doc := page.Doc(t)
	if !strings.Contains(doc.Find("dl").Text(), "cn.gov.zj.zlb") || !strings.Contains(page.Body, "7.1.0 (710)") {
		t.Fatalf("package name and version not read from the APK: %s", snippet(doc.Find("main").Text()))
	}
	if doc.Find(".zw-filing__shot img").Length() != 3 {
		t.Fatal("three screenshots expected")
	}
	wantRedirect(t, org.Post(path+"/submit", nil), path)

	rev, _ := admintest.SignIn(t, env, staff.RoleFilingReviewer, "330000", "")
	list := rev.Get("/admin/filings")
	want(t, list, http.StatusOK, "review queue")
	id := strings.TrimPrefix(path, "/developer/filings/")
	if list.Doc(t).Find(`a[href="/admin/filings/`+id+`"]`).Length() != 1 {
		t.Fatal("the submitted filing is not in the queue")
	}
	show := rev.Get("/admin/filings/" + id)
	want(t, show, http.StatusOK, "review page")
	sdoc := show.Doc(t)
	if sdoc.Find(`input[name="check_a"]`).Length() != 2 || sdoc.Find(`textarea[name="note_i"]`).Length() != 1 {
		t.Fatal("the review form must have the 9.4 a–i checklist")
	}
	pkg, _ := sdoc.Find(`a[download]`).Attr("href")
	if r := rev.Get(pkg); r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/vnd.android.package-archive" {
		t.Fatalf("package download: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	wantRedirect(t, rev.Post("/admin/filings/"+id+"/review", reviewValues(filing.DecisionChanges, "e")), "/admin/filings/"+id)
	if !strings.Contains(org.Get(path).Body, "第 e 项不符合要求") {
		t.Fatal("the organisation does not see the reviewer's note")
	}
	if r := filingUpload(t, env, org, path+"/screenshots", "screenshot", filingtest.PNG(90, 160, 9), true); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit after changes requested: %d", r.StatusCode)
	}
	wantRedirect(t, org.Post(path+"/submit", nil), path)
	wantRedirect(t, rev.Post("/admin/filings/"+id+"/review", reviewValues(filing.DecisionApprove)), "/admin/filings/"+id)

	hist := org.Get(path).Doc(t).Find(".zw-filing__history > li")
	if hist.Length() != 4 {
		t.Fatalf("history holds %d entries, want 2 submissions and 2 reviews", hist.Length())
	}
	pub := env.Client().Get("/filings")
	want(t, pub, http.StatusOK, "public list")
	if pub.Doc(t).Find(`a[href="/filings/`+id+`"]`).Length() != 1 {
		t.Fatal("the approved client is not listed")
	}
	detail := env.Client().Get("/filings/" + id)
	want(t, detail, http.StatusOK, "public detail")
	if strings.Contains(detail.Body, "13800138002") || !strings.Contains(detail.Body, "138****8002") || !strings.Contains(detail.Body, "王**") {
		t.Fatal("contacts must be masked on the public page (reference.md §6)")
	}
	var key string
	env.Store.DB.Raw("SELECT package_key FROM filings WHERE id = ?", id).Scan(&key)
	if r := env.Client().Get("/filings/" + id + "/files/" + key); r.StatusCode != http.StatusNotFound {
		t.Fatalf("the package is downloadable publicly: %d", r.StatusCode)
	}
	var msgs int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM message_queue WHERE template = 'filing_decided' AND status IN ('sent', 'deferred')").Scan(&msgs)
	if msgs != 2 {
		t.Fatalf("decision messages: %d", msgs)
	}
}

// 9.4 a through the page: an incomplete filing is refused with 422 and the
// error summary names what is missing.
func TestC94a_IncompleteFilingIsRefusedOnThePage(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	org := orgAccount(t, env, "13600000012", "91350100M000100Y43")
	v := filingValues()
	v.Del("tech_phone")
	path := newFiling(t, org, v)
	r := org.Post(path+"/submit", nil)
	want(t, r, http.StatusUnprocessableEntity, "incomplete submission")
	got := r.Doc(t).Find(".zw-error-summary a")
	texts := got.Text()
	for _, wantText := range []string{"请填写技术联系电话", "请上传图标", "请上传至少三张应用截图", "请上传安装包"} {
		if !strings.Contains(texts, wantText) {
			t.Errorf("missing %q in the error summary: %s", wantText, texts)
		}
	}
	if h, _ := got.First().Attr("href"); h != path+"/edit#tech_phone" {
		t.Fatalf("first link %q must lead to the field", h)
	}
	var status string
	env.Store.DB.Raw("SELECT status FROM filings").Scan(&status)
	if status != filing.StatusDraft {
		t.Fatalf("status %s", status)
	}
}

func TestFilingFormKeepsValuesAndExplainsEachField(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	org := orgAccount(t, env, "13600000013", "91350100M000100Y43")
	v := filingValues()
	v.Set("manager_phone", "1234567")
	v.Set("name", strings.Repeat("长", 21))
	r := org.Post("/developer/filings", v)
	want(t, r, http.StatusUnprocessableEntity, "bad form")
	doc := r.Doc(t)
	if got := strings.TrimSpace(doc.Find("#manager_phone-error").Text()); !strings.Contains(got, "电话号码格式不正确") {
		t.Fatalf("message next to the phone: %q", got)
	}
	if doc.Find("#name-error").Length() != 1 || doc.Find("#full_name").AttrOr("value", "") != "浙江政务服务网" {
		t.Fatal("the name's message or the typed values are missing")
	}
	path := newFiling(t, org, filingValues())
	r = filingUpload(t, env, org, path+"/icon", "icon", []byte("not an image"), true)
	want(t, r, http.StatusUnprocessableEntity, "text as icon")
	if got := r.Doc(t).Find("#icon-error").Text(); !strings.Contains(got, "PNG 或 JPG") {
		t.Fatalf("icon message: %q", got)
	}
	r = filingUpload(t, env, org, path+"/package", "package", filingtest.PNG(10, 10, 1), true)
	want(t, r, http.StatusUnprocessableEntity, "image as package")
	if got := r.Doc(t).Find("#package-error").Text(); !strings.Contains(got, "APK 或 IPA") {
		t.Fatalf("package message: %q", got)
	}
}

func TestFilingAccessRules(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	r := env.Client().Get("/developer/filings")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Fatalf("visitor: %d", r.StatusCode)
	}
	person := signIn(t, env, "13800138000", "Zwfw@2026demo")
	want(t, person.Get("/developer/filings"), http.StatusForbidden, "natural person")
	org := orgAccount(t, env, "13600000014", "91350100M000100Y43")
	other := orgAccount(t, env, "13600000015", "91110108551385082Q")
	path := newFiling(t, org, filingValues())
	want(t, other.Get(path), http.StatusNotFound, "another organisation's filing")
	want(t, other.Post(path+"/submit", nil), http.StatusNotFound, "another organisation's submit")
	want(t, org.Get("/developer/filings/999999"), http.StatusNotFound, "unknown filing")
	want(t, org.PostRaw("/developer/filings", filingValues()), http.StatusForbidden, "no CSRF token")
	want(t, filingUpload(t, env, org, path+"/icon", "icon", filingtest.PNG(64, 64, 1), false), http.StatusForbidden, "upload without CSRF")
	completeFiling(t, env, org, path)
	wantRedirect(t, org.Post(path+"/submit", nil), path)
	id := strings.TrimPrefix(path, "/developer/filings/")
	js, _ := admintest.SignIn(t, env, staff.RoleFilingReviewer, "320000", "")
	want(t, js.Get("/admin/filings/"+id), http.StatusNotFound, "out-of-scope reviewer")
	want(t, js.Post("/admin/filings/"+id+"/review", reviewValues(filing.DecisionApprove)), http.StatusNotFound, "out-of-scope review")
	editor, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	want(t, editor.Get("/admin/filings"), http.StatusForbidden, "role without PermFilings")
	want(t, env.Client().Get("/admin/filings"), http.StatusSeeOther, "visitor in the console")
	zj, _ := admintest.SignIn(t, env, staff.RoleFilingReviewer, "330000", "")
	bad := reviewValues(filing.DecisionApprove, "b")
	bad.Del("check_c")
	r = zj.Post("/admin/filings/"+id+"/review", bad)
	want(t, r, http.StatusUnprocessableEntity, "approve with a failed item")
	sum := errorSummary(r.Doc(t))
	if sum["check_c"] == "" || sum["decision"] == "" {
		t.Fatalf("error summary: %v", sum)
	}
	if r.Doc(t).Find("#check_c-error").Length() != 1 || r.Doc(t).Find(`#note_b`).Text() != "第 b 项不符合要求" {
		t.Fatal("messages next to the fields and the typed notes must be kept")
	}
	want(t, env.Client().Get("/filings/"+id), http.StatusNotFound, "a filing in review is not public")
}
