package apps_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
)

func site(t *testing.T, h http.HandlerFunc) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func byName(run []apps.Check) map[string]apps.Check {
	m := map[string]apps.Check{}
	for _, c := range run {
		m[c.Name] = c
	}
	return m
}

// Issue 9 §2: entry URL answers within 3 s, viewport meta present, no
// third-party ad hosts, page weight.
func TestAutomatedChecks(t *testing.T) {
	const vp = `<meta name="viewport" content="width=device-width, initial-scale=1">`
	big := strings.Repeat("x", 3<<20)
	cases := []struct {
		name   string
		h      http.HandlerFunc
		failed string
	}{
		{"good", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/app.js" {
				w.Write([]byte("console.log(1)"))
				return
			}
			w.Write([]byte(`<html><head>` + vp + `<script src="/app.js"></script></head></html>`))
		}, ""},
		{"server error", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }, apps.CheckReachable},
		{"no viewport", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`<html><head></head></html>`)) }, apps.CheckViewport},
		{"zoom blocked", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`<meta name="viewport" content="width=device-width, user-scalable=no">`))
		}, apps.CheckViewport},
		{"ads", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`<html><head>` + vp + `<script src="https://pagead2.googlesyndication.com/x.js"></script></head></html>`))
		}, apps.CheckNoAds},
		{"heavy", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/big.png" {
				w.Write([]byte(big))
				return
			}
			w.Write([]byte(`<html><head>` + vp + `</head><body><img src="/big.png" alt=""></body></html>`))
		}, apps.CheckWeight},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run := apps.NewChecker(true).Run(ctx, site(t, c.h)+"/")
			for _, ch := range run {
				if ch.Detail == "not checked" && c.failed == apps.CheckReachable {
					continue // nothing to inspect when the page does not answer
				}
				if wantFail := ch.Name == c.failed; ch.Passed == wantFail {
					t.Errorf("%s: passed=%v (%s)", ch.Name, ch.Passed, ch.Detail)
				}
			}
		})
	}
}

func TestSlowEntryURLFailsReachability(t *testing.T) {
	url := site(t, func(w http.ResponseWriter, r *http.Request) { time.Sleep(300 * time.Millisecond) })
	c := apps.NewChecker(true)
	c.Timeout = 50 * time.Millisecond // the rule is 3 s; scaled down so the test is quick
	if run := byName(c.Run(ctx, url)); run[apps.CheckReachable].Passed {
		t.Fatal("a page slower than the limit passed")
	}
}

func TestCheckerRefusesPrivateAddressesInProduction(t *testing.T) {
	url := site(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("internal")) })
	if run := byName(apps.NewChecker(false).Run(ctx, url)); run[apps.CheckReachable].Passed {
		t.Fatal("the checker reached a loopback address with AllowPrivate off")
	}
}

func TestUnframeableAppOpensTopLevel(t *testing.T) {
	svc, c := setup(t)
	url := site(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Frame-Options", "DENY")
		w.Write([]byte(`<meta name="viewport" content="width=device-width">`))
	})
	a, _ := mkApp(t, svc, c, apps.TypeOpen, url)
	if _, err := svc.RunChecks(ctx, a, apps.NewChecker(true)); err != nil {
		t.Fatal(err)
	}
	a, _ = apps.Get(ctx, svc.St, a.ID)
	if a.Frameable {
		t.Fatal("an app sending X-Frame-Options: DENY must be opened at the top level")
	}
	latest, _ := svc.LatestChecks(ctx, a.ID)
	if len(latest) != 5 {
		t.Fatalf("latest run has %d checks", len(latest))
	}
}

func TestMonitoringTakesUnstableAppOffline(t *testing.T) {
	svc, c := setup(t)
	steady, _ := mkApp(t, svc, c, apps.TypeOpen, "https://steady.example")
	flaky, _ := mkApp(t, svc, c, apps.TypeOpen, "https://flaky.example")
	slow, _ := mkApp(t, svc, c, apps.TypeOpen, "https://slow.example")
	few, _ := mkApp(t, svc, c, apps.TypeOpen, "https://few.example")
	for i := 0; i < 6; i++ {
		svc.RecordProbe(ctx, steady.ID, true, 200*time.Millisecond)
		svc.RecordProbe(ctx, flaky.ID, i%2 == 0, 200*time.Millisecond)
		svc.RecordProbe(ctx, slow.ID, true, 5*time.Second)
		if i < 2 {
			svc.RecordProbe(ctx, few.ID, false, 0)
		}
	}
	off, err := svc.Evaluate(ctx, apps.DefaultMonitorPolicy)
	if err != nil {
		t.Fatal(err)
	}
	if len(off) != 2 {
		t.Fatalf("taken offline: %v", off)
	}
	for id, want := range map[int64]string{steady.ID: apps.Online, flaky.ID: apps.Offline, slow.ID: apps.Offline, few.ID: apps.Online} {
		a, _ := apps.Get(ctx, svc.St, id)
		if a.Status != want {
			t.Errorf("app %d: %s, want %s", id, a.Status, want)
		}
	}
	h, _ := svc.History(ctx, flaky.ID, 5)
	if h[0].Actor != apps.RoleSystem || !strings.Contains(h[0].Note, "availability 50%") {
		t.Fatalf("monitoring move = %+v", h[0])
	}
	// Old probes leave the window.
	c.Add(31 * time.Minute)
	if off, _ := svc.Evaluate(ctx, apps.DefaultMonitorPolicy); len(off) != 0 {
		t.Fatalf("probes outside the window counted: %v", off)
	}
}

