package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// Every form of the accounts feature refuses a POST without the CSRF token.
func TestEveryAccountFormNeedsCSRF(t *testing.T) {
	env := handlertest.New(t)
	c := registerVia(t, env, "13800138000", "Good#pass1")
	for _, path := range []string{"/login", "/logout", "/register/code", "/register", "/codes/resend", "/codes/extend",
		"/recover/code", "/recover", "/me/profile", "/me/password", "/me/trust/l2", "/me/trust/l3", "/me/trust/l4",
		"/me/favourites", "/me/favourites/1/delete", "/me/messages/read-all", "/me/messages/1/read", "/me/messages/1/delete",
		"/me/footprints/clear", "/me/footprints/pause", "/me/footprints/1/delete", "/me/licences/relink",
		"/me/licences/demo-idcard/unlink", "/me/delete"} {
		if r := c.PostRaw(path, url.Values{"x": {"1"}}); r.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s without a CSRF token: %d, want 403", path, r.StatusCode)
		}
	}
}

// User A can never read or change user B's anything: every ID of B's in a
// user-center route answers 404, and B's data is unchanged afterwards.
func TestUserCannotReachAnotherUsersData(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	ctx := t.Context()
	b := signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword)
	bu, _ := users.ByPhone(ctx, env.Store, usercenter.DemoPhone)
	var item string
	env.Store.DB.Raw("SELECT code FROM matter_items WHERE status = 'published' ORDER BY id LIMIT 1").Scan(&item)
	wantRedirect(t, b.Post("/me/favourites", url.Values{"kind": {"matter"}, "ref": {item}, "return_to": {"/matters/" + item}}), "/matters/"+item)
	want(t, b.Get("/matters/"+item), http.StatusOK, "guide")
	var fav, foot, msg int64
	env.Store.DB.Raw("SELECT id FROM user_favourites WHERE user_id = ?", bu.ID).Scan(&fav)
	env.Store.DB.Raw("SELECT id FROM user_footprints WHERE user_id = ?", bu.ID).Scan(&foot)
	env.Store.DB.Raw("SELECT id FROM user_messages WHERE user_id = ? ORDER BY id LIMIT 1", bu.ID).Scan(&msg)
	if fav == 0 || foot == 0 || msg == 0 {
		t.Fatalf("B's data missing: fav %d foot %d msg %d", fav, foot, msg)
	}
	counts := func() (favs, foots int64) {
		env.Store.DB.Raw("SELECT COUNT(*) FROM user_favourites WHERE user_id = ?", bu.ID).Scan(&favs)
		env.Store.DB.Raw("SELECT COUNT(*) FROM user_footprints WHERE user_id = ?", bu.ID).Scan(&foots)
		return
	}
	favsBefore, footsBefore := counts()
	a := registerVia(t, env, "13700137000", "Good#pass1")
	for _, r := range []struct{ method, path string }{
		{"GET", fmt.Sprintf("/me/messages/%d", msg)},
		{"POST", fmt.Sprintf("/me/messages/%d/read", msg)},
		{"POST", fmt.Sprintf("/me/messages/%d/delete", msg)},
		{"POST", fmt.Sprintf("/me/favourites/%d/delete", fav)},
		{"POST", fmt.Sprintf("/me/footprints/%d/delete", foot)},
	} {
		var res *handlertest.Response
		if r.method == "GET" {
			res = a.Get(r.path)
		} else {
			res = a.Post(r.path, nil)
		}
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("A: %s %s = %d, want 404", r.method, r.path, res.StatusCode)
		}
	}
	for _, path := range []string{"/me/favourites", "/me/footprints", "/me/messages", "/me/data", "/me/profile"} {
		body := a.Get(path).Body
		for _, bs := range []string{"/matters/" + item, "您的办件已受理", "138****8000", usercenter.DemoIDNumber} {
			if strings.Contains(body, bs) {
				t.Errorf("A's %s shows B's %q", path, bs)
			}
		}
	}
	// A's licences come from A's own identity: A is L1, so the step-up page.
	if r := a.Get("/me/licences/demo-idcard"); r.StatusCode != http.StatusForbidden {
		t.Errorf("A at L1 reached B-level licence detail: %d", r.StatusCode)
	}
	var still int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM user_messages WHERE id = ? AND read_at IS NULL AND deleted_at IS NULL", msg).Scan(&still)
	favs, foots := counts()
	if still != 1 || favs != favsBefore || foots != footsBefore {
		t.Fatalf("B's data changed: unread %d favs %d footprints %d", still, favs, foots)
	}
}

