package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseFlagsAlwaysMeasuresHealthzFirst(t *testing.T) {
	o, err := parseFlags([]string{"-paths", "/, /search?q=x,/healthz"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range o.entries {
		got = append(got, strings.Join(e.paths, "|"))
	}
	if strings.Join(got, " ") != "/healthz / /search?q=x" {
		t.Errorf("paths = %q", got)
	}
	if o.url != "" || o.markdown || o.ready != 2*time.Minute || o.account.login != demoLogin {
		t.Errorf("defaults: %+v", o)
	}
	for _, bad := range [][]string{
		{"-duration", "10m"}, {"-conns", "0"}, {"-conns", "5000"}, {"-db", "mysql://x"}, {"-paths", "healthz"},
		{"-url", "127.0.0.1:8080"}, {"-url", "http://127.0.0.1:8080/portal"}, {"-url", "ftp://x"}, {"-ready-timeout", "2h"},
		{"-paths", "soap:/x"}, {"-paths", "jssdk:/x"}, {"-paths", "gateway:"}, {"-paths", "gateway:hmac"}, {"-paths", "login:me"},
		{"-paths", "guide=/a|b"},
	} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("parseFlags(%v) accepted a bad value", bad)
		}
	}
	o, err = parseFlags([]string{"-url", "http://127.0.0.1:8080/", "-markdown", "-ready-timeout", "15m"}, io.Discard)
	if err != nil || o.url != "http://127.0.0.1:8080" || !o.markdown || o.ready != 15*time.Minute {
		t.Errorf("-url/-markdown/-ready-timeout: %+v, %v", o, err)
	}
}

func TestParseEntriesLabelsKindsAndRotation(t *testing.T) {
	es, err := parseEntries("home=/,guide=/matters/A|/matters/B, /search?q=a=b,user center=login:/me|/me/cases,jssdk:," +
		"gateway signed=gateway:sm2,gateway:whitelist")
	if err != nil {
		t.Fatal(err)
	}
	want := []entry{healthz,
		{label: "home", kind: kindGet, paths: []string{"/"}},
		{label: "guide", kind: kindGet, paths: []string{"/matters/A", "/matters/B"}},
		{kind: kindGet, paths: []string{"/search?q=a=b"}}, // a query string is not a label
		{label: "user center", kind: kindLogin, paths: []string{"/me", "/me/cases"}},
		{kind: kindJSSDK},
		{label: "gateway signed", kind: kindGateway, mode: gatewaySM2},
		{kind: kindGateway, mode: gatewayListed},
	}
	if len(es) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(es), len(want), es)
	}
	for i := range want {
		if es[i].label != want[i].label || es[i].kind != want[i].kind || es[i].mode != want[i].mode ||
			strings.Join(es[i].paths, "|") != strings.Join(want[i].paths, "|") {
			t.Errorf("entry %d = %+v, want %+v", i, es[i], want[i])
		}
	}
	if es[2].path() != "/matters/A (+1 rotating)" || es[3].name() != "/search?q=a=b" || !strings.Contains(es[4].path(), "signed in") {
		t.Errorf("row names: %q %q %q", es[2].path(), es[3].name(), es[4].path())
	}
}

func TestPercentileNearestRank(t *testing.T) {
	s := pathStats{}
	for i := 1; i <= 100; i++ {
		s.latencies = append(s.latencies, time.Duration(i)*time.Millisecond)
	}
	for q, want := range map[float64]time.Duration{0.5: 50 * time.Millisecond, 0.95: 95 * time.Millisecond, 0.99: 99 * time.Millisecond, 1: 100 * time.Millisecond} {
		if got := s.percentile(q); got != want {
			t.Errorf("p%v = %s, want %s", q*100, got, want)
		}
	}
	if (pathStats{}).percentile(0.99) != 0 {
		t.Error("empty stats should give 0")
	}
}

func TestLoadCountsErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	c := newClient(4)
	good := load(context.Background(), c, srv.URL+"/good", 4, 200*time.Millisecond)
	if len(good.latencies) == 0 || good.errors != 0 {
		t.Errorf("good path: %d answers, %d errors", len(good.latencies), good.errors)
	}
	bad := load(context.Background(), c, srv.URL+"/bad", 4, 200*time.Millisecond)
	if len(bad.latencies) != 0 || bad.errors == 0 {
		t.Errorf("bad path: %d answers, %d errors", len(bad.latencies), bad.errors)
	}
	var out bytes.Buffer
	printTable(&out, []pathStats{{path: "/healthz", elapsed: time.Second, latencies: make([]time.Duration, 100)},
		{path: "/", elapsed: time.Second, latencies: make([]time.Duration, 25), errors: 3}})
	if !strings.Contains(out.String(), "0.280") { // (25+3)/100
		t.Errorf("ratio missing from table:\n%s", out.String())
	}
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestPageWeightSumsCompressedHTMLCSSAndJS(t *testing.T) {
	page := `<!doctype html><html><head><link rel="icon" href="/i.svg"><link rel="preload stylesheet" href="/a.css">` +
		`<script src="/s.js" defer></script></head><body><img src="/big.png"></body></html>`
	files := map[string][]byte{"/": gz(page), "/a.css": gz(strings.Repeat("body{}", 100)), "/s.js": []byte("plain();")}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.URL.Path != "/s.js" && r.Header.Get("Accept-Encoding") == "gzip" {
			w.Header().Set("Content-Encoding", "gzip")
		}
		w.Write(b)
	}))
	defer srv.Close()
	w, err := pageWeight(context.Background(), newClient(1), srv.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 3 || w[0].kind != "html" || w[1].kind != "css" || w[2].kind != "js" {
		t.Fatalf("resources = %+v", w)
	}
	want := len(files["/"]) + len(files["/a.css"]) + len(gz("plain();"))
	if w.total() != want || w[2].gzip {
		t.Errorf("total = %d, want %d (uncompressed script counted as gzip would make it)", w.total(), want)
	}
}

// -url measures a portal that is already running: no binary is started
// (-bin points nowhere), /readyz is awaited, and -markdown prints only the
// table and the machine line.
func TestURLAttachesToARunningPortal(t *testing.T) {
	var ready atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/readyz" && ready.Add(1) < 3 {
			http.Error(w, "starting", http.StatusServiceUnavailable) // the index is still being built
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	var out, errs bytes.Buffer
	err := run(context.Background(), []string{"-url", srv.URL, "-bin", "/nonexistent/portal", "-markdown", "-duration", "100ms",
		"-warmup", "0s", "-conns", "2", "-paths", "home=/,guide=/a|/b"}, &out, &errs)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 7 || !strings.HasPrefix(lines[2], "| health check | `/healthz` |") || !strings.HasPrefix(lines[4], "| guide | `/a (+1 rotating)` |") ||
		!strings.Contains(lines[6], "attached to "+srv.URL) || ready.Load() < 3 {
		t.Errorf("output (readyz asked %d times):\n%s", ready.Load(), out.String())
	}
	// A jssdk: row needs the binary to register its app: a clear error.
	err = run(context.Background(), []string{"-url", srv.URL, "-bin", "/nonexistent/portal", "-paths", "jssdk:"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "apps create") {
		t.Errorf("jssdk: without a binary: %v", err)
	}
}

// With -rate the loop is open: about rate×d requests are sent whatever the
// server's speed, and a slow answer delays the ones queued behind it, whose
// latency counts from their scheduled time.
func TestMeasureAtRateSendsTheScheduleAndCountsQueueing(t *testing.T) {
	var calls atomic.Int64
	slow := func(ctx context.Context) error {
		if calls.Add(1) == 1 {
			time.Sleep(300 * time.Millisecond) // one stall holds the only connection
		}
		return nil
	}
	s := measureAt(context.Background(), []step{slow}, time.Second, 50)
	if n := len(s.latencies); n < 45 || n > 51 {
		t.Fatalf("%d requests in 1 s at 50/s", n)
	}
	// The requests scheduled during the stall waited for it.
	if p := s.percentile(0.90); p < 100*time.Millisecond {
		t.Errorf("p90 %s: queueing behind the stall was not counted", p)
	}
}
