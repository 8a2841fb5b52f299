package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
)

func TestSignInNeedsPasswordAndTOTP(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	a := admintest.Create(t, env, staff.RoleContentEditor, "330000", "")
	c := env.Client()

	res := c.Get("/admin/items")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/login?return_to=%2Fadmin%2Fitems" {
		t.Fatalf("signed-out console: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res := c.PostRaw("/admin/login", url.Values{"username": {a.Username}, "password": {a.Password}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a sign-in without CSRF token: %d", res.StatusCode)
	}
	res = c.Post("/admin/login", url.Values{"username": {a.Username}, "password": {"Wrong-Pass-2026!"}})
	doc := res.Doc(t)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find(".zw-error-summary a[href='#username']").Length() != 1 ||
		strings.Contains(res.Body, "Wrong-Pass-2026!") {
		t.Fatalf("wrong password: %d, summary %q", res.StatusCode, doc.Find(".zw-error-summary").Text())
	}
	if c.Get("/admin/totp/setup").Header.Get("Location") != "/admin/login" {
		t.Fatal("the enrolment page must need the password first")
	}

	res = c.Post("/admin/login", url.Values{"username": {strings.ToUpper(a.Username)}, "password": {a.Password}, "return_to": {"/admin/items"}})
	if res.Header.Get("Location") != "/admin/totp/setup" {
		t.Fatalf("first sign-in goes to enrolment, got %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	page := c.Get("/admin/totp/setup")
	pd := page.Doc(t)
	secret := strings.ReplaceAll(pd.Find("#totp-secret").Text(), " ", "")
	if page.StatusCode != http.StatusOK || len(secret) != 32 || pd.Find("svg[role=img] path").Length() != 1 || pd.Find("h1").Length() != 1 {
		t.Fatalf("enrolment page: %d, secret %q, QR %d", page.StatusCode, secret, pd.Find("svg[role=img] path").Length())
	}
	if strings.Contains(page.Body, "https://") && strings.Contains(page.Body, "qr") && !strings.Contains(page.Body, "<svg") {
		t.Fatal("the QR code must be drawn on the server, not fetched")
	}
	if res := c.Post("/admin/totp/setup", url.Values{"code": {"12345"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		res.Doc(t).Find(".zw-error-summary a[href='#code']").Length() != 1 {
		t.Fatalf("a wrong code: %d", res.StatusCode)
	}
	code, _ := staff.TOTPCode(secret, time.Now())
	res = c.Post("/admin/totp/setup", url.Values{"code": {code}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/items" {
		t.Fatalf("enrolled: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	home := c.Get("/admin")
	hd := home.Doc(t)
	if home.StatusCode != http.StatusOK || !strings.Contains(hd.Find(".zw-admin__bar").Text(), a.Username) ||
		!strings.Contains(hd.Find(".zw-lead").Text(), "浙江省") || hd.Find("h1").Length() != 1 {
		t.Fatalf("console home: %d %q", home.StatusCode, hd.Find(".zw-admin__bar").Text())
	}
	if home.Header.Get("Cache-Control") != "no-store" {
		t.Error("console pages must not be cached")
	}

	if res := c.Post("/admin/logout", nil); res.Header.Get("Location") != "/admin/login" {
		t.Fatalf("logout: %q", res.Header.Get("Location"))
	}
	if c.Get("/admin").StatusCode != http.StatusSeeOther {
		t.Fatal("the console still answers after logout")
	}
	// Next sign-in: the code step; the code already used is refused, a
	// fresh one (the next time step) is accepted.
	if res := c.Post("/admin/login", url.Values{"username": {a.Username}, "password": {a.Password}}); res.Header.Get("Location") != "/admin/login/totp" {
		t.Fatalf("an enrolled account goes to the code step: %q", res.Header.Get("Location"))
	}
	if res := c.Post("/admin/login/totp", url.Values{"code": {code}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a replayed code: %d", res.StatusCode)
	}
	next, _ := staff.TOTPCode(secret, time.Now().Add(staff.TOTPPeriod*time.Second))
	if res := c.Post("/admin/login/totp", url.Values{"code": {next}}); res.Header.Get("Location") != "/admin" {
		t.Fatalf("a fresh code: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	// Disabling the account ends its session on the next request.
	env.Store.DB.Exec("UPDATE staff_users SET disabled = ? WHERE id = ?", true, a.ID)
	if c.Get("/admin").StatusCode != http.StatusSeeOther {
		t.Fatal("a disabled account's session must end")
	}
}

func TestSignInThrottles(t *testing.T) {
	env := handlertest.New(t)
	a := admintest.Create(t, env, staff.RoleCaseHandler, "330000", "")
	c := env.Client()
	var last *handlertest.Response
	for i := 0; i < 6; i++ {
		last = c.Post("/admin/login", url.Values{"username": {a.Username}, "password": {"Wrong-Pass-2026!"}})
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("repeated failures: %d", last.StatusCode)
	}
}
