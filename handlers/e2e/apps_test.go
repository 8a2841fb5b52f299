//go:build e2e

package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/cmd/demoapp/demo"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/users"
)

// TestDemoAppInBrowser is issue 9's end-to-end test with the real JSSDK in
// Chromium: the demo app (its own server, another origin) loads
// /jssdk/index.js from the portal; at the top level a click runs the
// redirect flow (consent) and the page shows the decrypted, masked name;
// inside the portal's container the ticket comes by postMessage. It also
// checks both origin checks (container and JSSDK) refuse a forged origin.
func TestDemoAppInBrowser(t *testing.T) {
	ctx := context.Background()
	env := handlertest.New(t)
	var h http.Handler
	demoSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	defer demoSrv.Close()
	// Another port of 127.0.0.1 is another origin; "localhost" keeps the
	// two apart by name too.
	demoURL := strings.Replace(demoSrv.URL, "127.0.0.1", "localhost", 1)
	kp, _ := gmcrypto.GenerateKeyPair()
	pub, _ := kp.PublicKeyPEM()
	svc, err := apps.NewService(env.Store, []byte("test-secret-key-0123456789abcdef-0123"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, key, err := svc.CreateOnline(ctx, apps.Form{Name: "演示应用", Type: apps.TypeIdentity, OwnerOrg: "演示单位",
		EntryURL: demoURL + "/"}, apps.Credentials{SM2PublicKey: string(pub)})
	if err != nil {
		t.Fatal(err)
	}
	if h, err = demo.NewHandler(demo.Config{PortalURL: env.Server.URL, AppID: a.Key(), SM4Key: key, PrivateKey: kp}); err != nil {
		t.Fatal(err)
	}
	us, _ := users.NewService(env.Store, users.DevConfig(env.Store))
	if _, err := us.Create(ctx, users.NewAccount{Phone: "13812345678", Password: "Good#pass1", Name: "张三丰",
		IDNumber: "11010519491231002X", Level: 3, VerifiedBy: "test"}); err != nil {
		t.Fatal(err)
	}

	tab := newTab(t)
	tctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()
	s := &Setup{Ctx: tctx, Env: env}
	if err := s.Submit("/login", `form[action="/login"]`, map[string]string{"login": "13812345678", "password": "Good#pass1"}); err != nil {
		t.Fatal(err)
	}

	// Top level: click → /jssdk/authorize → consent → back → exchange.
	err = chromedp.Do(tctx,
		chromedp.Navigate(demoURL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.Click(chromedp.CSS("#login")),
		chromedp.WaitVisible(chromedp.CSS(`button[name=decision][value=allow]`)),
		chromedp.Click(chromedp.CSS(`button[name=decision][value=allow]`)),
		chromedp.WaitVisible(chromedp.CSS("#who")),
	)
	if err != nil {
		t.Fatalf("top-level flow: %v (screenshot %s)", err, screenshot(tctx, t, suite.root+"/e2e-artifacts", "apps-demo-top.png"))
	}
	status, _ := chromedp.Run(tctx, chromedp.Text(chromedp.CSS("#status")))
	if status != "欢迎，张**" {
		t.Fatalf("demo app shows %q", status)
	}
	if url, _ := chromedp.Run(tctx, chromedp.Location()); strings.Contains(url, "zwjs_") {
		t.Fatalf("the JSSDK left its parameters in the address: %s", url)
	}
	forged, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`lightAppJssdk._acceptReply({origin: 'https://evil.example',
		source: window.parent, data: {zwjs: 1, id: '1', data: {}}})`))
	if err != nil || forged {
		t.Fatalf("the JSSDK accepted a reply from a forged origin (%v)", err)
	}

	// Inside the container: the framed demo asks on load, by postMessage.
	var before, after int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM app_tokens").Scan(&before)
	err = chromedp.Do(tctx,
		chromedp.Navigate(env.Server.URL+"/apps/"+strconv.FormatInt(a.ID, 10)),
		chromedp.WaitVisible(chromedp.CSS("iframe[data-zw-app-frame]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	checks, err := chromedp.Run(tctx, chromedp.Evaluate[[]bool](`(function () {
			var f = document.querySelector('[data-zw-app-frame]').contentWindow;
			var ok = {zwjs: 1, id: 'x', method: 'getTicket'};
			var accept = window.zwAppContainer.accept;
			return [accept({source: f, origin: 'https://evil.example', data: ok}),
				accept({source: window, origin: '`+demoURL+`', data: ok}),
				accept({source: f, origin: '`+demoURL+`', data: ok})];
		})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != 3 || checks[0] || checks[1] || !checks[2] {
		t.Fatalf("container origin check [forged origin, other window, the app] = %v, want [false false true]", checks)
	}
	deadline := time.Now().Add(20 * time.Second)
	for after <= before && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		env.Store.DB.Raw("SELECT COUNT(*) FROM app_tokens").Scan(&after)
	}
	if after <= before {
		t.Fatalf("the framed app got no ticket through the container (screenshot %s)",
			screenshot(tctx, t, suite.root+"/e2e-artifacts", "apps-demo-container.png"))
	}
}
