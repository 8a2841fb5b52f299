package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/gateway"
	"github.com/zwfw/portal/models/gmcrypto"
)

func TestGetRowsRotateAndSignedInRowsRejectRedirects(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/me" {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	c := newClient(4)
	e, _ := parseEntry("/a|/b|/c")
	steps, failed, _ := buildSteps(context.Background(), c, srv.URL, e, 4, account{}, nil, time.Second)
	s := measure(context.Background(), steps, 200*time.Millisecond)
	if failed != 0 || s.errors != 0 || len(s.latencies) < 30 {
		t.Fatalf("rotating row: %d answers, %d errors", len(s.latencies), s.errors)
	}
	mu.Lock()
	a, b, cc := hits["/a"], hits["/b"], hits["/c"]
	mu.Unlock()
	if a == 0 || b == 0 || cc == 0 || a+b+cc != len(s.latencies) || max(a, b, cc)-min(a, b, cc) > 8 {
		t.Errorf("rotation uneven: /a %d /b %d /c %d of %d", a, b, cc, len(s.latencies))
	}
	// A redirect is an answer for an anonymous page (not followed), but
	// means a lost session for a signed-in one.
	plain := measure(context.Background(), []step{getStep(c, []string{srv.URL + "/me"}, 0, false)}, 100*time.Millisecond)
	signed := measure(context.Background(), []step{getStep(c, []string{srv.URL + "/me"}, 0, true)}, 100*time.Millisecond)
	if plain.errors != 0 || len(plain.latencies) == 0 || len(signed.latencies) != 0 || signed.errors == 0 {
		t.Errorf("303: anonymous %d ok %d errors; signed in %d ok %d errors", len(plain.latencies), plain.errors, len(signed.latencies), signed.errors)
	}
	mu.Lock()
	login := hits["/login"]
	mu.Unlock()
	if login != 0 {
		t.Errorf("the redirect to /login was followed %d times", login)
	}
}

