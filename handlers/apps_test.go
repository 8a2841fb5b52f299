package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/apps"
)

// Issue 9 §4–5 end to end through the router: redirect flow with login and
// consent, then the app's back end exchanges the ticket with signed calls.
func TestJSSDKRedirectFlowLoginConsentAndExchange(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, cl := newApp(t, env, svc, apps.TypeIdentity, origin)

	visitor := env.Client()
	r := visitor.Get(authorizeURL(a, origin+"/cb?x=1", "st-1"))
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login?return_to=%2Fjssdk%2Fauthorize") {
		t.Fatalf("a visitor must sign in first: %d %q", r.StatusCode, r.Header.Get("Location"))
	}

	c := citizen(t, env)
	r = c.Get(authorizeURL(a, origin+"/cb?x=1", "st-1"))
	if r.StatusCode != http.StatusOK {
		t.Fatalf("consent page: %d", r.StatusCode)
	}
	doc := r.Doc(t)
	if h1 := doc.Find("h1").Text(); !strings.Contains(h1, "社保查询") || doc.Find("h1").Length() != 1 {
		t.Fatalf("consent h1 = %q", h1)
	}
	if doc.Find(`button[name=decision][value=allow]`).Length() != 1 || doc.Find(`button[name=decision][value=deny]`).Length() != 1 {
		t.Fatal("consent page needs allow and refuse buttons")
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' "+origin) {
		t.Fatalf("the consent form must be allowed to redirect to the app: %s", csp)
	}
	q := answerOf(t, c.Post("/jssdk/authorize", url.Values{"app_id": {a.Key()}, "redirect_uri": {origin + "/cb?x=1"},
		"state": {"st-1"}, "decision": {"allow"}}), origin+"/cb?")
	if q.Get("zwjs_result") != "true" || q.Get("zwjs_state") != "st-1" || q.Get("x") != "1" || q.Get("zwjs_action") != "getTicket" {
		t.Fatalf("answer = %v", q)
	}
	info, err := cl.Exchange(context.Background(), q.Get("zwjs_ticket"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "张三" || info.AppID != a.Key() || info.UserType != "natural" || len(info.Mobile) != 11 {
		t.Fatalf("userinfo = %+v", info)
	}
	// Consent is asked once: the next request goes straight back with a ticket.
	if ticket := ticketFor(t, c, a, origin); ticket == "" || ticket == q.Get("zwjs_ticket") {
		t.Fatal("second ticket missing or reused")
	}
}

func TestJSSDKRefusalsGoBackToTheApp(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, _ := newApp(t, env, svc, apps.TypeIdentity, origin)
	open, _ := newApp(t, env, svc, apps.TypeOpen, "https://open.example")
	c := citizen(t, env)

	// 图1 用户拒绝授权 → 结束.
	r := c.Post("/jssdk/authorize", url.Values{"app_id": {a.Key()}, "redirect_uri": {origin + "/cb"}, "state": {"s"}, "decision": {"deny"}})
	if q := answerOf(t, r, origin+"/cb"); q.Get("zwjs_result") != "false" || q.Get("zwjs_code") != "consent_denied" {
		t.Fatalf("deny answer = %v", q)
	}
	// 8.3.1: a 完全开放 app asking for a ticket gets result false.
	q := answerOf(t, c.Get(authorizeURL(open, "https://open.example/", "s")), "https://open.example/")
	if q.Get("zwjs_result") != "false" || q.Get("zwjs_code") != "app_open_type" || q.Get("zwjs_ticket") != "" {
		t.Fatalf("open app answer = %v", q)
	}
	// 8.3.2.4: loginapp while signed in.
	q = answerOf(t, c.Get(authorizeURL(a, origin+"/cb", "s")+"&action=loginapp"), origin+"/cb")
	if q.Get("zwjs_code") != "already_logged_in" || q.Get("zwjs_action") != "loginapp" {
		t.Fatalf("loginapp answer = %v", q)
	}
	// An offline app is told so at once, even for a visitor (no sign-in first).
	svc.Transition(context.Background(), a.ID, apps.EvTakeOffline, apps.Actor{Role: apps.RoleReviewer, ID: 1}, "不稳定")
	q = answerOf(t, env.Client().Get(authorizeURL(a, origin+"/cb", "s")), origin+"/cb")
	if q.Get("zwjs_code") != "app_offline" {
		t.Fatalf("offline app answer = %v", q)
	}
}

func TestJSSDKNeverRedirectsToUnregisteredAddresses(t *testing.T) {
	env, svc := appsEnv(t)
	a, _ := newApp(t, env, svc, apps.TypeIdentity, "https://demo.example")
	c := citizen(t, env)
	for _, path := range []string{
		authorizeURL(a, "https://evil.example/cb", "s"),
		authorizeURL(a, "https://demo.example.evil.example/cb", "s"),
		authorizeURL(a, "//evil.example/cb", "s"),
		"/jssdk/authorize?app_id=zwa-nope&redirect_uri=https%3A%2F%2Fdemo.example%2F",
		authorizeURL(a, "https://demo.example/cb", strings.Repeat("s", 300)),
	} {
		r := c.Get(path)
		if r.StatusCode != http.StatusBadRequest || r.Header.Get("Location") != "" {
			t.Errorf("%s: %d %q", path, r.StatusCode, r.Header.Get("Location"))
		}
		if r.Doc(t).Find("h1").Length() != 1 {
			t.Errorf("%s: problem page without h1", path)
		}
	}
}

func TestJSSDKLogoutAtTopLevel(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, _ := newApp(t, env, svc, apps.TypeIdentity, origin)
	c := citizen(t, env)
	form := url.Values{"app_id": {a.Key()}, "redirect_uri": {origin + "/cb"}, "state": {"s"}}
	r := c.Get("/jssdk/logout?" + form.Encode())
	if r.StatusCode != http.StatusOK || r.Doc(t).Find(`form[action="/jssdk/logout"]`).Length() != 1 {
		t.Fatalf("logout confirmation: %d", r.StatusCode)
	}
	if c.PostRaw("/jssdk/logout", form).StatusCode != http.StatusForbidden {
		t.Fatal("logout without the CSRF token must be refused")
	}
	q := answerOf(t, c.Post("/jssdk/logout", form), origin+"/cb")
	if q.Get("zwjs_result") != "true" || q.Get("zwjs_action") != "logout" {
		t.Fatalf("logout answer = %v", q)
	}
	if r := c.Get("/me"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("still signed in after the JSSDK logout: %d", r.StatusCode)
	}
}

func TestMyAuthorizationsListAndRevoke(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, cl := newApp(t, env, svc, apps.TypeIdentity, origin)
	if r := env.Client().Get("/me/authorizations"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("visitor: %d", r.StatusCode)
	}
	c := citizen(t, env)
	other := citizen(t, env)
	ticket := allow(t, c, a, origin).Get("zwjs_ticket")
	g, err := cl.VerifyTicket(context.Background(), ticket)
	if err != nil {
		t.Fatal(err)
	}
	doc := c.Get("/me/authorizations").Doc(t)
	if rows := doc.Find("tbody tr"); rows.Length() != 1 || !strings.Contains(rows.Text(), "社保查询") {
		t.Fatalf("authorisations listed: %q", rows.Text())
	}
	revoke := doc.Find("tbody form").AttrOr("action", "")
	if other.Post(revoke, nil).StatusCode != http.StatusNotFound {
		t.Fatal("another user revoked my authorisation")
	}
	if c.PostRaw(revoke, nil).StatusCode != http.StatusForbidden {
		t.Fatal("revoke without CSRF token accepted")
	}
	if r := c.Post(revoke, nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", r.StatusCode)
	}
	doc = c.Get("/me/authorizations").Doc(t)
	if doc.Find("tbody tr").Length() != 0 || !strings.Contains(doc.Text(), "已撤销授权") {
		t.Fatal("revoked authorisation still listed or no confirmation")
	}
	// Issue 9 security test: a revoked consent stops the app at once.
	if _, err := cl.UserInfo(context.Background(), g.Token); sdkCode(err) != "consent_revoked" {
		t.Fatalf("userinfo after revoke: %v", err)
	}
	// And the flow asks again.
	if r := c.Get(authorizeURL(a, origin+"/cb", "s")); r.StatusCode != http.StatusOK {
		t.Fatalf("after revoking, consent is asked again: %d", r.StatusCode)
	}
}
