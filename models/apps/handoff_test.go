package apps_test

import (
	"net"
	"testing"
	"time"

	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/apps/sdk"
)

// exchange runs verify + userinfo as an app's back end would, through
// Authenticate, and returns the decrypted user information.
func exchange(t *testing.T, svc *apps.Service, cl *sdk.Client, ticket string) (sdk.UserInfo, apps.Grant) {
	t.Helper()
	req, bodyKey := signed(t, cl, sdk.PathVerify, map[string]string{"app_id": cl.AppID, "ticket": ticket})
	a, err := svc.Authenticate(ctx, req, bodyKey)
	if err != nil {
		t.Fatalf("authenticate verify: %v", err)
	}
	g, err := svc.VerifyTicket(ctx, a, ticket)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	req, bodyKey = signed(t, cl, sdk.PathUserInfo, map[string]string{"app_id": cl.AppID, "token": g.Token})
	if a, err = svc.Authenticate(ctx, req, bodyKey); err != nil {
		t.Fatalf("authenticate userinfo: %v", err)
	}
	sealed, err := svc.UserInfoFor(ctx, a, g.Token)
	if err != nil {
		t.Fatalf("userinfo: %v", err)
	}
	info, err := sdk.Decrypt(cl.SM4Key, sdk.Sealed{Alg: sealed.Alg, Data: sealed.Data})
	if err != nil {
		t.Fatalf("decrypt: %v", err)
	}
	return info, g
}

func TestHandOffGivesDecryptableIdentityWithPerAppPseudonym(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a1, cl1 := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	a2, cl2 := mkApp(t, svc, c, apps.TypeIdentity, "https://two.example")
	var ids []string
	for _, x := range []struct {
		a  apps.App
		cl *sdk.Client
	}{{a1, cl1}, {a2, cl2}} {
		if err := svc.GrantConsent(ctx, uid, x.a); err != nil {
			t.Fatal(err)
		}
		ticket, err := svc.IssueTicket(ctx, x.a, uid)
		if err != nil {
			t.Fatal(err)
		}
		info, g := exchange(t, svc, x.cl, ticket)
		if g.TrustLevel != 3 || g.ExpiresIn != 1800 || info.TrustLevel != 3 {
			t.Errorf("grant %+v info level %d", g, info.TrustLevel)
		}
		if info.Name != "张三" || info.IDType != "111" || len(info.IDNumber) != 18 || len(info.Mobile) != 11 ||
			info.UserType != "natural" || info.AppID != x.cl.AppID || info.OrgName != "" {
			t.Errorf("userinfo = %+v", info)
		}
		ids = append(ids, info.UserID)
	}
	if ids[0] == ids[1] || len(ids[0]) != 32 {
		t.Fatalf("pseudonyms %v: must differ between apps", ids)
	}
	// The same app sees the same pseudonym every time.
	ticket, _ := svc.IssueTicket(ctx, a1, uid)
	if info, _ := exchange(t, svc, cl1, ticket); info.UserID != ids[0] {
		t.Fatal("pseudonym not stable within one app")
	}
}

func TestLegalPersonGetsOrganisation(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "legal", 3)
	a, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, uid, a)
	ticket, _ := svc.IssueTicket(ctx, a, uid)
	info, _ := exchange(t, svc, cl, ticket)
	if info.UserType != "legal" || info.OrgName != "杭州某某科技有限公司" || info.CreditCode != "91330100MA27XXXX8X" {
		t.Fatalf("legal userinfo = %+v", info)
	}
}

// Issue 9 security tests, each with its own code.
func TestTicketReplayIsRefused(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, uid, a)
	ticket, _ := svc.IssueTicket(ctx, a, uid)
	exchange(t, svc, cl, ticket)
	_, err := svc.VerifyTicket(ctx, a, ticket)
	wantCode(t, err, apps.ErrTicketUsed)
	_, err = svc.VerifyTicket(ctx, a, "tk_never-issued")
	wantCode(t, err, apps.ErrTicketInvalid)
}

func TestTicketOfAnotherAppIsRefusedAndNotBurnt(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a1, cl1 := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	a2, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://two.example")
	svc.GrantConsent(ctx, uid, a1)
	ticket, _ := svc.IssueTicket(ctx, a1, uid)
	_, err := svc.VerifyTicket(ctx, a2, ticket)
	wantCode(t, err, apps.ErrTicketWrongApp)
	exchange(t, svc, cl1, ticket) // still good for its own app
}

