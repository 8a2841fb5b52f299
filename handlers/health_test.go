package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
)

func TestHealthReadyAndMetrics(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	if r := c.Get("/healthz"); r.StatusCode != http.StatusOK {
		t.Fatalf("/healthz = %d", r.StatusCode)
	}
	r := c.Get("/readyz")
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `"status":"ok"`) {
		t.Fatalf("/readyz = %d %s", r.StatusCode, r.Body)
	}
	c.Get("/")
	m := c.Get("/metrics")
	if !strings.Contains(m.Body, `portal_http_requests_total{method="GET",route="/",status="200"}`) ||
		!strings.Contains(m.Body, "portal_http_request_duration_seconds_bucket") {
		t.Fatalf("metrics lack request count/latency by route and status:\n%.600s", m.Body)
	}
}

func TestReadyzReportsUnreachableDatabase(t *testing.T) {
	env := handlertest.New(t)
	env.Store.Close()
	r := env.Client().Get("/readyz")
	if r.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("/readyz with the database closed = %d", r.StatusCode)
	}
}

func TestSecurityHeadersOnEveryPage(t *testing.T) {
	env := handlertest.New(t)
	for _, p := range []string{"/", "/privacy", "/no-such-page"} {
		r := env.Client().Get(p)
		h := r.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'self'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff or Referrer-Policy", p)
		}
		if h.Get("X-Request-Id") == "" {
			t.Errorf("%s: no request ID", p)
		}
	}
}

func TestOversizedBodyGets413Page(t *testing.T) {
	env := handlertest.New(t, func(d *handlers.Deps) { d.Options.BodyLimit = "1K" })
	c := env.Client()
	r := c.Post("/prefs/lang", url.Values{"lang": {"en"}, "pad": {strings.Repeat("x", 4096)}})
	if r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized body = %d", r.StatusCode)
	}
	if strings.Contains(r.Body, "goroutine") || strings.Contains(r.Body, ".go:") {
		t.Fatal("error page leaks internals")
	}
}

// Per-IP POST limit holds, and the refusal is a page, not a stack trace.
func TestPostRateLimitPerIP(t *testing.T) {
	env := handlertest.New(t, func(d *handlers.Deps) { d.Options.PostPerMinuteIP = 3 })
	c := env.Client()
	codes := []int{}
	for i := 0; i < 5; i++ {
		codes = append(codes, c.Post("/prefs/elder", url.Values{"elder": {"1"}}).StatusCode)
	}
	if codes[0] != http.StatusSeeOther || codes[4] != http.StatusTooManyRequests {
		t.Fatalf("status sequence %v: want 303 first and 429 after the limit", codes)
	}
}

func TestStaticAssetsAreFingerprintedCompressedAndCachedForAYear(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	home := c.Get("/").Doc(t)
	href, ok := home.Find(`link[rel="stylesheet"]`).Attr("href")
	if !ok || !strings.HasPrefix(href, "/static/css/site.") {
		t.Fatalf("stylesheet href %q", href)
	}
	req, _ := http.NewRequest(http.MethodGet, env.Server.URL+href, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	r := c.Do(req)
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(r.Header.Get("Cache-Control"), "max-age=31536000") {
		t.Fatalf("asset: %d enc=%q cache=%q", r.StatusCode, r.Header.Get("Content-Encoding"), r.Header.Get("Cache-Control"))
	}
	if r := c.Get("/static/css/site.000000000000.css"); r.StatusCode != http.StatusNotFound {
		t.Fatalf("stale fingerprint = %d, want 404", r.StatusCode)
	}
}
