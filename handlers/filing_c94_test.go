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
	"github.com/zwfw/portal/models/usercenter"
)

// The portal's own C 0103 9.4 review, one test per item (issue 11). Items
// that need a browser are in handlers/e2e/c94_*_test.go (b offline and
// time limits in Chromium, e layouts, h every request); c is
// models/migrations TestC94c_UpgradeAcrossVersions; d is models/messaging
// TestC94d_*; a is models/filing and TestC94a_IncompleteFilingIsRefusedOnThePage.

// c94Pages are page types across the portal, each with who sees it.
var c94Pages = []struct{ who, path string }{
	{"", "/"}, {"", "/privacy"}, {"", "/accessibility"}, {"", "/no-such-page"}, {"", "/region"}, {"", "/search?q=社保"},
	{"", "/matters"}, {"", "/matters/by/theme"}, {"", "/matters/07A0002-330106"}, {"", "/sites"}, {"", "/sites/330000"},
	{"", "/login"}, {"", "/register"}, {"", "/recover"}, {"", "/filings"}, {"", "/release-notes"}, {"", "/offline"},
	{"", "/admin/login"},
	{"user", "/me"}, {"user", "/me/profile/edit"}, {"user", "/me/password"}, {"user", "/me/messages"}, {"user", "/me/privacy"},
	{"org", "/developer/filings"}, {"org", "/developer/filings/new"}, {"org", "/developer/apps/new"},
	{"staff", "/admin"}, {"staff", "/admin/filings"},
}

func c94Clients(t *testing.T, env *handlertest.Env) map[string]*handlertest.Client {
	t.Helper()
	staffClient, _ := admintest.SignIn(t, env, staff.RolePlatformAdmin, "", "")
	return map[string]*handlertest.Client{"": env.Client(), "user": signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword),
		"org": signIn(t, env, usercenter.DemoPhoneLegal, usercenter.DemoPassword), "staff": staffClient}
}

// C 0103 9.4 i: a link to the privacy policy on every page, signed in or
// not, in the console and on error pages; the policy itself is a page.
func TestC94i_PrivacyPolicyLinkedFromEveryPage(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	clients := c94Clients(t, env)
	for _, p := range c94Pages {
		r := clients[p.who].Get(p.path)
		if r.StatusCode != http.StatusOK && r.StatusCode != http.StatusNotFound {
			t.Fatalf("%s (%s): %d", p.path, p.who, r.StatusCode)
		}
		if r.Doc(t).Find(`footer a[href="/privacy"]`).Length() != 1 {
			t.Errorf("%s (%s): no privacy policy link in the footer", p.path, p.who)
		}
	}
	doc := clients[""].Get("/privacy").Doc(t)
	if doc.Find("h1").Length() != 1 || len(doc.Find("main").Text()) < 500 {
		t.Fatal("the privacy policy page must state the policy")
	}
}

// C 0103 9.4 f: a failed sign-in, citizen or staff, says exactly
// 用户名或密码不正确, next to the field and in the summary.
func TestC94f_LoginFailureTextIsExact(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	acct := admintest.Create(t, env, staff.RoleFilingReviewer, "330000", "")
	for _, c := range []struct{ path, user, pass string }{
		{"/login", usercenter.DemoPhone, "Wrong#pass1"},
		{"/login", "13700000000", "Wrong#pass1"},
		{"/admin/login", acct.Username, "Wrong#pass1"},
		{"/admin/login", "nobody", "Wrong#pass1"},
	} {
		form := url.Values{"login": {c.user}, "password": {c.pass}}
		if c.path == "/admin/login" {
			form = url.Values{"username": {c.user}, "password": {c.pass}}
		}
		r := env.Client().Post(c.path, form)
		want(t, r, http.StatusUnprocessableEntity, c.path+" "+c.user)
		doc := r.Doc(t)
		texts := map[string]bool{}
		doc.Find(".zw-error-summary a, .zw-error-message").Each(func(_ int, s *goquery.Selection) {
			texts[strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s.Text()), "错误："))] = true
		})
		if !texts["用户名或密码不正确"] {
			t.Fatalf("%s %s: messages %v", c.path, c.user, texts)
		}
		for txt := range texts {
			if txt != "用户名或密码不正确" {
				t.Errorf("%s %s: another message %q would tell which part was wrong", c.path, c.user, txt)
			}
		}
	}
}