func TestTicketExpiresAfterFiveMinutes(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, uid, a)
	ticket, _ := svc.IssueTicket(ctx, a, uid)
	c.Add(apps.TicketTTL + time.Second)
	_, err := svc.VerifyTicket(ctx, a, ticket)
	wantCode(t, err, apps.ErrTicketExpired)
}

func TestExpiredTokenIsRefused(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, uid, a)
	ticket, _ := svc.IssueTicket(ctx, a, uid)
	g, err := svc.VerifyTicket(ctx, a, ticket)
	if err != nil {
		t.Fatal(err)
	}
	c.Add(apps.TokenTTL)
	_, err = svc.UserInfoFor(ctx, a, g.Token)
	wantCode(t, err, apps.ErrTokenExpired)
	_, err = svc.UserInfoFor(ctx, a, "at_forged")
	wantCode(t, err, apps.ErrTokenInvalid)
}

func TestTokenOfAnotherAppIsRefused(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a1, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	a2, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://two.example")
	svc.GrantConsent(ctx, uid, a1)
	ticket, _ := svc.IssueTicket(ctx, a1, uid)
	g, _ := svc.VerifyTicket(ctx, a1, ticket)
	_, err := svc.UserInfoFor(ctx, a2, g.Token)
	wantCode(t, err, apps.ErrTokenWrongApp)
}

func TestRevokedConsentStopsTicketsAndTokens(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, uid, a)
	t1, _ := svc.IssueTicket(ctx, a, uid)
	t2, _ := svc.IssueTicket(ctx, a, uid)
	g, _ := svc.VerifyTicket(ctx, a, t1)
	if err := svc.RevokeConsent(ctx, uid, a.ID); err != nil {
		t.Fatal(err)
	}
	_, err := svc.UserInfoFor(ctx, a, g.Token)
	wantCode(t, err, apps.ErrConsentRevoked)
	_, err = svc.VerifyTicket(ctx, a, t2)
	wantCode(t, err, apps.ErrConsentRevoked)
	_, err = svc.IssueTicket(ctx, a, uid)
	wantCode(t, err, apps.ErrConsentRequired)
	// Granting again does not revive what was issued before the revocation.
	c.Add(time.Second)
	svc.GrantConsent(ctx, uid, a)
	_, err = svc.UserInfoFor(ctx, a, g.Token)
	wantCode(t, err, apps.ErrConsentRevoked)
	if _, err := svc.IssueTicket(ctx, a, uid); err != nil {
		t.Fatalf("ticket after granting again: %v", err)
	}
}

func TestDisabledAccountGetsNoToken(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, uid, a)
	ticket, _ := svc.IssueTicket(ctx, a, uid)
	svc.St.DB.Exec("UPDATE users SET disabled = ? WHERE id = ?", true, uid)
	_, err := svc.VerifyTicket(ctx, a, ticket)
	wantCode(t, err, apps.ErrUserUnavailable)
}

func TestOpenAppGetsNoIdentity(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a, _ := mkApp(t, svc, c, apps.TypeOpen, "https://open.example")
	wantCode(t, svc.GrantConsent(ctx, uid, a), apps.ErrAppOpen)
	_, err := svc.IssueTicket(ctx, a, uid)
	wantCode(t, err, apps.ErrAppOpen)
	_, err = svc.VerifyTicket(ctx, a, "tk_x")
	wantCode(t, err, apps.ErrAppOpen)
}

func TestOfflineAppIsRefused(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, uid, a)
	if _, err := svc.Transition(ctx, a.ID, apps.EvTakeOffline, apps.Actor{Role: apps.RoleReviewer, ID: 9}, "不稳定"); err != nil {
		t.Fatal(err)
	}
	req, key := signed(t, cl, sdk.PathVerify, map[string]string{"app_id": cl.AppID, "ticket": "tk_x"})
	_, err := svc.Authenticate(ctx, req, key)
	wantCode(t, err, apps.ErrAppOffline)
	a, _ = apps.Get(ctx, svc.St, a.ID)
	_, err = svc.IssueTicket(ctx, a, uid)
	wantCode(t, err, apps.ErrAppOffline)
}

func TestBadSignatureIsRefused(t *testing.T) {
	svc, c := setup(t)
	_, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	_, other := mkApp(t, svc, c, apps.TypeIdentity, "https://two.example")
	req, key := signed(t, cl, sdk.PathVerify, map[string]string{"app_id": cl.AppID, "ticket": "tk_x"})
	tampered := req
	tampered.Body = []byte(`{"app_id":"` + cl.AppID + `","ticket":"tk_y"}`)
	_, err := svc.Authenticate(ctx, tampered, key)
	wantCode(t, err, apps.ErrSignatureInvalid)
	// Signed with another app's key.
	other.AppID = cl.AppID
	req2, _ := signed(t, other, sdk.PathVerify, map[string]string{"app_id": cl.AppID, "ticket": "tk_x"})
	_, err = svc.Authenticate(ctx, req2, key)
	wantCode(t, err, apps.ErrSignatureInvalid)
	req.Signature = "not base64!"
	_, err = svc.Authenticate(ctx, req, key)
	wantCode(t, err, apps.ErrSignatureInvalid)
}

