package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/gmcrypto"
)

// fixture is what jssdk: and gateway: rows need: an identity app registered
// through the portal's own CLI (bin apps create, bin interfaces create:
// the same code paths an operator uses, no SQL), its SM2 key and SM4 key,
// and a source interface on loopback behind two gateway interfaces.
type fixture struct {
	appID      string
	sm4        []byte
	key        *gmcrypto.KeyPair
	origin     string // the app's entry origin (the container checks it)
	sm2Code    string // interface called with SM2 signatures
	listedCode string // interface called from the whitelist
	upstream   *http.Server
}

// upstreamReply is a source interface's answer in the envelope of C 0103
// 8.3.4.2 example 7, with personal fields the gateway masks.
const upstreamReply = `{"process_response":{"result_code":"100","date":"2026-12-04","items":[{"id":"15485","name":"张三丰","id_number":"11010519491231002X","mobile":"13800138000","desc":"查询结果"}]}}`

// startUpstream serves upstreamReply on a free loopback port.
func startUpstream() (*http.Server, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // #nosec G104 -- load generator's fake upstream: draining a request body, nothing to do on error
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, upstreamReply) // #nosec G104 -- load generator's fake upstream: the gateway sees a failed reply as its own error
	})}
	go srv.Serve(ln) //nolint:errcheck
	return srv, "http://" + ln.Addr().String(), nil
}

// newFixture starts the upstream and makes the app's SM2 key.
func newFixture() (*fixture, error) {
	srv, up, err := startUpstream()
	if err != nil {
		return nil, err
	}
	fx := &fixture{upstream: srv, origin: up}
	if fx.key, err = gmcrypto.GenerateKeyPair(); err != nil {
		fx.close()
		return nil, err
	}
	return fx, nil
}

// registerFixture registers the app (and, for gateway rows, the
// interfaces) by running bin with env, the portal's configuration: the same
// database and secret key (PORTAL_SECRET_KEY, or the dev key in
// PORTAL_DATA_DIR), or the SM4 key would not open.
func registerFixture(ctx context.Context, bin string, env []string, gateway bool) (*fixture, error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("jssdk:/gateway: rows register an app with %s apps create: %w", bin, err)
	}
	fx, err := newFixture()
	if err != nil {
		return nil, err
	}
	up := fx.origin
	fail := func(err error) (*fixture, error) {
		fx.close()
		return nil, err
	}
	pub, err := fx.key.PublicKeyPEM()
	if err != nil {
		return fail(err)
	}
	dir, err := os.MkdirTemp("", "loadgen-key-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(dir)
	keyFile := filepath.Join(dir, "sm2.pem")
	if err := os.WriteFile(keyFile, pub, 0o600); err != nil {
		return fail(err)
	}
	// Codes and names carry the time: runs against one database never collide.
	stamp := strconv.FormatInt(time.Now().UnixNano()/1e6, 36)
	var app struct {
		AppID  string `json:"app_id"`
		SM4Key string `json:"sm4_key"`
	}
	err = runJSON(ctx, bin, env, &app, "apps", "create", "--name", "压测应用 "+stamp, "--type", "identity", "--entry-url", up+"/",
		"--sm2-public-key", keyFile, "--whitelist", "127.0.0.1", "--owner-org", "压测单位", "--description", "cmd/loadgen")
	if err != nil {
		return fail(err)
	}
	fx.appID = app.AppID
	if fx.sm4, err = hex.DecodeString(app.SM4Key); err != nil || len(fx.sm4) != 16 {
		return fail(fmt.Errorf("apps create printed no SM4 key: %q", app.SM4Key))
	}
	if !gateway {
		return fx, nil
	}
	for _, it := range []struct {
		code         *string
		method, auth string
	}{{&fx.sm2Code, "POST", "sm2"}, {&fx.listedCode, "GET", "whitelist"}} {
		*it.code = "loadgen." + stamp + "." + it.auth
		var out struct{ Code string }
		err := runJSON(ctx, bin, env, &out, "interfaces", "create", "--app", fx.appID, "--code", *it.code,
			"--name", "压测接口 "+it.auth, "--source-url", up+"/q", "--method", it.method, "--auth", it.auth,
			"--params", "region|是|string|行政区划代码;pf|否|string|渠道", "--consumers", "*", "--rate", "1000000")
		if err != nil {
			return fail(err)
		}
	}
	return fx, nil
}

func (fx *fixture) close() {
	if fx != nil && fx.upstream != nil {
		fx.upstream.Close() // #nosec G104 -- load generator teardown: the fake upstream is stopped after the run, nothing to do on error
	}
}

