package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/views/layout"
)

// leaks are strings of Go errors, panics and raw locale keys that a
// visitor must never see.
var leaks = regexp.MustCompile(`goroutine \d|runtime error|panic:|\.go:\d|sql: |record not found|invalid memory|` +
	`\b(site|nav|home|dim|error|privacy|a11y|footer|prefs|region|search|pages|components)\.[a-z0-9_]+(\.[a-z0-9_]+)*\b`)

func assertNoLeak(t *testing.T, path string, doc *goquery.Document) {
	t.Helper()
	doc.Find("script, style").Remove()
	if m := leaks.FindString(doc.Text()); m != "" {
		t.Errorf("%s shows %q", path, m)
	}
	for _, attr := range []string{"aria-label", "title", "alt", "content"} {
		doc.Find("[" + attr + "]").Each(func(_ int, s *goquery.Selection) {
			if v := s.AttrOr(attr, ""); leaks.MatchString(v) && attr != "content" {
				t.Errorf("%s: %s=%q", path, attr, v)
			}
		})
	}
}

func TestHomePageShellAndEntryPoints(t *testing.T) {
	env := handlertest.New(t)
	r := env.Client().Get("/")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d", r.StatusCode)
	}
	doc := r.Doc(t)
	if lang := doc.Find("html").AttrOr("lang", ""); lang != "zh-CN" {
		t.Fatalf(`<html lang=%q>, want "zh-CN"`, lang)
	}
	// C 0103 5.1: the header shows the portal's full name.
	if name := strings.TrimSpace(doc.Find("header .zw-header__name").Text()); name != "中国政务服务" {
		t.Fatalf("header name %q", name)
	}
	skip := doc.Find("body > a").First()
	if skip.AttrOr("href", "") != "#main" || doc.Find("main#main").Length() != 1 {
		t.Fatal("the first link must skip to <main id=main>")
	}
	if n := doc.Find("h1").Length(); n != 1 {
		t.Fatalf("%d h1 elements, want exactly 1", n)
	}
	search := doc.Find(`form[action="/search"][method="get"] input[name="q"]`)
	id := search.AttrOr("id", "")
	if search.Length() != 1 || id == "" || strings.TrimSpace(doc.Find(`label[for="`+id+`"]`).Text()) == "" {
		t.Fatal("the search box needs a visible label tied by for/id")
	}
	var dims []string
	doc.Find(`main a[href^="/matters/by/"]`).Each(func(_ int, s *goquery.Selection) { dims = append(dims, s.AttrOr("href", "")) })
	want := "/matters/by/type /matters/by/audience /matters/by/department /matters/by/theme /matters/by/level /matters/by/scope"
	if strings.Join(dims, " ") != want {
		t.Fatalf("dimension links %v, want the six of C 0103 6.3", dims)
	}
	for _, href := range []string{"/privacy", "/accessibility"} {
		if doc.Find(`footer a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("footer lacks a link to %s", href)
		}
	}
	if doc.Find(`main a[href^="/region"]`).Length() != 1 || !strings.Contains(doc.Find("main").Text(), "当前地区：全国") {
		t.Error("home page should show the current region with a link to change it")
	}
	assertNoLeak(t, "/", doc)
}

func TestElderModeSwitchesOnAndOff(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	if c.Get("/").Doc(t).Find("html.zw-elder").Length() != 0 {
		t.Fatal("elder mode should be off by default")
	}
	r := c.Post("/prefs/elder", url.Values{"elder": {"1"}, "return_to": {"/privacy"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/privacy" {
		t.Fatalf("POST /prefs/elder = %d → %q, want 303 to /privacy", r.StatusCode, r.Header.Get("Location"))
	}
	doc := c.Get("/privacy").Doc(t)
	if doc.Find(`html[class="zw-elder"]`).Length() != 1 {
		t.Fatal(`<html class="zw-elder"> missing after switching elder mode on`)
	}
	if doc.Find(`header button[aria-pressed="true"]`).Length() != 1 {
		t.Fatal("the elder switch should report aria-pressed=true")
	}
	c.Post("/prefs/elder", url.Values{"elder": {"0"}})
	if c.Get("/").Doc(t).Find("html.zw-elder").Length() != 0 {
		t.Fatal("elder mode still on after switching it off")
	}
}

func TestLanguageSwitchRendersEnglish(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	r := c.Post("/prefs/lang", url.Values{"lang": {"en"}, "return_to": {"/"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /prefs/lang = %d", r.StatusCode)
	}
	doc := c.Get("/").Doc(t)
	if lang := doc.Find("html").AttrOr("lang", ""); lang != "en" {
		t.Fatalf("lang=%q after switching to English", lang)
	}
	if h1 := doc.Find("h1").Text(); h1 != "Find and use government services" {
		t.Fatalf("h1 %q is not English", h1)
	}
	if doc.Find(".zw-skip").Text() != "Skip to main content" {
		t.Fatal("skip link not translated")
	}
	// The switch back is labelled in its own language.
	if b := doc.Find(`form[action="/prefs/lang"] button`); b.Text() != "中文" || b.AttrOr("lang", "") != "zh-CN" {
		t.Fatal(`switch back should read 中文 with lang="zh-CN"`)
	}
	assertNoLeak(t, "/ (en)", doc)
}

func TestLoginLinkOnlyWhenConfiguredAndLoggedOut(t *testing.T) {
	env := handlertest.New(t)
	user := ""
	env.App.Site.Decorate = append(env.App.Site.Decorate, func(_ echo.Context, ch *layout.Chrome) {
		ch.LoginURL = "/login?return_to=%2F"
		ch.UserName, ch.Unread = user, 3
	})
	doc := env.Client().Get("/").Doc(t)
	if doc.Find(`header a[href="/login?return_to=%2F"]`).Text() == "" || doc.Find(`main a[href="/login?return_to=%2F"]`).Length() != 1 {
		t.Fatal("logged out with LoginURL: header and home page link to it")
	}
	user = "张*"
	doc = env.Client().Get("/").Doc(t)
	if doc.Find(`a[href^="/login"]`).Length() != 0 {
		t.Fatal("logged in: no login link")
	}
	me := doc.Find(`header a[href="/me"]`)
	if !strings.Contains(me.Text(), "张*") || !strings.Contains(me.Find(".zw-visually-hidden").Text(), "3 条未读消息") {
		t.Fatalf("user link %q should name the user and the unread count", me.Text())
	}
}

func TestInformationPages(t *testing.T) {
	env := handlertest.New(t)
	for path, title := range map[string]string{"/privacy": "隐私政策", "/accessibility": "无障碍声明"} {
		r := env.Client().Get(path)
		doc := r.Doc(t)
		if r.StatusCode != http.StatusOK || doc.Find("h1").Length() != 1 || doc.Find("h1").Text() != title {
			t.Fatalf("%s: %d, h1 %q", path, r.StatusCode, doc.Find("h1").Text())
		}
		links := doc.Find(".zw-contents a")
		if links.Length() < 4 || links.Length() != doc.Find("main h2.zw-h2").Length() {
			t.Fatalf("%s: contents list has %d links for %d sections", path, links.Length(), doc.Find("main h2.zw-h2").Length())
		}
		links.Each(func(_ int, a *goquery.Selection) {
			if doc.Find(a.AttrOr("href", "")).Length() != 1 {
				t.Errorf("%s: contents link %s has no target", path, a.AttrOr("href", ""))
			}
		})
		assertNoLeak(t, path, doc)
	}
}

func TestCSRFRejectionIsA403Page(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	r := c.PostRaw("/prefs/elder", url.Values{"elder": {"1"}})
	if r.StatusCode != http.StatusForbidden {
		t.Fatalf("POST without token = %d, want 403", r.StatusCode)
	}
	doc := r.Doc(t)
	if doc.Find("h1").Text() != "无法完成操作" {
		t.Fatalf("403 page h1 %q", doc.Find("h1").Text())
	}
	if id := r.Header.Get("X-Request-Id"); id == "" || !strings.Contains(doc.Find("main").Text(), id) {
		t.Fatal("403 page should show the request ID")
	}
	assertNoLeak(t, "403", doc)
	if c.Get("/").Doc(t).Find("html.zw-elder").Length() != 0 {
		t.Fatal("the rejected POST changed the preference")
	}
}

func TestUnknownURLIsA404PageWithRequestID(t *testing.T) {
	env := handlertest.New(t)
	r := env.Client().Get("/no/such/page")
	if r.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d", r.StatusCode)
	}
	doc := r.Doc(t)
	id := r.Header.Get("X-Request-Id")
	if doc.Find("h1").Text() != "找不到页面" || id == "" || !strings.Contains(doc.Find("main code").Text(), id) {
		t.Fatalf("404 page: h1 %q, request ID %q shown? %q", doc.Find("h1").Text(), id, doc.Find("main code").Text())
	}
	if doc.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 || doc.Find(`main a[href="/"]`).Length() != 1 {
		t.Fatal("error pages are noindex and link home")
	}
	assertNoLeak(t, "404", doc)
}

func TestErrorPagesNeverShowInternals(t *testing.T) {
	env := handlertest.New(t, func(d *handlers.Deps) { d.Options.BodyLimit = "1K"; d.Options.PostPerMinuteIP = 2 })
	c := env.Client()
	big := c.Post("/prefs/lang", url.Values{"pad": {strings.Repeat("x", 4096)}})
	if big.StatusCode != http.StatusRequestEntityTooLarge || big.Doc(t).Find("h1").Text() != "提交的内容过大" {
		t.Fatalf("413 page: %d", big.StatusCode)
	}
	assertNoLeak(t, "413", big.Doc(t))
	var last *handlertest.Response
	for i := 0; i < 4; i++ {
		last = c.Post("/prefs/elder", url.Values{"elder": {"1"}})
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Doc(t).Find("h1").Text() != "操作过于频繁" {
		t.Fatalf("429 page: %d", last.StatusCode)
	}
	assertNoLeak(t, "429", last.Doc(t))
	mna := c.Get("/prefs/elder")
	if mna.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET on a POST route = %d", mna.StatusCode)
	}
	assertNoLeak(t, "405", mna.Doc(t))
}