// Session fixation: the session ID changes at sign-in, and an ID planted
// before sign-in is worthless after it.
func TestSignInRotatesTheSessionID(t *testing.T) {
	env := handlertest.New(t)
	registerVia(t, env, "13800138000", "Good#pass1")
	c := env.Client()
	wantRedirect(t, c.Post("/recover/code", url.Values{"phone": {"13900139000"}}), "/recover/verify") // makes a session
	before := sessionCookie(t, env, c)
	wantRedirect(t, c.Post("/login", url.Values{"login": {"13800138000"}, "password": {"Good#pass1"}}), "/me")
	after := sessionCookie(t, env, c)
	if before == "" || after == "" || before == after {
		t.Fatalf("session cookie before %q after %q: must change", before, after)
	}
	attacker := env.Client()
	u, _ := url.Parse(env.Server.URL)
	attacker.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "zw_session", Value: before, Path: "/"}})
	if r := attacker.Get("/me"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("the pre-sign-in session ID reached /me: %d", r.StatusCode)
	}
}

func sessionCookie(t testing.TB, env *handlertest.Env, c *handlertest.Client) string {
	t.Helper()
	u, _ := url.Parse(env.Server.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == "zw_session" {
			return ck.Value
		}
	}
	return ""
}

// Changing the password ends every other session; this one continues.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	env := handlertest.New(t)
	phone := "13800138000"
	first := registerVia(t, env, phone, "Good#pass1")
	second := signIn(t, env, phone, "Good#pass1")
	r := first.Post("/me/password", url.Values{"current_password": {"Wrong#1234"}, "password": {"New#pass22"}, "password_confirm": {"New#pass22"}})
	want(t, r, http.StatusUnprocessableEntity, "wrong current password")
	if got := errorSummary(r.Doc(t))["current_password"]; got != "当前密码不正确" {
		t.Fatalf("wrong current password: %q", got)
	}
	wantRedirect(t, first.Post("/me/password", url.Values{"current_password": {"Good#pass1"}, "password": {"New#pass22"}, "password_confirm": {"New#pass22"}}), "/me")
	want(t, first.Get("/me"), http.StatusOK, "this session continues")
	if r := second.Get("/me"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("the other session survived the password change: %d", r.StatusCode)
	}
}

// No password, code or full ID number in any log line.
func TestLogsHoldNoSecrets(t *testing.T) {
	env := handlertest.New(t)
	phone, password, id := "13800138000", "Sec#ret2026", "330106199003071236"
	c := registerVia(t, env, phone, password)
	code := lastCode(t, env, phone)
	c.Post("/me/trust/l2", url.Values{"name": {"张三"}, "id_number": {id}})
	c.Post("/me/trust/l3", url.Values{"consent": {"yes"}})
	env.Client().Post("/login", url.Values{"login": {id}, "password": {"Wrong#secret9"}})
	env.Client().Post("/login", url.Values{"login": {phone}, "password": {password}})
	c.Post("/me/delete", url.Values{"password": {password}, "confirm": {"yes"}})
	logs := env.Logs.String()
	if !strings.Contains(logs, "account registered") || !strings.Contains(logs, "account deleted") {
		t.Fatalf("the test did not exercise the flows:\n%s", logs)
	}
	for _, secret := range []string{password, "Wrong#secret9", code, id, phone} {
		if strings.Contains(logs, secret) {
			t.Errorf("a log line holds %q", secret)
		}
	}
}
