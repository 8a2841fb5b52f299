// Package handlertest drives the whole router in tests: a real server on a
// loopback port over a fresh database (see modelstest), a client with a
// cookie jar, CSRF handled like a browser would, and goquery documents.
package handlertest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/seed"
)

// Env is a running portal for one test.
type Env struct {
	T      testing.TB
	Store  *models.Store
	App    *handlers.App
	Server *httptest.Server
	Logs   *strings.Builder
}

// Option adjusts the environment before the router is built.
type Option func(*handlers.Deps)

// New starts a portal over an empty migrated database.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	return start(t, modelstest.Open(t), opts...)
}

// NewWithDemo starts a portal over a database holding the demo data.
func NewWithDemo(t testing.TB, opts ...Option) *Env {
	t.Helper()
	st := modelstest.OpenSeeded(t, func(ctx context.Context, st *models.Store) error {
		return seed.Demo(ctx, st, nil)
	})
	return start(t, st, opts...)
}

func start(t testing.TB, st *models.Store, opts ...Option) *Env {
	logs := &strings.Builder{}
	d := handlers.Deps{Store: st, Logger: slog.New(slog.NewTextHandler(&lockedWriter{w: logs}, nil)),
		Options: handlers.Options{SiteName: "中国政务服务", SecretKey: []byte("test-secret-key-0123456789abcdef-0123"), PostPerMinuteIP: 0}}
	blobs, err := blob.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d.Blob = blobs
	for _, o := range opts {
		o(&d)
	}
	app, err := handlers.New(d)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app.Echo)
	t.Cleanup(srv.Close)
	return &Env{T: t, Store: st, App: app, Server: srv, Logs: logs}
}

// Client is a browser-like client: it keeps cookies and does not follow
// redirects, so tests can assert on 303s.
type Client struct {
	env  *Env
	HTTP *http.Client
}

// Client returns a new visitor with an empty cookie jar.
func (e *Env) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{env: e, HTTP: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// Response is a read response.
type Response struct {
	*http.Response
	Body string
}

// Doc parses the body as HTML.
func (r *Response) Doc(t testing.TB) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Do sends a request built by the caller.
func (c *Client) Do(req *http.Request) *Response {
	c.env.T.Helper()
	res, err := c.HTTP.Do(req)
	if err != nil {
		c.env.T.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &Response{Response: res, Body: string(b)}
}

// Get fetches path.
func (c *Client) Get(path string) *Response {
	c.env.T.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.env.Server.URL+path, nil)
	return c.Do(req)
}

// CSRF returns the client's CSRF token, fetching a page to get one if needed.
func (c *Client) CSRF() string {
	c.env.T.Helper()
	u, _ := url.Parse(c.env.Server.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == "zw_csrf" {
			return ck.Value
		}
	}
	c.Get("/")
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == "zw_csrf" {
			return ck.Value
		}
	}
	c.env.T.Fatal("no CSRF cookie issued")
	return ""
}

// Post submits a form with the CSRF token, as a browser would.
func (c *Client) Post(path string, form url.Values) *Response {
	c.env.T.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("_csrf") == "" {
		form.Set("_csrf", c.CSRF())
	}
	return c.PostRaw(path, form)
}

// PostRaw submits a form exactly as given (no CSRF token added).
func (c *Client) PostRaw(path string, form url.Values) *Response {
	c.env.T.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.env.Server.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

type lockedWriter struct {
	w  *strings.Builder
	mu sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