func TestStaleTimestampIsRefused(t *testing.T) {
	svc, c := setup(t)
	_, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	for _, skew := range []time.Duration{-301 * time.Second, 301 * time.Second} {
		raw := []byte(`{}`)
		h, _ := cl.SignAt("POST", sdk.PathVerify, raw, c.t.Add(skew).Unix(), "nonce-stale-"+skew.String()[:1]+"xx")
		req := apps.Request{Method: "POST", Path: sdk.PathVerify, Body: raw, AppKey: cl.AppID, Timestamp: h.Get("X-Timestamp"),
			Nonce: h.Get("X-Nonce"), Signature: h.Get("X-Signature")}
		_, err := svc.Authenticate(ctx, req, "")
		wantCode(t, err, apps.ErrTimestampStale)
	}
	raw := []byte(`{}`)
	h, _ := cl.SignAt("POST", sdk.PathVerify, raw, c.t.Add(-299*time.Second).Unix(), "nonce-fresh-0001")
	req := apps.Request{Method: "POST", Path: sdk.PathVerify, Body: raw, AppKey: cl.AppID, Timestamp: h.Get("X-Timestamp"),
		Nonce: h.Get("X-Nonce"), Signature: h.Get("X-Signature")}
	if _, err := svc.Authenticate(ctx, req, ""); err != nil {
		t.Fatalf("a timestamp 299 s old must pass: %v", err)
	}
}

func TestReusedNonceIsRefusedWithinTenMinutes(t *testing.T) {
	svc, c := setup(t)
	_, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	send := func(nonce string) error {
		raw := []byte(`{"ticket":"x"}`)
		h, _ := cl.SignAt("POST", sdk.PathVerify, raw, c.Unix(), nonce)
		_, err := svc.Authenticate(ctx, apps.Request{Method: "POST", Path: sdk.PathVerify, Body: raw, AppKey: cl.AppID,
			Timestamp: h.Get("X-Timestamp"), Nonce: h.Get("X-Nonce"), Signature: h.Get("X-Signature")}, "")
		return err
	}
	if err := send("abcdef0123456789"); err != nil {
		t.Fatal(err)
	}
	c.Add(9 * time.Minute)
	wantCode(t, send("abcdef0123456789"), apps.ErrNonceReused)
	wantCode(t, send("short"), apps.ErrNonceInvalid)
	c.Add(2 * time.Minute)
	if err := send("abcdef0123456789"); err != nil {
		t.Fatalf("after 10 minutes the nonce is free again: %v", err)
	}
}

func TestWhitelistAuthentication(t *testing.T) {
	svc, c := setup(t)
	_, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	req := apps.Request{Method: "POST", Path: sdk.PathVerify, Body: []byte(`{}`), RemoteIP: net.ParseIP("192.0.2.15")}
	if _, err := svc.Authenticate(ctx, req, cl.AppID); err != nil {
		t.Fatalf("whitelisted caller refused: %v", err)
	}
	req.RemoteIP = net.ParseIP("198.51.100.1")
	_, err := svc.Authenticate(ctx, req, cl.AppID)
	wantCode(t, err, apps.ErrAuthRequired)
	_, err = svc.Authenticate(ctx, req, "zwa-unknown")
	wantCode(t, err, apps.ErrAppUnknown)
	req.AppKey = "zwa-other"
	_, err = svc.Authenticate(ctx, req, cl.AppID)
	wantCode(t, err, apps.ErrAppMismatch)
}

// Two back ends (or processes) racing for one ticket: exactly one wins.
func TestConcurrentRedemptionsOfOneTicket(t *testing.T) {
	svc, c := setup(t)
	uid := mkUser(t, svc.St, "natural", 3)
	a, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, uid, a)
	ticket, _ := svc.IssueTicket(ctx, a, uid)
	const n = 8
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			_, err := svc.VerifyTicket(ctx, a, ticket)
			errs <- err
		}()
	}
	won := 0
	for i := 0; i < n; i++ {
		switch err := <-errs; err {
		case nil:
			won++
		case apps.ErrTicketUsed:
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d redemptions of one ticket succeeded", won)
	}
}
