package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/models/usercenter"
)

// Issue 13 items 2 and 3 on PostgreSQL: real `portal serve` processes on
// different ports sharing one database (its own throw-away database on the
// TEST_DATABASE_URL server, never the shared one): a session made on one
// works on the other, a matter changed is found by search on the other
// within 2 s, a photo uploaded through one is served by the other, a signed
// JSSDK call's nonce replayed on the other is refused, POST rate limits
// hold across processes; SIGTERM under load
// fails no in-flight request; a database outage (a TCP proxy this test
// controls, never the real server) shows in /readyz and recovery is seen
// within 5 s (the full restart under load is faults_test.go). Skipped
// without TEST_DATABASE_URL or with -short.
func TestScaleOutOnPostgres(t *testing.T) {
	fx := postgresFixture(t)
	bin, dsn := fx.bin, fx.dsn
	env := fx.env(map[string]string{"PORTAL_POST_RATE": "12"})
	a := startServe(t, bin, env) // migrates and loads the demo data unless an earlier test did
	b := startServe(t, bin, env)

	t.Run("a session made on one process works on the other", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		ca := client(jar)
		token := csrf(t, ca, a.base)
		res := post(t, ca, a.base+"/login", url.Values{"_csrf": {token}, "login": {usercenter.DemoPhone}, "password": {usercenter.DemoPassword}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("login on A = %d", res.StatusCode)
		}
		// The same cookies, sent to B (a load balancer switching process).
		u, _ := url.Parse(a.base)
		ub, _ := url.Parse(b.base)
		jar.SetCookies(ub, jar.Cookies(u))
		me := get(t, client(jar), b.base+"/me")
		if me.StatusCode != http.StatusOK {
			t.Fatalf("GET /me on B with A's session = %d (want 200, not a redirect to login)", me.StatusCode)
		}
	})

	t.Run("a matter changed is found by search on the other process within 2 s", func(t *testing.T) {
		const word = "跨进程同步验证事项"
		code := changeMatter(t, dsn, word)
		deadline := time.Now().Add(2 * time.Second)
		for {
			body := readBody(t, get(t, client(nil), b.base+"/search?q="+url.QueryEscape(word)))
			if strings.Contains(body, "/matters/"+code) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("process B does not find the changed matter %s after 2 s", code)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	// Before the rate-limit subtest, which spends this minute's POST budget.
	t.Run("an upload made through one process is readable through the other", func(t *testing.T) {
		uploadAcrossProcesses(t, a, b)
	})

	t.Run("a signed request's nonce replayed on the other process is refused", func(t *testing.T) {
		nonceAcrossProcesses(t, a, b, dsn, env)
	})

	t.Run("POST rate limits hold across processes", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := client(jar)
		token := csrf(t, c, a.base)
		u, _ := url.Parse(a.base)
		ub, _ := url.Parse(b.base)
		jar.SetCookies(ub, jar.Cookies(u))
		limited := 0
		for i := 0; i < 20; i++ { // 12 per minute allowed in all, alternating processes
			target := []string{a.base, b.base}[i%2]
			res := post(t, c, target+"/region", url.Values{"_csrf": {token}, "province": {"330000"}})
			if res.StatusCode == http.StatusTooManyRequests {
				limited++
			}
		}
		if limited < 8 {
			t.Fatalf("%d of 20 POSTs refused with 429 across two processes, want ≥ 8 (12 per minute in all)", limited)
		}
	})

	t.Run("SIGTERM under load fails no in-flight request", func(t *testing.T) {
		c := startServe(t, bin, env)
		failures := sigtermUnderLoad(t, c)
		if failures != "" {
			t.Fatal(failures)
		}
	})

	t.Run("a database outage shows in /readyz and recovery within 5 s", func(t *testing.T) {
		px := newProxy(t, dsnHost(t, dsn))
		penv := map[string]string{}
		for k, v := range env {
			penv[k] = v
		}
		penv["DATABASE_URL"] = withHost(t, dsn, px.addr())
		p := startServe(t, bin, penv)
		if st := status(p.base + "/readyz"); st != http.StatusOK {
			t.Fatalf("/readyz before the outage = %d", st)
		}
		px.down()
		if !eventually(10*time.Second, func() bool { return status(p.base+"/readyz") == http.StatusServiceUnavailable }) {
			t.Fatal("/readyz does not report the database outage")
		}
		if st := status(p.base + "/healthz"); st != http.StatusOK {
			t.Errorf("/healthz during the outage = %d: the process itself is alive", st)
		}
		px.up()
		start := time.Now()
		if !eventually(5*time.Second, func() bool { return status(p.base+"/readyz") == http.StatusOK }) {
			t.Fatal("/readyz not ready within 5 s of the database's return")
		}
		t.Logf("ready again %s after the database returned", time.Since(start).Round(10*time.Millisecond))
	})
}

// pgFixture is shared by the tests of this package that run real portal
// processes on PostgreSQL: one build of the binary and one scratch database
// (migrated and seeded once, by the first process started), dropped by
// TestMain. Each test starts its own processes.
type pgFixture struct {
	bin, dsn, blobDir string
}

// env is the environment of a process of the fixture, plus extra.
func (fx *pgFixture) env(extra map[string]string) map[string]string {
	e := map[string]string{"DATABASE_URL": fx.dsn, "PORTAL_SECRET_KEY": "scale-out-test-secret-0123456789abcdef",
		"PORTAL_BLOB_DIR": fx.blobDir, "PORTAL_LOG_LEVEL": "warn"}
	for k, v := range extra {
		e[k] = v
	}
	return e
}

var shared struct {
	once    sync.Once
	fx      *pgFixture
	err     error
	cleanup []func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(shared.cleanup) - 1; i >= 0; i-- {
		shared.cleanup[i]()
	}
	os.Exit(code)
}

// postgresFixture skips without TEST_DATABASE_URL (or with -short).
func postgresFixture(t *testing.T) *pgFixture {
	t.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" || testing.Short() {
		t.Skip("needs TEST_DATABASE_URL (PostgreSQL)")
	}
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "portal-pg-")
		if err != nil {
			shared.err = err
			return
		}
		shared.cleanup = append(shared.cleanup, func() { os.RemoveAll(dir) })
		fx := &pgFixture{bin: filepath.Join(dir, "portal"), blobDir: filepath.Join(dir, "blobs")}
		if out, err := exec.Command("go", "build", "-o", fx.bin, ".").CombinedOutput(); err != nil {
			shared.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		var drop func()
		if fx.dsn, drop, shared.err = createScratch(base, dir); shared.err == nil {
			shared.cleanup = append(shared.cleanup, drop)
			shared.fx = fx
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.fx
}

// createScratch creates an empty database on the server of base; drop
// removes it.
func createScratch(base, dataDir string) (string, func(), error) {
	ctx := context.Background()
	st, err := models.Open(ctx, base, dataDir)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 4)
	rand.Read(b) //nolint:errcheck
	name := "scaleout_" + hex.EncodeToString(b)
	if err := st.DB.Exec("CREATE DATABASE " + name).Error; err != nil {
		st.Close()
		return "", nil, err
	}
	drop := func() {
		st.DB.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		st.Close()
	}
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String(), drop, nil
}

// changeMatter renames a published item and announces it the way the staff
// console does (search.Engine.Changed: refresh here, NOTIFY the others),
// from an engine in this test process, which stands for the process the
// edit went through.
func changeMatter(t *testing.T, dsn, word string) string {
	t.Helper()
	ctx := context.Background()
	st, err := models.Open(ctx, dsn, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var code string
	st.DB.Raw("SELECT code FROM matter_items WHERE status = 'published' ORDER BY code LIMIT 1").Scan(&code)
	if code == "" {
		t.Fatal("no published item")
	}
	if err := st.DB.Exec("UPDATE matter_items SET name = ?, version = version + 1, updated_at = ? WHERE code = ?", word, time.Now().UTC(), code).Error; err != nil {
		t.Fatal(err)
	}
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	eng := search.NewEngine(search.WithDB(st.DB))
	eng.Load(ctx, catalog.NewSearchSource(st, ref), sites.NewSearchSource(st, ref)) //nolint:errcheck // only Changed matters
	defer eng.Close()
	if err := eng.Changed(ctx, catalog.DocPrefix+code); err != nil {
		t.Fatal(err)
	}
	return code
}

// serveProc is one running `portal serve`.
type serveProc struct {
	cmd  *exec.Cmd
	base string
	out  *strings.Builder
	mu   *sync.Mutex // guards out
	done chan error
}

func startServe(t *testing.T, bin string, env map[string]string) *serveProc {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := &serveProc{base: "http://" + addr, out: &strings.Builder{}, done: make(chan error, 1)}
	p.cmd = exec.Command(bin, "serve")
	p.cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "PORTAL_ADDR=" + addr,
		"PORTAL_DATA_DIR=" + t.TempDir(), "PORTAL_ENV=dev", "PORTAL_SHUTDOWN_TIMEOUT=10s"}
	for k, v := range env {
		p.cmd.Env = append(p.cmd.Env, k+"="+v)
	}
	mu := &sync.Mutex{}
	p.mu = mu
	p.cmd.Stdout = writerFunc(func(b []byte) { mu.Lock(); p.out.Write(b); mu.Unlock() })
	p.cmd.Stderr = p.cmd.Stdout
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		p.cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck
		select {
		case <-p.done:
		case <-time.After(20 * time.Second):
			p.cmd.Process.Kill() //nolint:errcheck
		}
	})
	if !eventually(3*time.Minute, func() bool { return status(p.base+"/readyz") == http.StatusOK }) {
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("portal on %s not ready:\n%s", addr, p.out.String())
	}
	return p
}