// runJSON runs bin args with env and decodes the JSON it prints.
func runJSON(ctx context.Context, bin string, env []string, out any, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...) // #nosec G204 -- bin is the portal binary the operator passed with -bin; args are fixed admin subcommands, no shell
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s%s", bin, strings.Join(args[:2], " "), err, b, stderr.String())
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s %s printed %q: %w", bin, strings.Join(args[:2], " "), b, err)
	}
	return nil
}

// containerAnswer is the JSON of /jssdk/container/ticket and /consent.
type containerAnswer struct {
	Ticket string `json:"ticket"`
	Result string `json:"result"`
	Code   string `json:"code"`
}

// jssdkSetup signs the connection in and gives the app consent once, as
// the user does the first time in the app container.
func jssdkSetup(ctx context.Context, shared *http.Client, base string, a account, fx *fixture) (step, error) {
	s, err := signIn(ctx, shared, base, a)
	if err != nil {
		return nil, err
	}
	in := map[string]string{"app_id": fx.appID, "origin": fx.origin, "method": "getTicket"}
	var ans containerAnswer
	if err := s.postJSON(ctx, "/jssdk/container/consent", in, &ans); err != nil {
		return nil, err
	}
	if ans.Result != "true" {
		return nil, fmt.Errorf("consent refused: %s", ans.Code)
	}
	cl := &sdk.Client{BaseURL: base, AppID: fx.appID, PrivateKey: fx.key, SM4Key: fx.sm4, HTTP: shared}
	return func(ctx context.Context) error {
		var t containerAnswer
		if err := s.postJSON(ctx, "/jssdk/container/ticket", in, &t); err != nil {
			return err
		}
		if t.Result != "true" || t.Ticket == "" {
			return fmt.Errorf("getTicket refused: %s", t.Code)
		}
		u, err := cl.Exchange(ctx, t.Ticket)
		if err != nil {
			return err
		}
		if u.UserID == "" || u.AppID != fx.appID {
			return errors.New("userinfo without the user or for another app")
		}
		return nil
	}, nil
}

// gatewayStep calls the interface: an SM2-signed POST (a fresh nonce and
// signature per call) or a GET carrying only X-App-Id from the whitelist.
func gatewayStep(client *http.Client, base string, fx *fixture, mode string) step {
	cl := &sdk.Client{AppID: fx.appID, PrivateKey: fx.key}
	body := []byte(`{"region":"330000","pf":"gov"}`)
	return func(ctx context.Context) error {
		var req *http.Request
		if mode == gatewaySM2 {
			path := "/gateway/" + fx.sm2Code
			h, err := cl.Sign(http.MethodPost, path, body)
			if err != nil {
				return err
			}
			req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(string(body)))
			req.Header = h
			req.Header.Set("Content-Type", "application/json")
		} else {
			req, _ = http.NewRequestWithContext(ctx, http.MethodGet, base+"/gateway/"+fx.listedCode+"?region=330000&pf=gov", nil)
			req.Header.Set("X-App-Id", fx.appID)
		}
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
		res.Body.Close() // #nosec G104 -- load generator: closing a response already read, nothing to do on error
		if err != nil {
			return err
		}
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("%s %s: %s %.200s", req.Method, req.URL.Path, res.Status, b)
		}
		return nil
	}
}

// buildSteps prepares one step per connection for e, signing in where the
// kind needs it, concurrently and within limit (before the clock starts).
// Connections that could not be prepared are counted as errors.
func buildSteps(ctx context.Context, shared *http.Client, base string, e entry, conns int, a account, fx *fixture, limit time.Duration) ([]step, int, string) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	urls := make([]string, len(e.paths))
	for i, p := range e.paths {
		urls[i] = base + p
	}
	steps := make([]step, conns)
	errs := make([]error, conns)
	var wg sync.WaitGroup
	for w := range conns {
		wg.Go(func() {
			switch e.kind {
			case kindGet:
				steps[w] = getStep(shared, urls, w, false)
			case kindLogin:
				s, err := signIn(ctx, shared, base, a)
				if err != nil {
					errs[w] = err
					return
				}
				steps[w] = getStep(s.client, urls, w, true)
			case kindJSSDK:
				steps[w], errs[w] = jssdkSetup(ctx, shared, base, a, fx)
			case kindGateway:
				steps[w] = gatewayStep(shared, base, fx, e.mode)
			}
		})
	}
	wg.Wait()
	var ok []step
	failed, first := 0, ""
	for w, s := range steps {
		if errs[w] != nil || s == nil {
			failed++
			if first == "" && errs[w] != nil {
				first = errs[w].Error()
			}
			continue
		}
		ok = append(ok, s)
	}
	return ok, failed, first
}
