package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
)

// Issue 8 "done when", first part: a newcomer consults about a matter
// (C 0103 7.5.1, level 3), a handler in the right department replies, and
// the public listing shows it masked (reference.md §6).
func TestConsultJourney(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	it := firstItem(t, env)
	c, _ := consultUser(t, env, 1)
	want(t, c.Get("/consultations/new"), http.StatusForbidden, "level 1 consults")
	c, _ = consultUser(t, env, 3)
	r := c.Get("/consultations/new?item=" + it.Code)
	want(t, r, http.StatusOK, "form")
	doc := r.Doc(t)
	if doc.Find("#name").AttrOr("value", "") != "张三" || doc.Find("#email").AttrOr("value", "") != "zhang@example.com" {
		t.Fatal("known fields are filled in from the account")
	}
	for _, f := range []string{"name", "phone", "email", "postcode", "address", "title", "content"} {
		if doc.Find("label[for="+f+"]").Length() != 1 {
			t.Errorf("field %s has no label", f)
		}
	}
	if doc.Find(`input[name=item_code][type=hidden]`).AttrOr("value", "") != it.Code {
		t.Fatal("the matter from the guide page is chosen")
	}
	// The picker works without JS: the form comes back with radios.
	form := url.Values{"q": {string([]rune(it.Name)[:2])}, "action": {"find"}, "name": {"张三"}, "title": {"标题留着"}}
	r = c.Post("/consultations", form)
	want(t, r, http.StatusOK, "picker")
	doc = r.Doc(t)
	if doc.Find(`input[type=radio][name=item_code][value="`+it.Code+`"]`).Length() != 1 || doc.Find("#title").AttrOr("value", "") != "标题留着" {
		t.Fatalf("picker results and kept text: %s", snippet(r.Body))
	}
	draft := doc.Find("input[name=draft]").AttrOr("value", "")
	if draft == "" {
		t.Fatal("finding a matter keeps a draft")
	}
	bad := url.Values{"draft": {draft}, "action": {"submit"}, "item_code": {it.Code}, "name": {"张三"}, "phone": {"12345"},
		"postcode": {"31"}, "title": {"需要带什么材料"}, "content": {""}, "public": {"yes"}}
	r = c.Post("/consultations", bad)
	want(t, r, http.StatusUnprocessableEntity, "bad input")
	sum := errorSummary(r.Doc(t))
	for _, f := range []string{"phone", "postcode", "content"} {
		if sum[f] == "" {
			t.Errorf("no message for %s: %v", f, sum)
		}
	}
	if r.Doc(t).Find("#title").AttrOr("value", "") != "需要带什么材料" {
		t.Fatal("the text typed is kept")
	}
	good := url.Values{"draft": {draft}, "action": {"submit"}, "item_code": {it.Code}, "name": {"张三"}, "phone": {"13812345678"},
		"title": {"需要带什么材料"}, "content": {"请问办理需要带什么材料？"}, "public": {"yes"}}
	r = c.Post("/consultations", good)
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/me/consultations/") {
		t.Fatalf("submit: %d %q %s", r.StatusCode, loc, snippet(r.Body))
	}
	id := strings.TrimPrefix(loc, "/me/consultations/")
	want(t, c.Get(loc), http.StatusOK, "own item")

	wrong, _ := admintest.SignIn(t, env, staff.RoleConsultHandler, "650000", "")
	want(t, wrong.Get("/admin/consultations/"+id), http.StatusNotFound, "out-of-scope staff")
	want(t, wrong.Post("/admin/consultations/"+id+"/reply", url.Values{"reply": {"x"}}), http.StatusNotFound, "out-of-scope reply")
	right, _ := admintest.SignIn(t, env, staff.RoleConsultHandler, it.RegionCode, it.DeptCode)
	want(t, right.Get("/admin/consultations"), http.StatusOK, "queue")
	want(t, right.Post("/admin/consultations/"+id+"/reply", url.Values{"reply": {""}}), http.StatusUnprocessableEntity, "empty reply")
	wantRedirect(t, right.Post("/admin/consultations/"+id+"/reply", url.Values{"reply": {"请带身份证原件。"}}), "/admin/consultations/"+id)

	if !strings.Contains(c.Get("/me/messages").Body, "有了答复") {
		t.Fatal("the asker is told of the reply in 我的消息")
	}
	pub := env.Client().Get("/consultations")
	want(t, pub, http.StatusOK, "public list")
	text := pub.Doc(t).Find("main").Text()
	if !strings.Contains(text, "需要带什么材料") || !strings.Contains(text, "张*") || strings.Contains(text, "张三") || strings.Contains(text, "13812345678") {
		t.Fatalf("public listing must show the result masked: %s", snippet(pub.Body))
	}
	show := env.Client().Get("/consultations/" + id)
	want(t, show, http.StatusOK, "public item")
	if !strings.Contains(show.Body, "请带身份证原件。") || strings.Contains(show.Body, "张三") {
		t.Fatal("public item: reply shown, name masked")
	}
	want(t, env.Client().Get("/consultations/999999"), http.StatusNotFound, "unknown item")
	guide := env.Client().Get("/matters/" + it.Code)
	if !strings.Contains(guide.Body, "/consultations/new?item="+it.Code) {
		t.Fatal("the guide page offers consulting and shows satisfaction")
	}
}

