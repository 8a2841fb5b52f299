package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
)

const renewCode = "07A0002-330106" // 居民身份证换领, 杭州市公安局西湖分局, online

// materialIDs maps the guide's material names to their IDs.
func materialIDs(t *testing.T, env *handlertest.Env) map[string]string {
	t.Helper()
	var rows []struct {
		ID   int64
		Name string
	}
	env.Store.DB.Raw("SELECT m.id, m.name FROM item_materials m JOIN matter_items i ON i.id = m.item_id WHERE i.code = ?", renewCode).Scan(&rows)
	out := map[string]string{}
	for _, r := range rows {
		out[r.Name] = strconv.FormatInt(r.ID, 10)
	}
	if len(out) < 2 {
		t.Fatalf("demo materials of %s: %v", renewCode, out)
	}
	return out
}

var caseNumber = regexp.MustCompile(`\b(\d{20})\b`)

// applyForRenewal walks the applicant through every page of 居民身份证换领
// (C 0103 7.2) and returns the case page path and its number and code.
func applyForRenewal(t *testing.T, env *handlertest.Env, c *handlertest.Client) (string, string, string) {
	t.Helper()
	base := startDraft(t, c, renewCode)
	// A tampered step order is refused with the way back.
	r := c.Get(base + "/materials")
	want(t, r, http.StatusConflict, "materials before the questions")
	if !strings.Contains(mainText(t, r), "请按顺序填写") {
		t.Fatal("the refusal must say why")
	}
	// The applicant page shows what the account knows (6.1 h), masked ID.
	r = c.Get(base + "/applicant")
	if txt := mainText(t, r); !strings.Contains(txt, "张三") || !strings.Contains(txt, "3****************6") {
		t.Fatalf("known fields must be shown: %s", txt)
	}
	wantRedirect(t, c.Post(base+"/applicant", url.Values{"version": {version(t, c, base+"/applicant")}}), base+"/details")
	v := version(t, c, base+"/details")
	r = c.Post(base+"/details", url.Values{"version": {v}})
	want(t, r, http.StatusUnprocessableEntity, "no reason")
	if errorSummary(r.Doc(t))["renew_reason"] != "请选择换领原因" {
		t.Fatalf("error summary: %v", errorSummary(r.Doc(t)))
	}
	wantRedirect(t, c.Post(base+"/details", url.Values{"version": {v}, "renew_reason": {"expired"}}), base+"/delivery")
	deliveryStep(t, c, base)
	uploadMaterials(t, env, c, base)
	return submitTwice(t, env, c, base)
}

// deliveryStep: known phone filled in; post needs an address.
func deliveryStep(t *testing.T, c *handlertest.Client, base string) {
	t.Helper()
	r := c.Get(base + "/delivery")
	if r.Doc(t).Find("#phone").AttrOr("value", "") != usercenter.DemoPhone {
		t.Fatal("the account's phone must be filled in")
	}
	v := version(t, c, base+"/delivery")
	r = c.Post(base+"/delivery", url.Values{"version": {v}, "method": {"post"}, "phone": {usercenter.DemoPhone}})
	want(t, r, http.StatusUnprocessableEntity, "post without address")
	if errorSummary(r.Doc(t))["address"] == "" || r.Doc(t).Find(`input[name="method"][value="post"]`).AttrOr("checked", "x") == "x" {
		t.Fatal("the address must be asked for, with the choice kept")
	}
	wantRedirect(t, c.Post(base+"/delivery", url.Values{"version": {v}, "method": {"post"}, "address": {"浙江省杭州市西湖区文三路 100 号"},
		"phone": {usercenter.DemoPhone}}), base+"/materials")
}

// submitTwice checks the answers and submits with a double tap.
func submitTwice(t *testing.T, env *handlertest.Env, c *handlertest.Client, base string) (string, string, string) {
	t.Helper()
	r := c.Get(base + "/check")
	want(t, r, http.StatusOK, "check your answers")
	doc := r.Doc(t)
	if txt := mainText(t, r); !strings.Contains(txt, "有效期已满") || !strings.Contains(txt, "邮寄送达") {
		t.Fatalf("check page: %s", txt)
	}
	token := doc.Find(`input[name="token"]`).AttrOr("value", "")
	// A double tap: both answers lead to the one case.
	r1 := c.Post(base+"/submit", url.Values{"token": {token}})
	r2 := c.Post(base+"/submit", url.Values{"token": {token}})
	if r1.StatusCode != http.StatusSeeOther || r1.Header.Get("Location") != r2.Header.Get("Location") {
		t.Fatalf("double tap: %d %q / %q", r1.StatusCode, r1.Header.Get("Location"), r2.Header.Get("Location"))
	}
	var n int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM cases WHERE draft_id = ?", strings.TrimPrefix(base, "/cases/drafts/")).Scan(&n)
	if n != 1 {
		t.Fatalf("%d cases after a double tap", n)
	}
	r = c.Get(r1.Header.Get("Location"))
	want(t, r, http.StatusOK, "confirmation")
	number := r.Doc(t).Find("#case-number").Text()
	code := r.Doc(t).Find("#query-code").Text()
	if !caseNumber.MatchString(number) || len(code) != 8 {
		t.Fatalf("confirmation: number %q code %q", number, code)
	}
	return strings.TrimSuffix(r1.Header.Get("Location"), "/submitted"), number, code
}

