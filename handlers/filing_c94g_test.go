package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
)

// c94FormPages are pages whose POST forms the walker submits with illegal
// input. {filing} is replaced by a filing of the signed-in organisation.
var c94FormPages = []struct{ who, path string }{
	{"", "/login"}, {"", "/register"}, {"", "/recover"}, {"", "/admin/login"},
	{"user", "/me/profile/edit"}, {"user", "/me/password"},
	{"org", "/developer/filings/new"}, {"org", "{filing}"}, {"org", "{filing}/edit"}, {"org", "/developer/apps/new"},
	{"staff", "/admin/filings/{id}"},
}

// illegal is what the walker types: round 0 leaves everything empty, round
// 1 types values no field accepts.
func illegal(round int, s *goquery.Selection) (string, bool) {
	switch {
	case round == 0:
		return "", true
	case s.Is("select"), s.AttrOr("type", "") == "radio":
		return "no-such-choice", true
	case s.AttrOr("type", "") == "checkbox":
		return "", false
	}
	return "<x>\x01" + strings.Repeat("长", 2100), true
}

// walkForm submits one form with illegal input and returns the response.
func walkForm(t *testing.T, c *handlertest.Client, form *goquery.Selection, round int) (*handlertest.Response, bool) {
	t.Helper()
	vals := url.Values{}
	visible := 0
	form.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		typ := s.AttrOr("type", "text")
		if !ok || typ == "submit" || typ == "button" {
			return
		}
		if typ == "hidden" {
			if name != "_csrf" {
				vals.Set(name, s.AttrOr("value", ""))
			}
			return
		}
		visible++
		if v, send := illegal(round, s); send && typ != "file" {
			vals.Set(name, v)
		}
	})
	if visible == 0 {
		return nil, false
	}
	return c.Post(form.AttrOr("action", ""), vals), true
}

// checkMessagesNextToFields asserts the 422 page explains every problem
// twice: in the error summary (a link to the field) and next to the field
// itself (9.4 g: 提示内容应清晰，并支持自动跳出提示警告画面 — the summary takes
// focus on load, static/js/00-base.js).
func checkMessagesNextToFields(t *testing.T, where string, r *handlertest.Response) {
	t.Helper()
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("%s: status %d, want 422 (%s)", where, r.StatusCode, snippet(r.Body))
		return
	}
	doc := r.Doc(t)
	links := doc.Find(".zw-error-summary[data-zw-error-summary] a")
	if links.Length() == 0 {
		t.Errorf("%s: no error summary", where)
	}
	links.Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		if !strings.HasPrefix(href, "#") {
			return // a field of another page (the filing's edit form)
		}
		field := doc.Find("#" + strings.TrimPrefix(href, "#"))
		if field.Length() != 1 {
			t.Errorf("%s: summary link %s leads nowhere", where, href)
			return
		}
		msg := field.Closest(".zw-form-group").Find(".zw-error-message")
		if !strings.Contains(msg.Text(), strings.TrimSpace(a.Text())) {
			t.Errorf("%s: %s has no message next to it saying %q (found %q)", where, href, strings.TrimSpace(a.Text()), msg.Text())
		}
	})
}

// C 0103 9.4 g: every form of these pages, submitted empty and then with
// values no field accepts, answers 422 with a clear message next to each
// failing field and a summary linking to it.
func TestC94g_EveryIllegalInputGetsAMessageNextToTheField(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	clients := c94Clients(t, env)
	filingPath := newFiling(t, clients["org"], filingValues())
	completeFiling(t, env, clients["org"], filingPath)
	orgOther := orgAccount(t, env, "13600000016", "91350100M000100Y43")
	submitted := newFiling(t, orgOther, filingValues())
	completeFiling(t, env, orgOther, submitted)
	wantRedirect(t, orgOther.Post(submitted+"/submit", nil), submitted)
	reviewer, _ := admintest.SignIn(t, env, staff.RoleFilingReviewer, "330000", "")
	clients["staff"] = reviewer
	walked := 0
	for _, p := range c94FormPages {
		path := strings.NewReplacer("{filing}", filingPath, "{id}", strings.TrimPrefix(submitted, "/developer/filings/")).Replace(p.path)
		for round := 0; round < 2; round++ {
			page := clients[p.who].Get(path)
			want(t, page, http.StatusOK, path)
			page.Doc(t).Find(`main form[method="post"]`).Each(func(i int, form *goquery.Selection) {
				r, ok := walkForm(t, clients[p.who], form, round)
				if ok && round == 0 && r.StatusCode == http.StatusSeeOther {
					return // every field of this form is optional: empty is legal
				}
				if ok {
					walked++
					checkMessagesNextToFields(t, path+" form "+form.AttrOr("action", "")+map[int]string{0: " (empty)", 1: " (illegal)"}[round], r)
				}
			})
		}
	}
	t.Logf("%d form submissions walked", walked)
	if walked < 20 {
		t.Fatalf("only %d form submissions walked", walked)
	}
}
