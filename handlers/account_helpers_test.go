package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers/handlertest"
)

// accountLeaks are raw locale keys of the accounts feature a page must
// never show.
var accountLeaks = regexp.MustCompile(`\b(account|usercenter)\.[a-z0-9_]+(\.[a-z0-9_]+)*\b`)

func assertNoAccountLeak(t *testing.T, path string, doc *goquery.Document) {
	t.Helper()
	doc.Find("script, style").Remove()
	if m := accountLeaks.FindString(doc.Text()); m != "" {
		t.Errorf("%s shows the raw key %q", path, m)
	}
	if m := leaks.FindString(doc.Text()); m != "" {
		t.Errorf("%s shows %q", path, m)
	}
}

var codeRe = regexp.MustCompile(`\b(\d{6})\b`)

// lastCode reads the newest code texted to phone from the dev outbox.
func lastCode(t testing.TB, env *handlertest.Env, phone string) string {
	t.Helper()
	var body string
	env.Store.DB.Raw("SELECT body FROM dev_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1", phone).Scan(&body)
	m := codeRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no code texted to %s (outbox: %q)", phone, body)
	}
	return m[1]
}

func want(t testing.TB, r *handlertest.Response, status int, what string) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, r.StatusCode, status, snippet(r.Body))
	}
}

func wantRedirect(t testing.TB, r *handlertest.Response, to string) {
	t.Helper()
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != to {
		t.Fatalf("want 303 to %s, got %d to %q\n%s", to, r.StatusCode, r.Header.Get("Location"), snippet(r.Body))
	}
}

// snippet is the error summary and main text of a page, for failures.
func snippet(body string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return body
	}
	s := strings.Join(strings.Fields(doc.Find("main").Text()), " ")
	if len(s) > 600 {
		s = s[:600]
	}
	return s
}

// registerVia walks the sign-up pages as a person would and returns the
// signed-in client.
func registerVia(t testing.TB, env *handlertest.Env, phone, password string) *handlertest.Client {
	t.Helper()
	c := env.Client()
	wantRedirect(t, c.Post("/register/code", url.Values{"kind": {"natural"}, "phone": {phone}}), "/register/verify")
	code := lastCode(t, env, phone)
	r := c.Post("/register", url.Values{"code": {code}, "name": {"张三"}, "password": {password},
		"password_confirm": {password}, "consent": {"yes"}})
	wantRedirect(t, r, "/me")
	return c
}

// signIn signs a new client in.
func signIn(t testing.TB, env *handlertest.Env, login, password string) *handlertest.Client {
	t.Helper()
	c := env.Client()
	r := c.Post("/login", url.Values{"login": {login}, "password": {password}})
	wantRedirect(t, r, "/me")
	return c
}

// errorSummary lists the texts of the error summary's links.
func errorSummary(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find(".zw-error-summary a").Each(func(_ int, s *goquery.Selection) {
		out[strings.TrimPrefix(s.AttrOr("href", ""), "#")] = strings.TrimSpace(s.Text())
	})
	return out
}