func uploadMaterials(t *testing.T, env *handlertest.Env, c *handlertest.Client, base string) {
	t.Helper()
	ids := materialIDs(t, env)
	form, photo, card := ids["居民身份证申领登记表"], ids["居民身份证相片"], ids["原居民身份证"]
	r := postFile(t, env, c, base+"/materials/upload", map[string]string{"material_id": form}, "file", "登记表.pdf", casePDF[:20])
	want(t, r, http.StatusUnprocessableEntity, "truncated PDF")
	if !strings.Contains(r.Doc(t).Find("#file-"+form+"-error").Text(), "已损坏") {
		t.Fatalf("the reason must be beside the material: %s", snippet(r.Body))
	}
	r = postFile(t, env, c, base+"/materials/upload", map[string]string{"material_id": photo}, "file", "photo.jpg", casePDF)
	want(t, r, http.StatusUnprocessableEntity, "a PDF named .jpg for the photo")
	if !strings.Contains(r.Doc(t).Find("#file-"+photo+"-error").Text(), "格式") {
		t.Fatal("a wrong type must be explained beside the photo")
	}
	r = c.Post(base+"/materials", url.Values{"version": {version(t, c, base+"/materials")}})
	want(t, r, http.StatusUnprocessableEntity, "required materials missing")
	wantRedirect(t, postFile(t, env, c, base+"/materials/upload", map[string]string{"material_id": form}, "file", "登记表.pdf", casePDF), base+"/materials")
	wantRedirect(t, postFile(t, env, c, base+"/materials/upload", map[string]string{"material_id": photo}, "file", "photo.jpg", caseJPEG()), base+"/materials")
	r = c.Post(base+"/materials/licence", url.Values{"material_id": {card}, "licence_id": {"someone-else"}})
	want(t, r, http.StatusUnprocessableEntity, "unknown licence")
	wantRedirect(t, c.Post(base+"/materials/licence", url.Values{"material_id": {card}, "licence_id": {"demo-idcard"}}), base+"/materials")
	wantRedirect(t, c.Post(base+"/materials", url.Values{"version": {version(t, c, base+"/materials")}}), base+"/check")
}

// The whole journey of issue 7: a person applies for 居民身份证换领, a
// 浙江 case handler accepts, asks for a correction and completes it with
// the result; the applicant follows every step and sees the delivery.
func TestCaseJourneyRenewIDCard(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword)
	casePath, number, code := applyForRenewal(t, env, c)
	caseID := strings.TrimPrefix(casePath, "/me/cases/")

	other := signIn(t, env, usercenter.DemoPhoneLegal, usercenter.DemoPassword)
	want(t, other.Get(casePath), http.StatusNotFound, "another user's case")
	want(t, env.Client().Get("/me/cases"), http.StatusSeeOther, "logged out")

	js, _ := admintest.SignIn(t, env, staff.RoleCaseHandler, "320000", "")
	want(t, js.Get("/admin/cases/"+caseID), http.StatusNotFound, "江苏 handler on a 浙江 case")
	if strings.Contains(js.Get("/admin/cases?status=all").Body, number) {
		t.Fatal("the 江苏 queue must not list a 浙江 case")
	}
	zj, _ := admintest.SignIn(t, env, staff.RoleCaseHandler, "330000", "")
	if !strings.Contains(zj.Get("/admin/cases").Body, number) {
		t.Fatal("the 浙江 queue lists the case")
	}
	handleCase(t, env, c, zj, casePath, "/admin/cases/"+caseID)
	applicantSeesResult(t, env, c, casePath, caseID)
	publicQuery(t, env, number, code)
}