// output is what the process has written so far.
func (p *serveProc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

type writerFunc func([]byte)

func (f writerFunc) Write(b []byte) (int, error) { f(b); return len(b), nil }

func client(jar http.CookieJar) *http.Client {
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, u string) *http.Response {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func post(t *testing.T, c *http.Client, u string, form url.Values) *http.Response {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body) //nolint:errcheck
	res.Body.Close()
	return res
}

func readBody(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// csrf fetches a page so the client holds the CSRF cookie, and returns it.
func csrf(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	readBody(t, get(t, c, base+"/"))
	u, _ := url.Parse(base)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "zw_csrf" {
			return ck.Value
		}
	}
	t.Fatal("no CSRF cookie")
	return ""
}

func status(u string) int {
	c := &http.Client{Timeout: 3 * time.Second}
	res, err := c.Get(u)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, res.Body) //nolint:errcheck
	res.Body.Close()
	return res.StatusCode
}

func eventually(d time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if ok() {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return ok()
}

// sigtermUnderLoad keeps 16 keep-alive clients loading pages, sends
// SIGTERM, and reports any request that was sent before the signal and did
// not get a complete 200 answer. New connections after it are refused (the
// listener is closed): those never reached the process, and a load
// balancer retries them elsewhere.
func sigtermUnderLoad(t *testing.T, p *serveProc) string {
	t.Helper()
	var (
		mu       sync.Mutex
		failures []string
		sent     int
		wg       sync.WaitGroup
	)
	var signalled time.Time
	var sigMu sync.RWMutex
	paths := []string{"/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81", "/matters", "/", "/matters/by/theme"}
	stop := make(chan struct{})
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Keep-alive connections, made during the warm-up, as a load
			// balancer keeps them: a request on one is in flight once sent.
			c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				res, err := c.Get(p.base + paths[(i+n)%len(paths)])
				sigMu.RLock()
				before := signalled.IsZero() || start.Before(signalled)
				sigMu.RUnlock()
				ok := err == nil && res.StatusCode == http.StatusOK
				if err == nil {
					_, rerr := io.Copy(io.Discard, res.Body)
					res.Body.Close()
					ok = ok && rerr == nil
				}
				mu.Lock()
				sent++
				switch {
				case ok || !before:
				case err != nil && errors.Is(err, syscall.ECONNREFUSED):
					// A new connection after the listener closed: never
					// reached the process (a balancer retries it elsewhere).
				case err != nil:
					failures = append(failures, fmt.Sprintf("%s: %v", paths[(i+n)%len(paths)], err))
				default:
					failures = append(failures, fmt.Sprintf("%s: status %d", paths[(i+n)%len(paths)], res.StatusCode))
				}
				mu.Unlock()
				if err != nil && !before {
					return // the process is gone: expected after SIGTERM
				}
			}
		}(i)
	}
	time.Sleep(2 * time.Second)
	sigMu.Lock()
	signalled = time.Now()
	sigMu.Unlock()
	p.cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck
	var exitErr error
	select {
	case exitErr = <-p.done:
		p.done <- exitErr
	case <-time.After(20 * time.Second):
		close(stop)
		wg.Wait()
		return "the portal did not exit within 20 s of SIGTERM"
	}
	close(stop)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d requests; exit after SIGTERM: %v", sent, exitErr)
	if exitErr != nil {
		failures = append(failures, fmt.Sprintf("exit status after SIGTERM: %v", exitErr))
	}
	return strings.Join(failures, "\n")
}