func TestSM4KeyIsSealedAtRestAndBoundToItsApp(t *testing.T) {
	svc, c := setup(t)
	a, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	b, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://two.example")
	if strings.Contains(a.SM4KeySealed, string(cl.SM4Key)) {
		t.Fatal("plain key stored")
	}
	got, err := svc.Keys.OpenAppKey(a.ID, a.SM4KeySealed)
	if err != nil || string(got) != string(cl.SM4Key) {
		t.Fatalf("open: %v", err)
	}
	if _, err := svc.Keys.OpenAppKey(b.ID, a.SM4KeySealed); err == nil {
		t.Fatal("a sealed key copied to another app opened")
	}
	other, _ := apps.NewKeyRing([]byte("another-secret-key-0123456789abcdef"))
	if _, err := other.OpenAppKey(a.ID, a.SM4KeySealed); err == nil {
		t.Fatal("a sealed key opened under another portal secret")
	}
	if _, err := apps.NewKeyRing([]byte("short")); err == nil {
		t.Fatal("a short secret was accepted")
	}
}

func TestRotateKeyRevealsNewKeyOnce(t *testing.T) {
	svc, c := setup(t)
	owner := mkUser(t, svc.St, "legal", 3)
	a, cl := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.St.DB.Exec("UPDATE apps SET owner_user_id = ? WHERE id = ?", owner, a.ID)
	if _, err := svc.RevealKey(ctx, a.ID, owner); !errors.Is(err, models.ErrConflict) {
		t.Fatal("a CLI-created key was already shown")
	}
	if err := svc.RotateKey(ctx, a.ID, owner+1); !errors.Is(err, models.ErrNotFound) {
		t.Fatal("another account rotated the key")
	}
	if err := svc.RotateKey(ctx, a.ID, owner); err != nil {
		t.Fatal(err)
	}
	k, err := svc.RevealKey(ctx, a.ID, owner)
	if err != nil || string(k) == string(cl.SM4Key) {
		t.Fatalf("rotated key: %v", err)
	}
}

func TestConsentsListedAndRevocableByTheirUserOnly(t *testing.T) {
	svc, c := setup(t)
	u1 := mkUser(t, svc.St, "natural", 3)
	u2 := mkUser(t, svc.St, "natural", 3)
	a, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.GrantConsent(ctx, u1, a)
	svc.GrantConsent(ctx, u1, a) // asked once: granting twice keeps one row
	list, err := svc.Authorizations(ctx, u1, 10)
	if err != nil || len(list) != 1 || list[0].AppName != "测试应用" {
		t.Fatalf("authorizations = %+v, %v", list, err)
	}
	if err := svc.RevokeConsent(ctx, u2, a.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("revoking another user's consent: %v", err)
	}
	if err := svc.RevokeConsent(ctx, u1, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := svc.Authorizations(ctx, u1, 10); len(list) != 0 {
		t.Fatal("a revoked authorisation is still listed")
	}
}

func TestStatisticsCountViewsUsersErrorsTickets(t *testing.T) {
	svc, c := setup(t)
	u1 := mkUser(t, svc.St, "natural", 3)
	u2 := mkUser(t, svc.St, "natural", 3)
	a, _ := mkApp(t, svc, c, apps.TypeIdentity, "https://one.example")
	svc.RecordView(ctx, a, u1)
	svc.RecordView(ctx, a, u1)
	svc.RecordView(ctx, a, 0)
	svc.RecordError(ctx, a)
	c.Add(24 * time.Hour)
	svc.RecordView(ctx, a, u2)
	svc.GrantConsent(ctx, u2, a)
	svc.IssueTicket(ctx, a, u2)
	days, total, err := svc.Stats(ctx, a.ID, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || total.Views != 4 || total.Users != 2 || total.Errors != 1 || total.Tickets != 1 {
		t.Fatalf("days %+v total %+v", days, total)
	}
	if days[0].Users != 1 || days[1].Views != 3 {
		t.Fatalf("per day: %+v", days)
	}
}