// handleCase: accept, ask for a correction (the applicant sends it),
// complete with the result document and record the delivery.
func handleCase(t *testing.T, env *handlertest.Env, c, zj *handlertest.Client, casePath, adminPath string) {
	t.Helper()
	staffAct(t, zj, adminPath, url.Values{"action": {"accept"}}, http.StatusSeeOther)
	want(t, c.Post(casePath+"/withdraw", url.Values{"version": {"1"}}), http.StatusConflict, "withdraw after acceptance")
	r := staffAct(t, zj, adminPath, url.Values{"action": {"request_correction"}}, http.StatusUnprocessableEntity)
	if errorSummary(r.Doc(t))["correct-note"] == "" {
		t.Fatalf("a correction needs its list: %v", errorSummary(r.Doc(t)))
	}
	staffAct(t, zj, adminPath, url.Values{"action": {"request_correction"}, "note": {"请重新上传清晰的申领登记表"}}, http.StatusSeeOther)
	// Stale page: the version shown before the correction request.
	want(t, zj.Post(adminPath, url.Values{"action": {"accept"}, "version": {"1"}}), http.StatusConflict, "stale staff page")

	r = c.Get(casePath)
	if txt := mainText(t, r); !strings.Contains(txt, "待补正") || !strings.Contains(txt, "请重新上传清晰的申领登记表") {
		t.Fatalf("the applicant sees the correction request: %s", txt)
	}
	ver := r.Doc(t).Find(`form[action="`+casePath+`/resubmit"] input[name="version"]`).AttrOr("value", "")
	want(t, c.Post(casePath+"/resubmit", url.Values{"version": {ver}}), http.StatusUnprocessableEntity, "resubmit with nothing uploaded")
	ids := materialIDs(t, env)
	wantRedirect(t, postFile(t, env, c, casePath+"/corrections", map[string]string{"material_id": ids["居民身份证申领登记表"]}, "file", "new.pdf", casePDF), casePath)
	wantRedirect(t, c.Post(casePath+"/resubmit", url.Values{"version": {ver}}), casePath)

	r = zj.Get(adminPath)
	v := r.Doc(t).Find(`input[name="version"]`).First().AttrOr("value", "")
	r = postFile(t, env, zj, adminPath, map[string]string{"action": "complete", "version": v, "outcome": "approved"}, "result", "决定书.pdf", []byte("not a pdf"))
	want(t, r, http.StatusUnprocessableEntity, "a result that is not a PDF")
	wantRedirect(t, postFile(t, env, zj, adminPath, map[string]string{"action": "complete", "version": v, "outcome": "approved"}, "result", "准予决定书.pdf", casePDF), adminPath)
	v = zj.Get(adminPath).Doc(t).Find(`form[action="`+adminPath+`/delivery"] input[name="version"]`).AttrOr("value", "")
	want(t, zj.Post(adminPath+"/delivery", url.Values{"version": {v}, "courier": {"ems"}, "tracking_no": {"1"}}), http.StatusUnprocessableEntity, "short tracking number")
	wantRedirect(t, zj.Post(adminPath+"/delivery", url.Values{"version": {v}, "courier": {"ems"}, "tracking_no": {"EMS9876543210"}}), adminPath)
}

// applicantSeesResult: status, result, delivery tracking, evaluation link,
// and a message and an audit entry for every change.
func applicantSeesResult(t *testing.T, env *handlertest.Env, c *handlertest.Client, casePath, caseID string) {
	t.Helper()
	r := c.Get(casePath)
	txt := mainText(t, r)
	for _, w := range []string{"已办结（准予）", "准予决定书.pdf", "EMS9876543210", "快递员已揽收", "已提交补正材料", "演示数据"} {
		if !strings.Contains(txt, w) {
			t.Errorf("the case page must show %q: %s", w, txt)
		}
	}
	if r.Doc(t).Find(`a[href="/evaluations/new?case=`+caseID+`"]`).Length() != 1 {
		t.Error("a completed case links to its evaluation")
	}
	if res := c.Get(casePath + "/result"); res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Body, "%PDF") {
		t.Errorf("result download: %d", res.StatusCode)
	}
	var msgs, audits int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM user_messages WHERE kind = 'case'").Scan(&msgs)
	env.Store.DB.Raw("SELECT COUNT(*) FROM audit_log WHERE object_type = 'case'").Scan(&audits)
	if msgs < 5 || audits != 4 {
		t.Errorf("every change notifies (%d messages) and every staff action is audited (%d)", msgs, audits)
	}
}

