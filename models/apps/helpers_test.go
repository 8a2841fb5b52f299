package apps_test

import (
	"context"
	"encoding/json"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/modelstest"
)

var ctx = context.Background()

type clock struct{ t time.Time }

func (c *clock) Now() time.Time         { return c.t }
func (c *clock) Add(d time.Duration)    { c.t = c.t.Add(d) }
func (c *clock) Unix() int64            { return c.t.Unix() }
func (c *clock) Set(t time.Time) *clock { c.t = t; return c }

func setup(t testing.TB) (*apps.Service, *clock) {
	t.Helper()
	st := modelstest.Open(t)
	svc, err := apps.NewService(st, []byte("test-secret-key-0123456789abcdef-0123"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Now().UTC().Truncate(time.Second)}
	svc.Now = c.Now
	return svc, c
}

var phoneSeq = 13800000000

// mkUser inserts an account the way models/users stores one.
func mkUser(t testing.TB, st *models.Store, kind string, level int) int64 {
	t.Helper()
	phoneSeq++
	phone := strconv.Itoa(phoneSeq)
	row := map[string]any{"kind": kind, "phone": phone, "id_number": "1101051949123" + phone[6:], "name": "张三",
		"level": level, "session_epoch": 1, "created_at": time.Now().UTC(), "updated_at": time.Now().UTC()}
	if kind == "legal" {
		row["org_name"], row["credit_code"] = "杭州某某科技有限公司", "91330100MA27XXXX8X"
	}
	if err := st.DB.Table("users").Create(row).Error; err != nil {
		t.Fatal(err)
	}
	var id int64
	st.DB.Raw("SELECT id FROM users WHERE phone = ?", phone).Scan(&id)
	return id
}

// mkApp registers an online identity app with a fresh SM2 key and returns a
// requester SDK client for it.
func mkApp(t testing.TB, svc *apps.Service, c *clock, typ, origin string) (apps.App, *sdk.Client) {
	t.Helper()
	kp, err := gmcrypto.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	pemBytes, _ := kp.PublicKeyPEM()
	a, key, err := svc.CreateOnline(ctx, apps.Form{Name: "测试应用", Type: typ, OwnerOrg: "某局", EntryURL: origin + "/index.html"},
		apps.Credentials{SM2PublicKey: string(pemBytes), Whitelist: "192.0.2.0/24"})
	if err != nil {
		t.Fatal(err)
	}
	return a, &sdk.Client{AppID: a.Key(), PrivateKey: kp, SM4Key: key, Now: c.Now}
}

// signed builds the web-service request an SDK client would send.
func signed(t testing.TB, cl *sdk.Client, path string, body map[string]string) (apps.Request, string) {
	t.Helper()
	raw, _ := json.Marshal(body)
	h, err := cl.Sign("POST", path, raw)
	if err != nil {
		t.Fatal(err)
	}
	return apps.Request{Method: "POST", Path: path, Body: raw, AppKey: h.Get("X-App-Id"), Timestamp: h.Get("X-Timestamp"),
		Nonce: h.Get("X-Nonce"), Signature: h.Get("X-Signature"), RemoteIP: net.ParseIP("198.51.100.7")}, body["app_id"]
}

func wantCode(t testing.TB, err error, want *apps.APIError) {
	t.Helper()
	if err != want {
		t.Fatalf("got %v, want %s", err, want.Code)
	}
}