// uploadAcrossProcesses: 张三 attaches a photo to a complaint draft through
// A's real multipart form; B (same PORTAL_BLOB_DIR, same database) lists it
// on the draft and serves the same bytes.
func uploadAcrossProcesses(t *testing.T, a, b *serveProc) {
	jar, _ := cookiejar.New(nil)
	ca := client(jar)
	login(t, ca, a.base, usercenter.DemoPhone)
	photo := noisePNG(t, 64, 64)
	res, err := postMultipart(ca, a.base+"/complaints", url.Values{"_csrf": {csrf(t, ca, a.base)}, "action": {"save"},
		"about": {"dept"}, "title": {"跨进程上传"}, "content": {"照片经进程 A 上传"}, "public": {"no"}}, "files", "photo.png", photo)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, res)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "draft=") {
		t.Fatalf("complaint draft with a photo on A = %d → %q", res.StatusCode, loc)
	}
	u, _ := url.Parse(a.base)
	ub, _ := url.Parse(b.base)
	jar.SetCookies(ub, jar.Cookies(u))
	cb := client(jar)
	draft := loc[strings.Index(loc, "draft=")+len("draft="):]
	page := readBody(t, get(t, cb, b.base+"/me/complaints/"+draft))
	i := strings.Index(page, "/complaints/files/")
	if i < 0 {
		t.Fatalf("the complaint on B shows no attached image:\n%.3000s", page)
	}
	href := page[i:]
	href = href[:strings.IndexAny(href, `"'`)]
	got := get(t, cb, b.base+href)
	body := readBody(t, got)
	if got.StatusCode != http.StatusOK || body != string(photo) {
		t.Fatalf("GET %s on B = %d, %d bytes (uploaded %d)", href, got.StatusCode, len(body), len(photo))
	}
}