func staffAct(t *testing.T, c *handlertest.Client, path string, form url.Values, status int) *handlertest.Response {
	t.Helper()
	form.Set("version", c.Get(path).Doc(t).Find(`input[name="version"]`).First().AttrOr("value", ""))
	r := c.Post(path, form)
	want(t, r, status, "staff "+form.Get("action"))
	return r
}

// The public query (C 0103 7.3): no sign-in, masked personal data.
func publicQuery(t *testing.T, env *handlertest.Env, number, code string) {
	t.Helper()
	v := env.Client()
	r := v.Post("/cases/query", url.Values{"number": {number}, "code": {"00000000"}})
	want(t, r, http.StatusUnprocessableEntity, "wrong query code")
	if r.Doc(t).Find("#number").AttrOr("value", "") != number {
		t.Fatal("the number typed is kept")
	}
	want(t, v.PostRaw("/cases/query", url.Values{"number": {number}, "code": {code}}), http.StatusForbidden, "no CSRF token")
	wantRedirect(t, v.Post("/cases/query", url.Values{"number": {number}, "code": {code}}), "/cases/query/result")
	r = v.Get("/cases/query/result")
	want(t, r, http.StatusOK, "query result")
	txt := mainText(t, r)
	if !strings.Contains(txt, "张*") || strings.Contains(txt, "张三") || strings.Contains(txt, usercenter.DemoIDNumber) ||
		strings.Contains(txt, "EMS9876543210") || !strings.Contains(txt, "已办结") {
		t.Fatalf("public result must be masked: %s", txt)
	}
}

// Drafts: another user's draft is 404, a lower trust level gets the
// step-up page, a stale form is refused, a step posted after the session
// expired is restored after signing in again (nothing typed is lost).
func TestCaseDraftRefusalsAndExpiredSession(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword)
	base := startDraft(t, c, renewCode)
	l1 := signIn(t, env, usercenter.DemoPhoneL1, usercenter.DemoPassword)
	r := l1.Get("/matters/" + renewCode + "/apply")
	want(t, r, http.StatusForbidden, "L1 applying")
	if !strings.Contains(mainText(t, r), "第三级") {
		t.Fatal("the step-up page names the level needed (C 0103 7.2)")
	}
	other := signIn(t, env, usercenter.DemoPhoneLegal, usercenter.DemoPassword)
	want(t, other.Get(base+"/applicant"), http.StatusNotFound, "another user's draft")
	want(t, other.Post(base+"/applicant", url.Values{"version": {"1"}}), http.StatusNotFound, "posting to another user's draft")
	want(t, c.Get(base+"/nonsense"), http.StatusNotFound, "unknown step")
	want(t, c.PostRaw(base+"/applicant", url.Values{"version": {"1"}}), http.StatusForbidden, "no CSRF token")
	v := version(t, c, base+"/applicant")
	wantRedirect(t, c.Post(base+"/applicant", url.Values{"version": {v}}), base+"/details")
	r = c.Post(base+"/applicant", url.Values{"version": {v}})
	want(t, r, http.StatusConflict, "the same form twice (stale)")
	if !strings.Contains(mainText(t, r), "已过期") {
		t.Fatal("a stale form is explained")
	}
	// "My cases" lists the draft to resume.
	if !strings.Contains(c.Get("/me/cases").Body, base+"/details") {
		t.Fatal("the draft is resumable from 我的办件")
	}
	// The session expires (a new browser session with the same cookies
	// gone): the typed answer survives sign-in.
	fresh := env.Client()
	r = fresh.Post(base+"/details", url.Values{"version": {"2"}, "renew_reason": {"damaged"}})
	wantRedirect(t, r, "/login?return_to="+url.QueryEscape(base+"/details"))
	wantRedirect(t, fresh.Post("/login", url.Values{"login": {usercenter.DemoPhone}, "password": {usercenter.DemoPassword},
		"return_to": {base + "/details"}}), base+"/details")
	r = fresh.Get(base + "/details")
	want(t, r, http.StatusOK, "details after sign-in")
	if r.Doc(t).Find(`input[name="renew_reason"][value="damaged"]`).AttrOr("checked", "x") == "x" || !strings.Contains(mainText(t, r), "已恢复") {
		t.Fatalf("the answer typed before sign-in must be restored: %s", snippet(r.Body))
	}
	want(t, c.Get("/me/cases?status=bogus"), http.StatusNotFound, "unknown filter")
	if txt := c.Get("/me/cases?status=completed").Doc(t).Find(".zw-cases__list").Text(); !strings.Contains(txt, "已办结") || strings.Contains(txt, "待补正") {
		t.Fatalf("the completed filter: %s", txt)
	}
}
