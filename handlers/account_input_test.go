package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
)

// Issue 5, bad input: every field is checked on the server, the message is
// beside the field and in the summary, values are kept (never passwords).
func TestRegistrationBadInputGetsSpecificMessages(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	r := c.Post("/register/code", url.Values{"kind": {"natural"}, "phone": {"1380013800"}})
	want(t, r, http.StatusUnprocessableEntity, "short phone")
	doc := r.Doc(t)
	if got := errorSummary(doc)["phone"]; got != "手机号码应为 11 位数字" {
		t.Fatalf("phone of the wrong length: %q", got)
	}
	if v := doc.Find("#phone").AttrOr("value", ""); v != "1380013800" {
		t.Fatalf("value not kept: %q", v)
	}
	if doc.Find("#phone-error").Length() != 1 || !strings.HasPrefix(doc.Find("title").Text(), "错误：") {
		t.Fatal("the message must sit beside the field and the title start with 错误：")
	}
	wantRedirect(t, c.Post("/register/code", url.Values{"kind": {"natural"}, "phone": {"13800138000"}}), "/register/verify")
	code := lastCode(t, env, "13800138000")
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	r = c.Post("/register", url.Values{"code": {wrong}, "name": {"张三"}, "password": {"abcdefgh"},
		"password_confirm": {"abcdefgh"}})
	want(t, r, http.StatusUnprocessableEntity, "bad registration")
	doc = r.Doc(t)
	sum := errorSummary(doc)
	for field, msg := range map[string]string{
		"code":     "验证码不正确，请核对短信中的 6 位数字",
		"password": "密码过于简单，请至少包含字母、数字、符号中的两种",
		"consent":  "请阅读并勾选同意隐私政策，才能注册",
	} {
		if sum[field] != msg {
			t.Errorf("%s: %q, want %q", field, sum[field], msg)
		}
		if doc.Find("#"+field).Length() != 1 {
			t.Errorf("the summary links #%s but no control has that id", field)
		}
	}
	if doc.Find("#name").AttrOr("value", "") != "张三" || doc.Find("#password").AttrOr("value", "") != "" {
		t.Fatal("the name must be kept and the password never echoed")
	}
	r = c.Post("/register", url.Values{"code": {code}, "name": {"张三"}, "password": {"Good#pass1"},
		"password_confirm": {"Good#pass1"}, "consent": {"yes"}})
	wantRedirect(t, r, "/me")

	// The same code again, by someone else registering the number: used.
	other := env.Client()
	env.Store.DB.Exec("UPDATE users SET phone = '13800138009'") // free the number, keep the code history
	wantRedirect(t, other.Post("/register/code", url.Values{"kind": {"natural"}, "phone": {"13800138000"}}), "/register/verify")
	r = other.Post("/register", url.Values{"code": {code}, "name": {"李四"}, "password": {"Good#pass1"},
		"password_confirm": {"Good#pass1"}, "consent": {"yes"}})
	want(t, r, http.StatusUnprocessableEntity, "reused code")
	if got := errorSummary(r.Doc(t))["code"]; got != "该验证码已使用过，请重新获取" && got != "该验证码已失效，请使用最新收到的验证码" {
		t.Fatalf("reused code: %q", got)
	}
}

func TestExpiredCodeAndExtension(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	wantRedirect(t, c.Post("/register/code", url.Values{"kind": {"natural"}, "phone": {"13800138000"}}), "/register/verify")
	code := lastCode(t, env, "13800138000")
	wantRedirect(t, c.Post("/codes/extend", url.Values{"purpose": {"register"}}), "/register/verify")
	r := c.Get("/register/verify")
	if !strings.Contains(r.Doc(t).Find(".zw-banner--success").Text(), "有效期已延长至") {
		t.Fatal("extending must say the new expiry")
	}
	env.Store.DB.Exec("UPDATE verification_codes SET expires_at = ?", time.Now().UTC().Add(-time.Minute))
	r = c.Get("/register/verify")
	if !strings.Contains(r.Body, "已于") || strings.Contains(r.Body, `action="/codes/extend"`) {
		t.Fatal("an expired code says so and can no longer be extended")
	}
	r = c.Post("/register", url.Values{"code": {code}, "name": {"张三"}, "password": {"Good#pass1"},
		"password_confirm": {"Good#pass1"}, "consent": {"yes"}})
	want(t, r, http.StatusUnprocessableEntity, "expired code")
	if got := errorSummary(r.Doc(t))["code"]; got != "验证码已过期，请重新获取" {
		t.Fatalf("expired code: %q", got)
	}
	// Resend within 60 s of the last code is refused with the wait.
	r = c.Post("/codes/resend", url.Values{"purpose": {"register"}})
	want(t, r, http.StatusTooManyRequests, "early resend")
	if got := errorSummary(r.Doc(t))["resend"]; !strings.Contains(got, "秒后重新获取") {
		t.Fatalf("early resend: %q", got)
	}
	env.Store.DB.Exec("UPDATE verification_codes SET created_at = ?", time.Now().UTC().Add(-2*time.Minute))
	wantRedirect(t, c.Post("/codes/resend", url.Values{"purpose": {"register"}}), "/register/verify")
	if lastCode(t, env, "13800138000") == "" {
		t.Fatal("no new code")
	}
}

