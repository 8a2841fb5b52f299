package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
)

// C 0103 7.7 a: register with an SMS code and explicit consent, land in the
// user center signed in, sign out, sign in again.
func TestRegisterSignOutSignIn(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	r := c.Get("/register")
	want(t, r, http.StatusOK, "GET /register")
	doc := r.Doc(t)
	if doc.Find(`form[action="/register/code"] input[name="phone"][type="tel"]`).Length() != 1 {
		t.Fatal("the first step asks for the phone number")
	}
	assertNoAccountLeak(t, "/register", doc)
	wantRedirect(t, c.Post("/register/code", url.Values{"kind": {"natural"}, "phone": {"138 0013 8000"}}), "/register/verify")
	r = c.Get("/register/verify")
	want(t, r, http.StatusOK, "verify page")
	doc = r.Doc(t)
	text := doc.Find("main").Text()
	if !strings.Contains(text, "138****8000") || !strings.Contains(text, "有效期至") {
		t.Fatalf("the page must say where the code went and until when: %s", snippet(r.Body))
	}
	if doc.Find(`input[name="consent"][type="checkbox"]:not([checked])`).Length() != 1 || doc.Find(`a[href="/privacy"]`).Length() == 0 {
		t.Fatal("consent must be an unticked box next to a link to the privacy policy")
	}
	if doc.Find(`form[action="/codes/extend"]`).Length() != 1 || doc.Find(`form[action="/codes/resend"]`).Length() != 1 {
		t.Fatal("the code can be extended (适老化) and sent again")
	}
	assertNoAccountLeak(t, "/register/verify", doc)
	code := lastCode(t, env, "13800138000")
	r = c.Post("/register", url.Values{"code": {code}, "name": {"张三"}, "password": {"Good#pass1"},
		"password_confirm": {"Good#pass1"}, "consent": {"yes"}})
	wantRedirect(t, r, "/me")
	r = c.Get("/me")
	want(t, r, http.StatusOK, "/me")
	doc = r.Doc(t)
	if !strings.Contains(doc.Find(".zw-banner--success").Text(), "注册成功") {
		t.Fatal("no success banner after registering")
	}
	if !strings.Contains(doc.Find("header").Text(), "张三") {
		t.Fatal("the header must show the signed-in user")
	}
	assertNoAccountLeak(t, "/me", doc)
	wantRedirect(t, c.Post("/logout", nil), "/")
	wantRedirect(t, c.Get("/me"), "/login?return_to=%2Fme")
	wantRedirect(t, c.Post("/login", url.Values{"login": {"13800138000"}, "password": {"Good#pass1"}, "return_to": {"/me/profile"}}), "/me/profile")
	var consents int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM user_consents WHERE purpose = 'privacy' AND granted = TRUE").Scan(&consents)
	if consents != 1 {
		t.Fatalf("consent records: %d", consents)
	}
}
