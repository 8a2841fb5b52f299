package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/gmcrypto"
)

// testSecret is handlertest's portal secret: the apps service built here
// seals and opens keys exactly like the one inside the router.
var testSecret = []byte("test-secret-key-0123456789abcdef-0123")

var appsPhone atomic.Int64

func init() { appsPhone.Store(13900000000) }

func appsEnv(t *testing.T) (*handlertest.Env, *apps.Service) {
	t.Helper()
	env := handlertest.New(t)
	svc, err := apps.NewService(env.Store, testSecret, nil)
	if err != nil {
		t.Fatal(err)
	}
	return env, svc
}

// newApp registers an online app with its own SM2 key and returns the
// requester SDK pointed at the test portal.
func newApp(t *testing.T, env *handlertest.Env, svc *apps.Service, typ, origin string) (apps.App, *sdk.Client) {
	t.Helper()
	kp, err := gmcrypto.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := kp.PublicKeyPEM()
	a, key, err := svc.CreateOnline(context.Background(), apps.Form{Name: "社保查询", Type: typ, OwnerOrg: "某市人社局",
		SiteCode: "330000", EntryURL: origin + "/index.html"}, apps.Credentials{SM2PublicKey: string(pub)})
	if err != nil {
		t.Fatal(err)
	}
	return a, &sdk.Client{BaseURL: env.Server.URL, AppID: a.Key(), PrivateKey: kp, SM4Key: key}
}

// citizen registers and signs in a new natural person (张三).
func citizen(t *testing.T, env *handlertest.Env) *handlertest.Client {
	t.Helper()
	return registerVia(t, env, strconv.FormatInt(appsPhone.Add(1), 10), "Good#pass1")
}

func authorizeURL(a apps.App, redirect, state string) string {
	return "/jssdk/authorize?" + url.Values{"app_id": {a.Key()}, "redirect_uri": {redirect}, "state": {state}}.Encode()
}

// answerOf reads the zwjs_* parameters of a redirect back to the app.
func answerOf(t *testing.T, r *handlertest.Response, prefix string) url.Values {
	t.Helper()
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || len(loc) < len(prefix) || loc[:len(prefix)] != prefix {
		t.Fatalf("want 303 to %s…, got %d %q\n%s", prefix, r.StatusCode, loc, snippet(r.Body))
	}
	u, _ := url.Parse(loc)
	return u.Query()
}

// ticketFor walks the redirect flow for a signed-in client that already
// authorised the app and returns the ticket.
func ticketFor(t *testing.T, c *handlertest.Client, a apps.App, origin string) string {
	t.Helper()
	q := answerOf(t, c.Get(authorizeURL(a, origin+"/cb", "s")), origin+"/cb")
	if q.Get("zwjs_result") != "true" {
		t.Fatalf("no ticket: %v", q)
	}
	return q.Get("zwjs_ticket")
}

// allow answers the consent page with 同意授权.
func allow(t *testing.T, c *handlertest.Client, a apps.App, origin string) url.Values {
	t.Helper()
	r := c.Post("/jssdk/authorize", url.Values{"app_id": {a.Key()}, "redirect_uri": {origin + "/cb"}, "state": {"s"},
		"decision": {"allow"}})
	return answerOf(t, r, origin+"/cb")
}

// apiCall sends a raw JSON request with the given headers.
func apiCall(t *testing.T, env *handlertest.Env, path string, body []byte, h http.Header) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+path, bytes.NewReader(body))
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// containerCall posts to a container endpoint as 70-apps.js does.
func containerCall(t *testing.T, env *handlertest.Env, c *handlertest.Client, path string, body map[string]string, csrf bool) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if csrf {
		req.Header.Set("X-CSRF-Token", c.CSRF())
	}
	r := c.Do(req)
	var out map[string]any
	json.Unmarshal([]byte(r.Body), &out)
	return r.StatusCode, out
}

func sdkCode(err error) string {
	if e, ok := err.(*sdk.Error); ok {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return err.Error()
}
