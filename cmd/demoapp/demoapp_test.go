package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/cmd/demoapp/demo"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/users"
)

// Issue 9 §7, the end-to-end test of the hand-off: the portal (through its
// whole router) and the demo app (its own server). A signed-in citizen goes
// through /jssdk/authorize (consent) and back to the demo app with a ticket;
// the demo app's back end exchanges it with SM2-signed calls and shows the
// decrypted, masked name. Runs on SQLite and, with TEST_DATABASE_URL, on
// PostgreSQL.
func TestDemoAppEndToEnd(t *testing.T) {
	ctx := context.Background()
	env := handlertest.New(t)

	var demoH http.Handler
	demoSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { demoH.ServeHTTP(w, r) }))
	defer demoSrv.Close()

	// Register the demo app as `portal apps create` would.
	kp, _ := gmcrypto.GenerateKeyPair()
	pub, _ := kp.PublicKeyPEM()
	svc, err := apps.NewService(env.Store, []byte("test-secret-key-0123456789abcdef-0123"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, key, err := svc.CreateOnline(ctx, apps.Form{Name: "演示应用", Type: apps.TypeIdentity, OwnerOrg: "演示单位",
		EntryURL: demoSrv.URL + "/"}, apps.Credentials{SM2PublicKey: string(pub)})
	if err != nil {
		t.Fatal(err)
	}
	if demoH, err = demo.NewHandler(demo.Config{PortalURL: env.Server.URL, AppID: a.Key(), SM4Key: key, PrivateKey: kp}); err != nil {
		t.Fatal(err)
	}

	// The demo page loads the JSSDK from the portal's stable address.
	res, err := http.Get(demoSrv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := goquery.NewDocumentFromReader(res.Body)
	res.Body.Close()
	script := doc.Find(`script[data-app-id]`)
	if script.AttrOr("src", "") != env.Server.URL+"/jssdk/index.js" || script.AttrOr("data-app-id", "") != a.Key() {
		t.Fatalf("demo page script = %v", script.Nodes)
	}

	// A citizen signs in on the portal.
	acct, err := mustUsers(t, env).Create(ctx, users.NewAccount{Phone: "13812345678", Password: "Good#pass1", Name: "张三丰",
		IDNumber: "11010519491231002X", Level: 3, VerifiedBy: "test"})
	if err != nil {
		t.Fatal(err)
	}
	c := env.Client()
	if r := c.Post("/login", url.Values{"login": {acct.Phone}, "password": {"Good#pass1"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", r.StatusCode)
	}

	// The JSSDK's redirect flow: authorize → consent → back with a ticket.
	q := url.Values{"app_id": {a.Key()}, "redirect_uri": {demoSrv.URL + "/"}, "state": {"e2e"}, "action": {"getTicket"}}
	if r := c.Get("/jssdk/authorize?" + q.Encode()); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "演示应用") {
		t.Fatalf("consent page: %d", r.StatusCode)
	}
	q.Set("decision", "allow")
	r := c.Post("/jssdk/authorize", q)
	back, _ := url.Parse(r.Header.Get("Location"))
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(back.String(), demoSrv.URL+"/") {
		t.Fatalf("back to the app: %d %q", r.StatusCode, back)
	}
	ticket := back.Query().Get("zwjs_ticket")

	// The demo page hands the ticket to its back end, which exchanges it.
	res, err = http.Post(demoSrv.URL+"/exchange", "application/json", strings.NewReader(`{"ticket":"`+ticket+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	var shown demo.Shown
	json.NewDecoder(res.Body).Decode(&shown)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || shown.Name != "张**" || shown.IDNumber != "1****************X" ||
		shown.Mobile != "138****5678" || shown.TrustLevel != 3 || len(shown.UserID) != 32 {
		t.Fatalf("demo app shows %+v (status %d)", shown, res.StatusCode)
	}
	// The same ticket again is refused (single use) and the demo says why.
	res, _ = http.Post(demoSrv.URL+"/exchange", "application/json", strings.NewReader(`{"ticket":"`+ticket+`"}`))
	json.NewDecoder(res.Body).Decode(&shown)
	res.Body.Close()
	if shown.Error != "ticket_used" {
		t.Fatalf("replayed ticket: %+v", shown)
	}
}

func mustUsers(t *testing.T, env *handlertest.Env) *users.Service {
	t.Helper()
	svc, err := users.NewService(env.Store, users.DevConfig(env.Store))
	if err != nil {
		t.Fatal(err)
	}
	return svc
}
