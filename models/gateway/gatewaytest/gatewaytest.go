// Package gatewaytest builds what gateway tests and benchmarks need: an
// httptest upstream that answers like a source interface of C 0103
// example 7, consumer apps with SM2 keys, and registered interfaces.
package gatewaytest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/gateway"
	"github.com/zwfw/portal/models/gmcrypto"
)

// Secret is the portal secret of the test services.
var Secret = []byte("test-secret-key-0123456789abcdef-0123")

// Upstream is a source interface. Mode selects its behaviour: "ok" (the
// envelope with personal fields), "notjson", "noenvelope", "slow" (sleeps
// Delay), "big" (2 MiB), "500". Hits counts requests; LastAuth and
// LastQuery keep what the last request carried.
type Upstream struct {
	*httptest.Server
	Mode      atomic.Value
	Delay     time.Duration
	Hits      atomic.Int64
	LastAuth  atomic.Value
	LastQuery atomic.Value
}

// NewUpstream starts an upstream in mode "ok".
func NewUpstream(t testing.TB) *Upstream {
	u := &Upstream{Delay: 300 * time.Millisecond}
	u.Mode.Store("ok")
	u.LastAuth.Store("")
	u.LastQuery.Store("")
	u.Server = httptest.NewServer(http.HandlerFunc(u.serve))
	t.Cleanup(u.Server.Close)
	return u
}

// Reply is the "ok" answer (example 7 with personal fields).
const Reply = `{"process_response":{"result_code":"100","date":"2026-12-04","items":[{"id":"15485","name":"张三丰","id_number":"11010519491231002X","mobile":"13800138000","desc":"查询结果"}]}}`

func (u *Upstream) serve(w http.ResponseWriter, r *http.Request) {
	u.Hits.Add(1)
	u.LastAuth.Store(r.Header.Get("Authorization"))
	u.LastQuery.Store(r.URL.RawQuery)
	w.Header().Set("Content-Type", "application/json")
	switch u.Mode.Load().(string) {
	case "notjson":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html>error</html>")
	case "noenvelope":
		fmt.Fprint(w, `{"reason":"没有查询到数据","result":null,"error_code":211402}`)
	case "slow":
		time.Sleep(u.Delay)
		fmt.Fprint(w, Reply)
	case "big":
		fmt.Fprint(w, `{"process_response":{"result_code":"100","date":"2026-12-04","blob":"`+strings.Repeat("x", 2<<20)+`"}}`)
	case "500":
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"process_response":{"result_code":"102","error_code":"E500","error_msg":"内部错误","date":"2026-12-04"}}`)
	case "sensitive":
		fmt.Fprint(w, `{"process_response":{"result_code":"100","date":"2026-12-04","desc":"含有赌博内容"}}`)
	default:
		fmt.Fprint(w, Reply)
	}
}

// Host is the upstream's host (for Guard.AllowHosts).
func (u *Upstream) Host() string {
	h := strings.TrimPrefix(u.URL, "http://")
	return h[:strings.LastIndex(h, ":")]
}

// Service builds a gateway service allowing the loopback upstream.
func Service(t testing.TB, st *models.Store) *gateway.Service {
	t.Helper()
	s, err := gateway.NewService(st, Secret, &gateway.Guard{AllowHosts: []string{"127.0.0.1"}, AllowHTTP: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

var seq atomic.Int64

// Consumer is a registered app able to call the gateway.
type Consumer struct {
	App    apps.App
	Client *sdk.Client
}

// App registers an online app whose whitelist is whitelist and returns a
// signing client for it. owner, when non-zero, is its owner account.
func App(t testing.TB, st *models.Store, whitelist string, owner int64) Consumer {
	t.Helper()
	svc, err := apps.NewService(st, Secret, nil)
	if err != nil {
		t.Fatal(err)
	}
	kp, err := gmcrypto.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	pemBytes, _ := kp.PublicKeyPEM()
	n := seq.Add(1)
	a, _, err := svc.CreateOnline(context.Background(), apps.Form{Name: "测试应用" + strconv.FormatInt(n, 10), Type: apps.TypeIdentity,
		OwnerOrg: "浙江省某局", SiteCode: "330000", EntryURL: fmt.Sprintf("https://app%d.example.org/", n)},
		apps.Credentials{SM2PublicKey: string(pemBytes), Whitelist: whitelist})
	if err != nil {
		t.Fatal(err)
	}
	if owner != 0 {
		st.DB.Exec("UPDATE apps SET owner_user_id = ? WHERE id = ?", owner, a.ID)
		a.OwnerUserID = &owner
	}
	return Consumer{App: a, Client: &sdk.Client{AppID: a.Key(), PrivateKey: kp}}
}

// User inserts an account and returns its id.
func User(t testing.TB, st *models.Store) int64 {
	t.Helper()
	n := seq.Add(1)
	phone := fmt.Sprintf("139%08d", n)
	now := time.Now().UTC()
	if err := st.DB.Exec(`INSERT INTO users (kind, phone, name, level, session_epoch, created_at, updated_at)
		VALUES ('natural', ?, '张三', 3, 1, ?, ?)`, phone, now, now).Error; err != nil {
		t.Fatal(err)
	}
	var id int64
	st.DB.Raw("SELECT id FROM users WHERE phone = ?", phone).Scan(&id)
	return id
}

// Token gives app a JSSDK token for user (with the user's consent) and
// returns the token.
func Token(t testing.TB, st *models.Store, appID, userID int64) string {
	t.Helper()
	now := time.Now().UTC()
	tok := fmt.Sprintf("at_test_%d_%d_%d", appID, userID, seq.Add(1))
	st.DB.Exec("INSERT INTO app_consents (user_id, app_id, granted_at) VALUES (?, ?, ?) ON CONFLICT (user_id, app_id) DO NOTHING",
		userID, appID, now.Add(-time.Minute))
	if err := st.DB.Exec("INSERT INTO app_tokens (token_hash, app_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
		gmcrypto.SM3Hex([]byte(tok)), appID, userID, now, now.Add(30*time.Minute)).Error; err != nil {
		t.Fatal(err)
	}
	return tok
}

// Interface registers and approves an interface of owner on the upstream
// path, adjusting the form with edit.
func Interface(t testing.TB, s *gateway.Service, owner Consumer, code, sourceURL, method, auth string, edit func(*gateway.Form)) gateway.Interface {
	t.Helper()
	f := gateway.Form{App: owner.App.Key(), Code: code, Name: "社保查询 " + code, SourceURL: sourceURL, Method: method, Auth: auth,
		RequestParams: "region|是|string|行政区划代码\npf|否|string|渠道", MaskFields: "name:name,id_number:id_number,mobile:mobile"}
	if edit != nil {
		edit(&f)
	}
	it, err := s.CreateApproved(context.Background(), f)
	if err != nil {
		t.Fatalf("create interface %s: %v", code, err)
	}
	return it
}

// Envelope decodes a gateway answer's process_response.
func Envelope(t testing.TB, body []byte) gateway.Process {
	t.Helper()
	var e struct {
		P gateway.Process `json:"process_response"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("not an envelope: %s", body)
	}
	return e.P
}
