package handlers_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/apps"
)

func TestContainerFramesOnlineAppWithTitleBar(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, _ := newApp(t, env, svc, apps.TypeIdentity, origin)
	path := "/apps/" + strconv.FormatInt(a.ID, 10)
	r := env.Client().Get(path + "?return_to=/sites/330000")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("container: %d", r.StatusCode)
	}
	doc := r.Doc(t)
	frame := doc.Find("iframe[data-zw-app-frame]")
	if frame.AttrOr("src", "") != origin+"/index.html" || !strings.Contains(frame.AttrOr("sandbox", "x"), "allow-scripts") ||
		strings.Contains(frame.AttrOr("sandbox", ""), "allow-top-navigation") || frame.AttrOr("title", "") == "" {
		t.Fatalf("frame = %v", frame.Nodes[0].Attr)
	}
	// The forged-origin defence: the container accepts messages from exactly
	// the registered origins (70-apps.js reads data-origins).
	if got := frame.AttrOr("data-origins", ""); got != origin {
		t.Fatalf("allowed origins = %q", got)
	}
	if doc.Find("h1").Text() == "" || doc.Find("h1").Length() != 1 || !strings.Contains(doc.Find("h1").Text(), "社保查询") {
		t.Fatal("the title bar's h1 names the app")
	}
	if doc.Find(`a.zw-apps-bar__close[href="/sites/330000"]`).Length() != 1 || doc.Find("details[data-zw-share]").Length() != 1 {
		t.Fatal("title bar needs close and share")
	}
	// C 0103 7.6.2: the app can be rated from its own page.
	if doc.Find(`a.zw-apps-bar__link[href="/evaluations/app?app=`+strconv.FormatInt(a.ID, 10)+`"]`).Length() != 1 {
		t.Fatal("title bar needs a link to rate the app")
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-src 'self' "+origin) || strings.Contains(csp, "frame-src *") {
		t.Fatalf("CSP = %s", csp)
	}
	days, _, _ := svc.Stats(context.Background(), a.ID, 1)
	if len(days) != 1 || days[0].Views != 1 {
		t.Fatalf("the container counts the view: %+v", days)
	}
}

