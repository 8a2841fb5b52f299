package gateway_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	gw "github.com/zwfw/portal/models/gateway"
	gt "github.com/zwfw/portal/models/gateway/gatewaytest"
	"github.com/zwfw/portal/models/usercenter"
)

// allowLoopback lets the gateway reach the tests' loopback upstream, as
// PORTAL_GATEWAY_ALLOW_HOSTS=127.0.0.1 would.
func allowLoopback(d *handlers.Deps) { d.Options.GatewayAllowHosts = []string{"127.0.0.1"} }

func do(t *testing.T, env *handlertest.Env, method, path string, body []byte, h http.Header) (*http.Response, gw.Process, string) {
	t.Helper()
	req, _ := http.NewRequest(method, env.Server.URL+path, bytes.NewReader(body))
	for k, v := range h {
		req.Header[k] = v
	}
	res := env.Client().Do(req)
	var e struct {
		P gw.Process `json:"process_response"`
	}
	json.Unmarshal([]byte(res.Body), &e)
	return res.Response, e.P, res.Body
}

// The gateway over HTTP: whitelist and SM2 consumers get the source's
// masked reply; every refusal is a process_response envelope with 102.
func TestGatewayOverHTTP(t *testing.T) {
	env := handlertest.New(t, allowLoopback)
	up := gt.NewUpstream(t)
	svc := gt.Service(t, env.Store)
	wl := gt.App(t, env.Store, "127.0.0.1", 0)
	gt.Interface(t, svc, wl, "zj.http", up.URL+"/q", "GET", "whitelist", nil)
	signer := gt.App(t, env.Store, "", 0)
	gt.Interface(t, svc, signer, "zj.sign", up.URL+"/q", "POST", "sm2", nil)

	res, _, body := do(t, env, "GET", "/gateway/zj.http?region=330000", nil, http.Header{"X-App-Id": {wl.App.Key()}})
	if res.StatusCode != 200 || !strings.Contains(body, `"张**"`) || strings.Contains(body, "13800138000") ||
		res.Header.Get("Content-Type") != "application/json; charset=utf-8" || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("whitelist call: %d %s", res.StatusCode, body)
	}
	payload := []byte(`{"region":"330000"}`)
	h, _ := signer.Client.Sign("POST", "/gateway/zj.sign", payload)
	h.Set("Content-Type", "application/json")
	if res, _, body := do(t, env, "POST", "/gateway/zj.sign", payload, h); res.StatusCode != 200 {
		t.Fatalf("signed call: %d %s", res.StatusCode, body)
	}
	gt.Interface(t, svc, wl, "zj.slowly", up.URL+"/q", "GET", "whitelist", func(f *gw.Form) { f.RatePerMin = "1" })
	do(t, env, "GET", "/gateway/zj.slowly?region=330000", nil, http.Header{"X-App-Id": {wl.App.Key()}})
	res, p, _ := do(t, env, "GET", "/gateway/zj.slowly?region=330000", nil, http.Header{"X-App-Id": {wl.App.Key()}})
	if ra, _ := strconv.Atoi(res.Header.Get("Retry-After")); res.StatusCode != 429 || p.ErrorCode != "rate_limited" || ra < 1 || ra > 60 {
		t.Fatalf("rate limited: %d %s Retry-After %q", res.StatusCode, p.ErrorCode, res.Header.Get("Retry-After"))
	}
	if !strings.Contains(res.Header.Get("Server-Timing"), "gateway;dur=") {
		t.Fatal("Server-Timing tells the gateway's time")
	}
	big := append([]byte(`{"region":"`), bytes.Repeat([]byte("x"), gw_MaxBody+10)...)
	for _, tc := range []struct {
		method, path string
		body         []byte
		h            http.Header
		status       int
		code         string
	}{
		{"GET", "/gateway/zj.http?region=330000", nil, nil, 401, "app_id_missing"},
		{"GET", "/gateway/zj.nothing", nil, http.Header{"X-App-Id": {wl.App.Key()}}, 404, "interface_unknown"},
		{"PUT", "/gateway/zj.http", nil, http.Header{"X-App-Id": {wl.App.Key()}}, 405, "method_not_allowed"},
		{"GET", "/gateway/zj.http", nil, http.Header{"X-App-Id": {wl.App.Key()}}, 400, "param_missing"},
		{"POST", "/gateway/zj.sign", payload, http.Header{"X-App-Id": {signer.App.Key()}}, 401, "signature_required"},
		{"POST", "/gateway/zj.sign", big, http.Header{"X-App-Id": {signer.App.Key()}}, 413, "request_too_large"},
		{"POST", "/gateway/zj.sign", payload, h, 401, "nonce_reused"},
	} {
		res, p, body := do(t, env, tc.method, tc.path, tc.body, tc.h)
		if res.StatusCode != tc.status || p.ResultCode != "102" || p.ErrorCode != tc.code || len(p.Date) != 10 {
			t.Errorf("%s %s: %d %s, want %d %s", tc.method, tc.path, res.StatusCode, body, tc.status, tc.code)
		}
	}
}

const gw_MaxBody = 1 << 20

// "Who used my data": calls made with the user's token are listed on
// /me/data-use for that user only.
func TestDataUsePage(t *testing.T) {
	env := handlertest.NewWithDemo(t, allowLoopback)
	if r := env.Client().Get("/me/data-use"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Fatalf("logged out: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	up := gt.NewUpstream(t)
	svc := gt.Service(t, env.Store)
	app := gt.App(t, env.Store, "127.0.0.1", 0)
	gt.Interface(t, svc, app, "zj.mine", up.URL+"/q", "GET", "whitelist", func(f *gw.Form) { f.Name = "个人社保查询" })
	var uid int64
	env.Store.DB.Raw("SELECT id FROM users WHERE phone = ?", usercenter.DemoPhone).Scan(&uid)
	tok := gt.Token(t, env.Store, app.App.ID, uid)
	if res, _, body := do(t, env, "GET", "/gateway/zj.mine?region=330000", nil, http.Header{"X-App-Id": {app.App.Key()}, "X-User-Token": {tok}}); res.StatusCode != 200 {
		t.Fatalf("call with a token: %s", body)
	}
	c := env.Client()
	if r := c.Post("/login", url.Values{"login": {usercenter.DemoPhone}, "password": {usercenter.DemoPassword}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", r.StatusCode)
	}
	// the call log is written off the request path
	for i := 0; i < 50; i++ {
		if doc := c.Get("/me/data-use").Doc(t); strings.Contains(doc.Find("tbody").Text(), "个人社保查询") {
			if doc.Find("h1").Text() != "谁使用了我的数据" || !strings.Contains(doc.Find("tbody th").Text(), app.App.Name) {
				t.Fatalf("data-use page: %s", doc.Find("main").Text())
			}
			other := env.Client()
			other.Post("/login", url.Values{"login": {usercenter.DemoPhoneL1}, "password": {usercenter.DemoPassword}})
			if body := other.Get("/me/data-use").Body; strings.Contains(body, "个人社保查询") {
				t.Fatal("another user sees the call")
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the call never appeared on /me/data-use")
}
