//go:build e2e

package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/usercenter"
)

// flakyPortal serves the portal, except that it can drop every connection
// (the phone has no network) or hold POST /login (a submission that never
// gets an answer).
type flakyPortal struct {
	app     http.Handler
	down    atomic.Bool
	slow    atomic.Bool
	release chan struct{}
}

func (f *flakyPortal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.down.Load() {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	if f.slow.Load() && r.Method == http.MethodPost && r.URL.Path == "/login" {
		select {
		case <-f.release:
		case <-r.Context().Done():
			return
		}
	}
	f.app.ServeHTTP(w, r)
}

// eventually evaluates a JavaScript predicate until it is true (pages may
// be replaced meanwhile, so errors are retried too).
func eventually(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: %s never became true (screenshot %s)", what, expr, screenshot(ctx, t, suite.root+"/e2e-artifacts", "c94b-failed.png"))
}

func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return s
}

// C 0103 9.4 b in Chromium: with the network gone the service worker shows
// the friendly offline page in place of the page asked for, and its retry
// loads the page once the network is back; a form checks the connection
// before sending and, offline, says so next to its button and keeps what
// was typed; a submission that gets no answer stops at the client's time
// limit with a message instead of spinning forever.
func TestC94b_OfflinePageRetryAndSafeSubmission(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	fp := &flakyPortal{app: env.App.Echo, release: make(chan struct{})}
	srv := httptest.NewServer(fp)
	defer srv.Close()
	defer close(fp.release)
	tab := newTab(t)
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	defer cancel()
	nl := &netLog{}
	nl.reset()
	if err := chromedp.Listen(ctx, nl.listen); err != nil {
		t.Fatal(err)
	}
	if err := emulatePhone(ctx, Viewports[0]); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, "service worker", `navigator.serviceWorker.controller !== null`)

	// No network: the offline page answers for /matters, at /matters.
	fp.down.Store(true)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/matters")); err != nil {
		t.Fatalf("navigating offline: %v", err)
	}
	eventually(t, ctx, "offline page", `document.querySelector('h1') && document.querySelector('h1').textContent === '网络不可用' && !!document.querySelector('[data-zw-retry]')`)
	if loc := evalString(t, ctx, `location.pathname`); loc != "/matters" {
		t.Fatalf("offline page at %s", loc)
	}
	// Back online, 重试 loads the page asked for.
	fp.down.Store(false)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-zw-retry]"))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, "retry", `location.pathname === '/matters' && document.querySelector('h1') && document.querySelector('h1').textContent !== '网络不可用'`)

	// A form checks the connection first: offline, nothing is sent, the
	// message sits next to the button and the typed values stay.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/login"),
		chromedp.SetValue(chromedp.CSS("#login"), usercenter.DemoPhone), chromedp.SetValue(chromedp.CSS("#password"), usercenter.DemoPassword)); err != nil {
		t.Fatal(err)
	}
	fp.down.Store(true)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, "offline message", `(document.querySelector('form[action="/login"] [data-zw-form-status]') || {}).textContent === '网络不可用，请检查网络连接后重试。您填写的内容已保留。'`)
	if v := evalString(t, ctx, `location.pathname + ' ' + document.querySelector('#login').value`); v != "/login "+usercenter.DemoPhone {
		t.Fatalf("after the offline check: %q", v)
	}

	// Online but no answer: the client's time limit stops the submission.
	fp.down.Store(false)
	fp.slow.Store(true)
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.documentElement.setAttribute('data-zw-submit-timeout', '1500')`),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, "time limit", `(document.querySelector('[data-zw-form-status]') || {}).textContent === '提交超时，请稍后重试。您填写的内容已保留。'`)
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("the time limit took %s", took)
	}
	state := evalString(t, ctx, `location.pathname + ' ' + document.querySelector('#login').value + ' ' + document.querySelector('form[action="/login"]').getAttribute('aria-busy')`)
	if state != "/login "+usercenter.DemoPhone+" false" {
		t.Fatalf("after the time limit: %q", state)
	}
	fp.slow.Store(false)
	// And the same form still works.
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#password"), usercenter.DemoPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, "sign-in after the failures", `location.pathname === '/me'`)
	urls, _, errs := nl.snapshot()
	for _, u := range urls {
		if !sameOrigin(u, srv.URL) {
			t.Errorf("request to another origin: %s", u)
		}
	}
	for _, e := range errs {
		if !strings.Contains(e, "Failed to fetch") {
			t.Errorf("script error: %s", e)
		}
	}
}