func TestContainerStates(t *testing.T) {
	env, svc := appsEnv(t)
	ctx := context.Background()
	a, _ := newApp(t, env, svc, apps.TypeIdentity, "https://demo.example")
	path := "/apps/" + strconv.FormatInt(a.ID, 10)
	if r := env.Client().Get("/apps/999999"); r.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown app: %d", r.StatusCode)
	}
	if r := env.Client().Get("/apps/x"); r.StatusCode != http.StatusNotFound {
		t.Fatalf("bad id: %d", r.StatusCode)
	}
	svc.Transition(ctx, a.ID, apps.EvTakeOffline, apps.Actor{Role: apps.RoleReviewer, ID: 1}, "不稳定")
	if r := env.Client().Get(path); r.StatusCode != http.StatusGone || !strings.Contains(r.Body, "暂停服务") {
		t.Fatalf("offline app: %d", r.StatusCode)
	}
	// Test mode: an app being debugged is visible to its owner only.
	env.Store.DB.Exec("UPDATE apps SET status = ? WHERE id = ?", apps.Debugging, a.ID)
	if r := citizen(t, env).Get(path); r.StatusCode != http.StatusNotFound {
		t.Fatalf("debugging app shown to a stranger: %d", r.StatusCode)
	}
	// An app that refuses framing opens at the top level.
	b, _ := newApp(t, env, svc, apps.TypeOpen, "https://noframe.example")
	env.Store.DB.Exec("UPDATE apps SET frameable = ? WHERE id = ?", false, b.ID)
	r := env.Client().Get("/apps/" + strconv.FormatInt(b.ID, 10))
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "https://noframe.example/index.html" {
		t.Fatalf("unframeable app: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
}

// The container endpoints 70-apps.js calls for the framed app.
func TestContainerRelayChecksOriginLoginConsentAndCSRF(t *testing.T) {
	env, svc := appsEnv(t)
	const origin = "https://demo.example"
	a, cl := newApp(t, env, svc, apps.TypeIdentity, origin)
	open, _ := newApp(t, env, svc, apps.TypeOpen, "https://open.example")
	visitor := env.Client()
	body := map[string]string{"app_id": a.Key(), "origin": origin, "method": "getTicket"}
	if _, out := containerCall(t, env, visitor, "/jssdk/container/ticket", body, true); out["next"] != "login" || out["result"] != "false" {
		t.Fatalf("visitor: %v", out)
	}
	c := citizen(t, env)
	if st, _ := containerCall(t, env, c, "/jssdk/container/ticket", body, false); st != http.StatusForbidden {
		t.Fatalf("no CSRF token: %d", st)
	}
	forged := map[string]string{"app_id": a.Key(), "origin": "https://evil.example", "method": "getTicket"}
	if _, out := containerCall(t, env, c, "/jssdk/container/ticket", forged, true); out["code"] != "origin_forbidden" {
		t.Fatalf("forged postMessage origin: %v", out)
	}
	// The container page offers the consent panel (hidden until asked).
	doc := c.Get("/apps/" + strconv.FormatInt(a.ID, 10)).Doc(t)
	if doc.Find("#zw-app-consent[hidden] form[action='/jssdk/authorize'] input[name=container][value='1']").Length() != 1 {
		t.Fatal("the container has no consent panel")
	}
	if _, out := containerCall(t, env, c, "/jssdk/container/ticket", body, true); out["next"] != "consent" {
		t.Fatalf("without consent: %v", out)
	}
	_, out := containerCall(t, env, c, "/jssdk/container/consent", map[string]string{"app_id": a.Key(), "origin": origin}, true)
	if out["result"] != "true" || out["ticket"] == "" {
		t.Fatalf("after consent: %v", out)
	}
	if _, err := cl.Exchange(context.Background(), out["ticket"].(string)); err != nil {
		t.Fatalf("container ticket exchange: %v", err)
	}
	login := map[string]string{"app_id": a.Key(), "origin": origin, "method": "loginapp"}
	if _, out := containerCall(t, env, c, "/jssdk/container/ticket", login, true); out["message"] != "当前国家政务服务平台政务服务移动端已登录" || out["result"] != "false" {
		t.Fatalf("loginapp while signed in: %v", out)
	}
	if _, out := containerCall(t, env, c, "/jssdk/container/ticket", map[string]string{"app_id": open.Key(), "origin": "https://open.example"}, true); out["code"] != "app_open_type" {
		t.Fatalf("open app ticket: %v", out)
	}
	if _, out := containerCall(t, env, c, "/jssdk/container/logout", map[string]string{"app_id": a.Key(), "origin": origin}, true); out["result"] != "true" {
		t.Fatalf("logout: %v", out)
	}
	if r := c.Get("/me"); r.StatusCode != http.StatusSeeOther {
		t.Fatal("still signed in after the container logout")
	}
}

// The consent form posted without JS from the container goes back to it.
func TestContainerConsentWithoutJS(t *testing.T) {
	env, svc := appsEnv(t)
	a, _ := newApp(t, env, svc, apps.TypeIdentity, "https://demo.example")
	c := citizen(t, env)
	r := c.Post("/jssdk/authorize", map[string][]string{"app_id": {a.Key()}, "container": {"1"}, "decision": {"allow"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/apps/"+strconv.FormatInt(a.ID, 10) {
		t.Fatalf("container consent: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	if doc := c.Get(r.Header.Get("Location")).Doc(t); doc.Find("#zw-app-consent").Length() != 0 {
		t.Fatal("consent panel still offered after consenting")
	}
}

// The JSSDK is served at its stable address for other origins to load.
func TestJSSDKScriptServed(t *testing.T) {
	e, _ := appsEnv(t)
	r := e.Client().Get("/jssdk/index.js")
	if r.StatusCode != http.StatusOK || !strings.Contains(r.Header.Get("Content-Type"), "javascript") {
		t.Fatalf("/jssdk/index.js: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	for _, s := range []string{"lightAppJssdk", "getTicket", "loginapp", "logout", "当前国家政务服务平台政务服务移动端已登录"} {
		if !strings.Contains(r.Body, s) {
			t.Errorf("JSSDK lacks %q", s)
		}
	}
}
