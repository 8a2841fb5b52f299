package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
)

// C 0103 7.6.1 table 1 and reference.md §9: only one's own completed case,
// once; star radios read "5 星，很满意"; a rating of 2 opens a follow-up
// that the right department sees and records a call-back for.
func TestCaseEvaluationOpensFollowUp(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	it := firstItem(t, env)
	c, uid := consultUser(t, env, 1)
	other, oid := consultUser(t, env, 1)
	caseID := strconv.FormatInt(completedCase(t, env, uid, it), 10)
	completedCase(t, env, oid, it)
	wantRedirect(t, env.Client().Get("/evaluations/new?case="+caseID), "/login?return_to=%2Fevaluations%2Fnew%3Fcase%3D"+caseID)
	want(t, other.Get("/evaluations/new?case="+caseID), http.StatusNotFound, "another user's case")
	want(t, c.Get("/evaluations/new?case=x"), http.StatusNotFound, "bad id")
	r := c.Get("/evaluations/new?case=" + caseID)
	want(t, r, http.StatusOK, "form")
	doc := r.Doc(t)
	if doc.Find("fieldset.zw-stars").Length() != 6 {
		t.Fatalf("overall and five dimensions: %d", doc.Find("fieldset.zw-stars").Length())
	}
	label := strings.Join(strings.Fields(doc.Find(`label[for=overall]`).Text()), "")
	name := strings.Join(strings.Fields(doc.Find(`label[for=overall]`).Clone().Find("[aria-hidden]").Remove().End().Text()), "")
	if !strings.Contains(label, "★★★★★") || name != "5星，很满意" {
		t.Fatalf("the 5-star radio reads %q (shown %q)", name, label)
	}
	form := url.Values{"case": {caseID}, "overall": {"2"}, "visits": {"3"}, "guide": {"3"}, "efficiency": {"1"}, "service": {"2"}, "content": {"跑了三次"}}
	r = c.Post("/evaluations", form)
	want(t, r, http.StatusUnprocessableEntity, "missing dimension")
	if errorSummary(r.Doc(t))["online"] == "" || r.Doc(t).Find("textarea#content").Text() != "跑了三次" {
		t.Fatal("message for the missing rating; text kept")
	}
	form.Set("online", "2")
	form.Del("_csrf")
	want(t, other.Post("/evaluations", form), http.StatusNotFound, "rating another user's case")
	form.Del("_csrf")
	wantRedirect(t, c.Post("/evaluations", form), "/me")
	wantRedirect(t, c.Get("/evaluations/new?case="+caseID), "/me")
	wantRedirect(t, c.Post("/evaluations", form), "/me")
	var n int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM evaluations").Scan(&n)
	if n != 1 {
		t.Fatalf("evaluations = %d, want 1 (once per case)", n)
	}

	elsewhere, _ := admintest.SignIn(t, env, staff.RoleConsultHandler, "650000", "")
	if strings.Contains(elsewhere.Get("/admin/followups").Body, it.Name) {
		t.Fatal("another region sees the follow-up")
	}
	h, _ := admintest.SignIn(t, env, staff.RoleConsultHandler, it.RegionCode, it.DeptCode)
	list := h.Get("/admin/followups")
	href := list.Doc(t).Find(`a[href^="/admin/followups/"]`).AttrOr("href", "")
	if href == "" {
		t.Fatalf("follow-up listed: %s", snippet(list.Body))
	}
	want(t, elsewhere.Get(href), http.StatusNotFound, "out-of-scope follow-up")
	want(t, h.Post(href+"/call", url.Values{"note": {""}}), http.StatusUnprocessableEntity, "empty call record")
	wantRedirect(t, h.Post(href+"/call", url.Values{"note": {"已电话回访"}, "outcome": {"resolved"}}), href)
	if !strings.Contains(h.Get(href).Body, "已电话回访") {
		t.Fatal("the call-back is recorded")
	}
	sat := h.Get("/admin/satisfaction")
	want(t, sat, http.StatusOK, "satisfaction")
	if sat.Doc(t).Find("svg.zw-chart__svg[role=img]").Length() == 0 {
		t.Fatal("the console draws an SVG chart")
	}
	citizen := env.Client()
	want(t, citizen.Get("/admin/satisfaction"), http.StatusSeeOther, "anonymous console")
	editor, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "", "")
	want(t, editor.Get("/admin/followups"), http.StatusForbidden, "role without consult")
	if g := env.Client().Get("/matters/" + it.Code); !strings.Contains(g.Body, "满意率") {
		t.Log(g.Doc(t).Find(".zw-consult__sat").Text())
		t.Fatal("the guide page shows the public satisfaction")
	}
}

// C 0103 7.6.2 table 2: an app's overall rating and text.
func TestAppEvaluation(t *testing.T) {
	env, svc := appsEnv(t)
	a, _ := newApp(t, env, svc, "open", "https://app.example.org")
	c := citizen(t, env)
	path := "/evaluations/app?app=" + strconv.FormatInt(a.ID, 10)
	want(t, c.Get(path), http.StatusOK, "app form")
	want(t, c.Get("/evaluations/app?app=99999"), http.StatusNotFound, "unknown app")
	r := c.Post("/evaluations/app", url.Values{"app": {strconv.FormatInt(a.ID, 10)}, "overall": {"9"}, "content": {"好"}})
	want(t, r, http.StatusUnprocessableEntity, "rating 9")
	wantRedirect(t, c.Post("/evaluations/app", url.Values{"app": {strconv.FormatInt(a.ID, 10)}, "overall": {"1"}}), "/me")
	var n int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM consult_followups").Scan(&n)
	if n != 1 {
		t.Fatal("a rating of 1 opens a follow-up")
	}
}
