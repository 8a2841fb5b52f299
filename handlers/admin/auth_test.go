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

// Issue 6 §1: staff change their own password under the staff rule
// (models/staff/password.go); the change ends the account's other
// sessions, keeps this one, and is audited without the password.
func TestStaffChangesOwnPassword(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	a := admintest.Create(t, env, staff.RoleContentEditor, "330000", "")
	c := env.Client()
	post(t, c, "/admin/login", url.Values{"username": {a.Username}, "password": {a.Password}}, http.StatusSeeOther)
	secret := strings.ReplaceAll(get(t, c, "/admin/totp/setup", http.StatusOK).Find("#totp-secret").Text(), " ", "")
	code, _ := staff.TOTPCode(secret, time.Now())
	post(t, c, "/admin/totp/setup", url.Values{"code": {code}}, http.StatusSeeOther)
	get(t, c, "/admin/password", http.StatusOK)

	doc := post(t, c, "/admin/password", url.Values{"current_password": {"Wrong-Pass-2026!"}, "new_password": {"short1A!"},
		"confirm_password": {"different"}}, http.StatusUnprocessableEntity).Doc(t)
	for _, f := range []string{"current_password", "new_password", "confirm_password"} {
		if doc.Find(".zw-error-summary a[href='#"+f+"']").Length() != 1 {
			t.Errorf("no error for %s: %q", f, doc.Find(".zw-error-summary").Text())
		}
	}
	if doc.Find("input[type=password][value]").FilterFunction(func(_ int, s *goquerySel) bool { return s.AttrOr("value", "") != "" }).Length() != 0 {
		t.Error("passwords must never be sent back in the form")
	}
	for _, weak := range []string{"alllowercaseletters", a.Password, "Admin-Portal-2026!"} {
		post(t, c, "/admin/password", url.Values{"current_password": {a.Password}, "new_password": {weak}, "confirm_password": {weak}},
			http.StatusUnprocessableEntity)
	}
	// Another device signed in before the change is signed out by it; this
	// session carries on. (The next TOTP step: a code is never used twice.)
	other := env.Client()
	post(t, other, "/admin/login", url.Values{"username": {a.Username}, "password": {a.Password}}, http.StatusSeeOther)
	code, _ = staff.TOTPCode(secret, time.Now().Add(staff.TOTPPeriod*time.Second))
	post(t, other, "/admin/login/totp", url.Values{"code": {code}}, http.StatusSeeOther)
	get(t, other, "/admin", http.StatusOK)
	const fresh = "Neue-Kennwort#2026x"
	post(t, c, "/admin/password", url.Values{"current_password": {a.Password}, "new_password": {fresh}, "confirm_password": {fresh}}, http.StatusSeeOther)
	if doc := get(t, c, "/admin", http.StatusOK); !strings.Contains(doc.Find("#zw-flash").Text(), "密码已修改") {
		t.Fatal("this session must carry on after the change")
	}
	if res := other.Get("/admin"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the other session after the change: %d", res.StatusCode)
	}
	if res := c.PostRaw("/admin/password", url.Values{"current_password": {fresh}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("no CSRF token: %d", res.StatusCode)
	}
	if res := env.Client().Get("/admin/password"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("signed out: %d", res.StatusCode)
	}
	if res := env.Client().Post("/admin/login", url.Values{"username": {a.Username}, "password": {a.Password}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("the old password still signs in: %d", res.StatusCode)
	}
	if res := env.Client().Post("/admin/login", url.Values{"username": {a.Username}, "password": {fresh}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the new password does not sign in: %d", res.StatusCode)
	}
	var after string
	env.Store.DB.Raw("SELECT after_json FROM audit_log WHERE action = 'staff.password' AND object_id = ?", a.Username).Scan(&after)
	if after == "" || strings.Contains(after, fresh) || strings.Contains(after, "argon") {
		t.Fatalf("audit entry: %q", after)
	}
}