// Logged out, CSRF, another user's items and soft delete.
func TestConsultAccessRules(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	it := firstItem(t, env)
	anon := env.Client()
	wantRedirect(t, anon.Get("/consultations/new"), "/login?return_to=%2Fconsultations%2Fnew")
	wantRedirect(t, anon.Get("/me/consultations"), "/login?return_to=%2Fme%2Fconsultations")
	a, _ := consultUser(t, env, 3)
	b, _ := consultUser(t, env, 3)
	form := url.Values{"action": {"submit"}, "item_code": {it.Code}, "name": {"张三"}, "phone": {"0571-87654321"},
		"title": {"私下的问题"}, "content": {"内容"}, "public": {"no"}}
	want(t, a.PostRaw("/consultations", form), http.StatusForbidden, "no CSRF token")
	r := a.Post("/consultations", form)
	loc := r.Header.Get("Location")
	want(t, r, http.StatusSeeOther, "submit")
	want(t, b.Get(loc), http.StatusNotFound, "another user's consultation")
	want(t, b.Post(loc+"/delete", nil), http.StatusNotFound, "another user's delete")
	if !strings.Contains(a.Get("/me/consultations").Body, "私下的问题") {
		t.Fatal("own list shows the non-public item")
	}
	wantRedirect(t, a.Post(loc+"/delete", nil), "/me/consultations")
	want(t, a.Get(loc), http.StatusNotFound, "deleted item")
	var n int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM consultations WHERE title = ? AND user_deleted_at IS NOT NULL", "私下的问题").Scan(&n)
	if n != 1 {
		t.Fatal("the agency keeps its record after a soft delete")
	}
	// Drafts: saved without JS, never visible to another user.
	r = a.Post("/consultations", url.Values{"action": {"save"}, "title": {"草稿标题"}})
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/consultations/new?draft=") {
		t.Fatalf("save draft: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	want(t, b.Get(r.Header.Get("Location")), http.StatusNotFound, "another user's draft")
	if a.Get(r.Header.Get("Location")).Doc(t).Find("#title").AttrOr("value", "") != "草稿标题" {
		t.Fatal("the draft comes back")
	}
	auto := a.Post("/consultations", url.Values{"action": {"autosave"}, "title": {"自动"}})
	if auto.StatusCode != http.StatusOK || !strings.Contains(auto.Body, `"draft":`) {
		t.Fatalf("autosave: %d %s", auto.StatusCode, auto.Body)
	}
}