func TestRegisteredNumberAndWeakPasswordOnRecovery(t *testing.T) {
	env := handlertest.New(t)
	registerVia(t, env, "13800138000", "Good#pass1")
	r := env.Client().Post("/register/code", url.Values{"kind": {"natural"}, "phone": {"13800138000"}})
	want(t, r, http.StatusUnprocessableEntity, "taken number")
	if got := errorSummary(r.Doc(t))["phone"]; !strings.Contains(got, "已注册") {
		t.Fatalf("taken number: %q", got)
	}
	c := env.Client()
	wantRedirect(t, c.Post("/recover/code", url.Values{"phone": {"13800138000"}}), "/recover/verify")
	code := lastCode(t, env, "13800138000")
	r = c.Post("/recover", url.Values{"code": {code}, "password": {"13800138000a"}, "password_confirm": {"13800138000a"}})
	want(t, r, http.StatusUnprocessableEntity, "password with the phone")
	if got := errorSummary(r.Doc(t))["password"]; got != "密码不能包含手机号码" {
		t.Fatalf("weak password: %q", got)
	}
	wantRedirect(t, c.Post("/recover", url.Values{"code": {code}, "password": {"New#pass22"}, "password_confirm": {"New#pass22"}}), "/login")
	if !strings.Contains(c.Get("/login").Body, "密码已重设") {
		t.Fatal("the sign-in page must confirm the reset")
	}
	signIn(t, env, "13800138000", "New#pass22")
	// A number with no account reads the same and texts nothing.
	c2 := env.Client()
	wantRedirect(t, c2.Post("/recover/code", url.Values{"phone": {"13900139000"}}), "/recover/verify")
	var sent int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM dev_outbox WHERE recipient = '13900139000'").Scan(&sent)
	if sent != 0 {
		t.Fatal("a code was texted to a number without an account")
	}
}

// C 0103 9.4 f: any failed sign-in says exactly 用户名或密码不正确.
func TestFailedSignInMessageIsExactAndLockIsStated(t *testing.T) {
	env := handlertest.New(t)
	registerVia(t, env, "13800138000", "Good#pass1")
	for _, login := range []string{"13800138000", "13900139000", "330106199003071236", "nobody"} {
		r := env.Client().Post("/login", url.Values{"login": {login}, "password": {"Wrong#pass1"}})
		want(t, r, http.StatusUnprocessableEntity, "failed sign-in "+login)
		doc := r.Doc(t)
		if got := errorSummary(doc)["login"]; got != "用户名或密码不正确" {
			t.Fatalf("%s: %q", login, got)
		}
		if doc.Find("#password").AttrOr("value", "") != "" {
			t.Fatal("the password is echoed back")
		}
	}
	c := env.Client()
	page := c.Get("/login").Doc(t)
	if !strings.Contains(page.Find("#login-policy").Text(), "锁定 15 分钟") {
		t.Fatal("the sign-in page must state the lock rule")
	}
	var last *handlertest.Response
	for i := 0; i < 8; i++ {
		last = c.Post("/login", url.Values{"login": {"13800138000"}, "password": {"Wrong#pass1"}})
		if last.StatusCode == http.StatusTooManyRequests {
			env.Store.DB.Exec("UPDATE login_throttle SET last_failure_at = ? WHERE locked_until IS NULL", time.Now().UTC().Add(-time.Minute))
		}
	}
	last = c.Post("/login", url.Values{"login": {"13800138000"}, "password": {"Good#pass1"}})
	want(t, last, http.StatusTooManyRequests, "locked account")
	if !strings.Contains(last.Doc(t).Find("#zw-throttle").Text(), "暂时锁定") {
		t.Fatalf("the lock must be explained: %s", snippet(last.Body))
	}
}
