package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseFlagsAlwaysMeasuresHealthzFirst(t *testing.T) {
	o, err := parseFlags([]string{"-paths", "/, /search?q=x,/healthz"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(o.paths, " "); got != "/healthz / /search?q=x" {
		t.Errorf("paths = %q", got)
	}
	for _, bad := range [][]string{
		{"-duration", "10m"}, {"-conns", "0"}, {"-conns", "5000"}, {"-db", "mysql://x"}, {"-paths", "healthz"},
	} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("parseFlags(%v) accepted a bad value", bad)
		}
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