// nonceAcrossProcesses: a signed JSSDK call accepted by A (its signature and
// nonce pass; only the ticket is unknown) is refused as nonce_reused when
// replayed, byte for byte, on B; the same call with a fresh nonce on B is
// not, so the refusal is the nonce's.
func nonceAcrossProcesses(t *testing.T, a, b *serveProc, dsn string, env map[string]string) {
	kp, err := gmcrypto.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := kp.PublicKeyPEM()
	keyFile := filepath.Join(t.TempDir(), "app.pub.pem")
	os.WriteFile(keyFile, pub, 0o600) //nolint:errcheck
	vars := map[string]string{"PORTAL_DATA_DIR": t.TempDir(), "PORTAL_AUTO_MIGRATE": "false"}
	for k, v := range env {
		vars[k] = v
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"apps", "create", "--name", "跨进程验签应用", "--type", "identity",
		"--entry-url", "http://127.0.0.1:9000/", "--sm2-public-key", keyFile}, func(k string) string { return vars[k] }, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var app struct {
		AppID string `json:"app_id"`
	}
	if err := json.Unmarshal([]byte(out.String()), &app); err != nil {
		t.Fatalf("apps create printed %q", out.String())
	}
	sc := &sdk.Client{AppID: app.AppID, PrivateKey: kp}
	body := []byte(`{"app_id":"` + app.AppID + `","ticket":"st_not_a_real_ticket_0123456789"}`)
	send := func(base, nonce string) (int, string) {
		h, err := sc.SignAt(http.MethodPost, sdk.PathVerify, body, time.Now().Unix(), nonce)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, base+sdk.PathVerify, strings.NewReader(string(body)))
		req.Header = h
		req.Header.Set("Content-Type", "application/json")
		res, err := client(nil).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, readBody(t, res)
	}
	nonce := sdk.NewNonce()
	if st, got := send(a.base, nonce); strings.Contains(got, "nonce") || strings.Contains(got, "signature") || st == http.StatusOK {
		t.Fatalf("first call on A = %d %s: want the signature and nonce accepted (ticket_invalid)", st, got)
	}
	if st, got := send(b.base, nonce); st != http.StatusUnauthorized || !strings.Contains(got, `"nonce_reused"`) {
		t.Fatalf("the same nonce replayed on B = %d %s, want 401 nonce_reused", st, got)
	}
	if st, got := send(b.base, sdk.NewNonce()); strings.Contains(got, "nonce") {
		t.Fatalf("a fresh nonce on B = %d %s", st, got)
	}
}

// login signs c in on base with a demo account's password.
func login(t *testing.T, c *http.Client, base, phone string) {
	t.Helper()
	res := post(t, c, base+"/login", url.Values{"_csrf": {csrf(t, c, base)}, "login": {phone}, "password": {usercenter.DemoPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s on %s = %d", phone, base, res.StatusCode)
	}
}

// postMultipart sends a form with one file, as a browser's file field does.
func postMultipart(c *http.Client, u string, fields url.Values, fileField, fileName string, data []byte) (*http.Response, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v) //nolint:errcheck
		}
	}
	fw, err := mw.CreateFormFile(fileField, fileName)
	if err != nil {
		return nil, err
	}
	fw.Write(data) //nolint:errcheck
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, u, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

// noisePNG is a w×h PNG of random pixels: it barely compresses, so its size
// is about 4·w·h bytes.
func noisePNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rand.Read(img.Pix) //nolint:errcheck
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