// fakeLogin is a portal's sign-in: a CSRF token bound to a cookie, a
// session cookie after a right password, /me only with the session.
func fakeLogin(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var logins atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/login" && r.Method == http.MethodGet:
			http.SetCookie(w, &http.Cookie{Name: "zw_csrf", Value: "tok123", Path: "/"})
			w.Write([]byte(`<form method="post"><input type="hidden" name="_csrf" value="tok123"><input name="login"></form>`))
		case r.URL.Path == "/login":
			ck, err := r.Cookie("zw_csrf")
			if err != nil || ck.Value != r.FormValue("_csrf") {
				http.Error(w, "csrf", http.StatusForbidden)
				return
			}
			if r.FormValue("login") != demoLogin || r.FormValue("password") != demoPassword {
				w.WriteHeader(http.StatusUnprocessableEntity)
				return
			}
			logins.Add(1)
			http.SetCookie(w, &http.Cookie{Name: "zw_session", Value: "s", Path: "/"})
			http.Redirect(w, r, "/me", http.StatusSeeOther)
		default:
			if _, err := r.Cookie("zw_session"); err != nil {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			w.Write([]byte("我的办件"))
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &logins
}

func TestLoginRowsSignInOncePerConnection(t *testing.T) {
	srv, logins := fakeLogin(t)
	c := newClient(3)
	e, _ := parseEntry("login:/me|/me/cases")
	good := account{demoLogin, demoPassword}
	steps, failed, why := buildSteps(context.Background(), c, srv.URL, e, 3, good, nil, 5*time.Second)
	if failed != 0 || len(steps) != 3 {
		t.Fatalf("%d connections failed to sign in: %s", failed, why)
	}
	s := measure(context.Background(), steps, 200*time.Millisecond)
	if s.errors != 0 || len(s.latencies) < 10 || logins.Load() != 3 {
		t.Errorf("%d answers, %d errors (%s), %d sign-ins for 3 connections", len(s.latencies), s.errors, s.firstErr, logins.Load())
	}
	// A wrong password fails every connection before the clock starts.
	steps, failed, why = buildSteps(context.Background(), c, srv.URL, e, 3, account{demoLogin, "wrong"}, nil, 5*time.Second)
	if len(steps) != 0 || failed != 3 || !strings.Contains(why, "422") {
		t.Errorf("wrong password: %d steps, %d failed, %q", len(steps), failed, why)
	}
}

// The jssdk: and gateway: rows against the real router (handlers.New over
// SQLite with the demo data), the app and interfaces registered through
// the models as bin apps create / interfaces create do.
func TestJSSDKAndGatewayRowsAgainstThePortal(t *testing.T) {
	env := handlertest.NewWithDemo(t, func(d *handlers.Deps) { d.Options.GatewayAllowHosts = []string{"127.0.0.1"} })
	secret := []byte("test-secret-key-0123456789abcdef-0123") // handlertest's
	ctx := context.Background()
	fx, err := newFixture()
	if err != nil {
		t.Fatal(err)
	}
	defer fx.close()
	pub, _ := fx.key.PublicKeyPEM()
	asvc, err := apps.NewService(env.Store, secret, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, sm4, err := asvc.CreateOnline(ctx, apps.Form{Name: "压测应用", Type: apps.TypeIdentity, OwnerOrg: "压测单位", EntryURL: fx.origin + "/"},
		apps.Credentials{SM2PublicKey: string(pub), Whitelist: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	fx.appID, fx.sm4 = a.Key(), sm4
	gsvc, err := gateway.NewService(env.Store, secret, &gateway.Guard{AllowHosts: []string{"127.0.0.1"}, AllowHTTP: true})
	if err != nil {
		t.Fatal(err)
	}
	defer gsvc.Close()
	fx.sm2Code, fx.listedCode = "loadgen.t.sm2", "loadgen.t.whitelist"
	for _, it := range [][3]string{{fx.sm2Code, "POST", "sm2"}, {fx.listedCode, "GET", "whitelist"}} {
		if _, err := gsvc.CreateApproved(ctx, gateway.Form{App: fx.appID, Code: it[0], Name: it[0], SourceURL: fx.origin + "/q",
			Method: it[1], Auth: it[2], RequestParams: "region|是|string|行政区划代码\npf|否|string|渠道", Consumers: "*", RatePerMin: "1000000"}); err != nil {
			t.Fatal(err)
		}
	}
	c := newClient(2)
	demo := account{demoLogin, demoPassword}
	for _, row := range []string{"jssdk:", "gateway:sm2", "gateway:whitelist"} {
		e, _ := parseEntry(row)
		steps, failed, why := buildSteps(ctx, c, env.Server.URL, e, 2, demo, fx, 30*time.Second)
		if failed != 0 {
			t.Fatalf("%s: setup failed: %s", row, why)
		}
		s := measure(ctx, steps, 400*time.Millisecond)
		if s.errors != 0 || len(s.latencies) == 0 {
			t.Errorf("%s: %d answers, %d errors: %s", row, len(s.latencies), s.errors, s.firstErr)
		}
	}
	// Each exchange used a fresh ticket: a used one is refused.
	var used int64
	env.Store.DB.Table("app_tickets").Where("used_at IS NOT NULL").Count(&used)
	if used == 0 {
		t.Error("no ticket was redeemed")
	}
	// A signature by another key is an error, not a latency.
	other, _ := gmcrypto.GenerateKeyPair()
	bad := *fx
	bad.key = other
	s := measure(ctx, []step{gatewayStep(c, env.Server.URL, &bad, gatewaySM2)}, 200*time.Millisecond)
	if len(s.latencies) != 0 || s.errors == 0 || !strings.Contains(s.firstErr, "POST /gateway/") {
		t.Errorf("wrong key: %d answers, %d errors (%s)", len(s.latencies), s.errors, s.firstErr)
	}
}

func TestMarkdownTableHasEveryColumnAndTheMachine(t *testing.T) {
	var out bytes.Buffer
	printMarkdown(&out, []pathStats{
		{label: "health check", path: "/healthz", elapsed: time.Second, latencies: []time.Duration{time.Millisecond, 3 * time.Millisecond}},
		{label: "guide", path: "/matters/a|b", elapsed: time.Second, latencies: []time.Duration{2 * time.Millisecond}, errors: 1},
	}, "Machine: 2 CPUs; DB: PostgreSQL.")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 6 || lines[0] != "| page | path | req/s | p50 | p95 | p99 | errors | ratio to /healthz |" {
		t.Fatalf("table:\n%s", out.String())
	}
	if lines[3] != "| guide | `/matters/a\\|b` | 2 | 2.00ms | 2.00ms | 2.00ms | 1 | 1.000 |" || lines[5] != "Machine: 2 CPUs; DB: PostgreSQL." {
		t.Errorf("rows:\n%s", out.String())
	}
}
