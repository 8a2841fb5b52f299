package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/apps/sdk"
)

// Issue 9 security tests through the web service: each refusal has its
// own code and status, answered as JSON.
func TestWebServiceRefusalsHaveStableCodes(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, cl := newApp(t, env, svc, apps.TypeIdentity, origin)
	b, clB := newApp(t, env, svc, apps.TypeIdentity, "https://other.example")
	c := citizen(t, env)
	ctx := context.Background()
	t1 := allow(t, c, a, origin).Get("zwjs_ticket")

	// A ticket used by another app.
	if _, err := clB.VerifyTicket(ctx, t1); sdkCode(err) != "ticket_wrong_app" {
		t.Errorf("other app: %v", err)
	}
	g, err := cl.VerifyTicket(ctx, t1)
	if err != nil {
		t.Fatal(err)
	}
	// Ticket replay.
	if _, err := cl.VerifyTicket(ctx, t1); sdkCode(err) != "ticket_used" {
		t.Errorf("replay: %v", err)
	}
	// A token used by another app.
	if _, err := clB.UserInfo(ctx, g.Token); sdkCode(err) != "token_wrong_app" {
		t.Errorf("token of another app: %v", err)
	}
	// An expired token.
	env.Store.DB.Exec("UPDATE app_tokens SET expires_at = ?", time.Now().UTC().Add(-time.Second))
	if _, err := cl.UserInfo(ctx, g.Token); sdkCode(err) != "token_expired" {
		t.Errorf("expired token: %v", err)
	}
	// A bad signature: signed by app B's key under app A's id.
	forger := *clB
	forger.AppID = a.Key()
	if _, err := forger.VerifyTicket(ctx, "tk_x"); sdkCode(err) != "signature_invalid" {
		t.Errorf("bad signature: %v", err)
	}
	// A stale timestamp.
	stale := *cl
	stale.Now = func() time.Time { return time.Now().Add(-10 * time.Minute) }
	if _, err := stale.VerifyTicket(ctx, "tk_x"); sdkCode(err) != "timestamp_stale" {
		t.Errorf("stale timestamp: %v", err)
	}
	// A reused nonce: the very same signed request sent twice.
	body := []byte(`{"app_id":"` + a.Key() + `","ticket":"tk_nope"}`)
	h, _ := cl.SignAt("POST", sdk.PathVerify, body, time.Now().Unix(), "nonce-0123456789")
	if st, out := apiCall(t, env, sdk.PathVerify, body, h); st != http.StatusBadRequest || out["code"] != "ticket_invalid" {
		t.Errorf("first use of the nonce: %d %v", st, out)
	}
	st, out := apiCall(t, env, sdk.PathVerify, body, h)
	if st != http.StatusUnauthorized || out["code"] != "nonce_reused" || out["message"] == "" || out["request_id"] == "" {
		t.Errorf("reused nonce: %d %v", st, out)
	}
	// No signature and not on the whitelist.
	if st, out := apiCall(t, env, sdk.PathVerify, body, nil); st != http.StatusUnauthorized || out["code"] != "auth_required" {
		t.Errorf("unsigned: %d %v", st, out)
	}
	// Malformed body.
	if st, out := apiCall(t, env, sdk.PathVerify, []byte("{"), nil); st != http.StatusBadRequest || out["code"] != "bad_request" {
		t.Errorf("malformed: %d %v", st, out)
	}
	// An offline app.
	if _, err := svc.Transition(ctx, b.ID, apps.EvTakeOffline, apps.Actor{Role: apps.RoleReviewer, ID: 1}, "安全风险"); err != nil {
		t.Fatal(err)
	}
	if _, err := clB.VerifyTicket(ctx, "tk_x"); sdkCode(err) != "app_offline" {
		t.Errorf("offline app: %v", err)
	}
}

// The whitelist (8.3.4.4 b): a call without signature from a listed address.
func TestWebServiceWhitelist(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, cl := newApp(t, env, svc, apps.TypeIdentity, origin)
	env.Store.DB.Exec("UPDATE apps SET whitelist = ? WHERE id = ?", "127.0.0.0/8", a.ID)
	c := citizen(t, env)
	ticket := allow(t, c, a, origin).Get("zwjs_ticket")
	wl := *cl
	wl.PrivateKey = nil // whitelist calls carry no signature
	info, err := wl.Exchange(context.Background(), ticket)
	if err != nil || info.Name != "张三" {
		t.Fatalf("whitelisted exchange: %+v %v", info, err)
	}
}

func TestUserInfoIsSealedForTheAppOnly(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, cl := newApp(t, env, svc, apps.TypeIdentity, origin)
	_, clB := newApp(t, env, svc, apps.TypeIdentity, "https://other.example")
	c := citizen(t, env)
	g, err := cl.VerifyTicket(context.Background(), allow(t, c, a, origin).Get("zwjs_ticket"))
	if err != nil {
		t.Fatal(err)
	}
	if g.TrustLevel < 1 || g.ExpiresIn != 1800 {
		t.Fatalf("grant = %+v", g)
	}
	s, err := cl.FetchUserInfo(context.Background(), g.Token)
	if err != nil || s.Alg != "SM4-GCM" {
		t.Fatalf("sealed = %+v %v", s, err)
	}
	if _, err := sdk.Decrypt(clB.SM4Key, s); err == nil {
		t.Fatal("another app's key decrypted the user information")
	}
	raw, _ := json.Marshal(s)
	if strings.Contains(string(raw), "张三") || strings.Contains(string(raw), "1390000") {
		t.Fatal("user information visible in the answer")
	}
}