// C 0103 9.4 h: no page asks another origin for anything (scripts,
// styles, images, frames, forms, manifest) and nothing is sent to a third
// party; the browser side is handlers/e2e/c94_h_test.go.
func TestC94h_PagesReferenceOnlyTheirOwnOrigin(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	clients := c94Clients(t, env)
	for _, p := range c94Pages {
		doc := clients[p.who].Get(p.path).Doc(t)
		doc.Find("script, img, iframe, link, form, source, video, audio, object, embed").Each(func(_ int, s *goquery.Selection) {
			for _, attr := range []string{"src", "href", "action", "data", "srcset", "poster"} {
				v, ok := s.Attr(attr)
				if s.Is("link") && attr == "href" && s.AttrOr("rel", "") == "canonical" {
					continue
				}
				if ok && (strings.Contains(v, "//") && !strings.HasPrefix(v, env.Server.URL)) {
					t.Errorf("%s (%s): <%s %s=%q> points to another origin", p.path, p.who, goquery.NodeName(s), attr, v)
				}
			}
		})
	}
	// The store listing's resources are local too.
	if body := clients[""].Get("/manifest.webmanifest").Body; strings.Contains(body, "http://") || strings.Contains(body, "https://") {
		t.Fatal("the manifest names another origin")
	}
}

// C 0103 9.4 b (server side): the service worker is served at the root
// scope as a script file, the offline page it caches has a retry, the site
// script registers it, and no page has an inline script (the CSP forbids
// them, so the offline logic must be in files).
func TestC94b_ServiceWorkerOfflinePageAndNoInlineScript(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	sw := c.Get("/sw.js")
	if sw.StatusCode != http.StatusOK || !strings.HasPrefix(sw.Header.Get("Content-Type"), "text/javascript") ||
		sw.Header.Get("Service-Worker-Allowed") != "/" || !strings.Contains(sw.Body, "offlinePage()") {
		t.Fatalf("/sw.js: %d %s", sw.StatusCode, sw.Header.Get("Content-Type"))
	}
	if !strings.Contains(sw.Body, "credentials: 'omit'") {
		t.Fatal("the offline page must be cached without cookies (no personal data in the cache)")
	}
	if en := c.Get("/offline?lang=en").Doc(t); en.Find("html").AttrOr("lang", "") != "en" || en.Find("h1").Text() != "You are offline" {
		t.Fatal("/offline?lang=en must be the English page")
	}
	off := c.Get("/offline")
	want(t, off, http.StatusOK, "offline page")
	od := off.Doc(t)
	if od.Find("[data-zw-retry]").Length() != 1 || od.Find("h1").Text() != "网络不可用" {
		t.Fatal("the offline page needs its title and a retry")
	}
	site, _ := od.Find(`script[src*="/static/js/site."]`).Attr("src")
	js := c.Get(site).Body
	for _, must := range []string{"serviceWorker.register('/sw.js'", "fetch('/healthz'", "window.stop()", "sessionStorage"} {
		if !strings.Contains(js, must) {
			t.Errorf("site.js lacks %s", must)
		}
	}
	clients := c94Clients(t, env)
	for _, p := range c94Pages {
		clients[p.who].Get(p.path).Doc(t).Find("script").Each(func(_ int, s *goquery.Selection) {
			if _, ok := s.Attr("src"); !ok && s.AttrOr("type", "") != "application/ld+json" {
				t.Errorf("%s: inline <script> (the CSP blocks it)", p.path)
			}
		})
	}
	if csp := off.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP %q", csp)
	}
}
