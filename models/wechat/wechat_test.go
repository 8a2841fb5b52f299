package wechat

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestSignaturePublishedVector is the example of the WeChat JS-SDK
// documentation, appendix 1 (JS-SDK使用权限签名算法).
func TestSignaturePublishedVector(t *testing.T) {
	const ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
	got := Signature(ticket, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value")
	if got != "0f9de62fce790f9a083d5c99e95740ceb90c27ed" {
		t.Fatalf("signature = %s", got)
	}
	// The #fragment is not part of the signed URL.
	if Signature(ticket, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value#share") != got {
		t.Error("fragment changed the signature")
	}
	if Signature(ticket, "Wm3WZYTPz0wzccnW", 1414587458, "http://mp.weixin.qq.com?params=value") == got {
		t.Error("timestamp not signed")
	}
}

func TestNewConfig(t *testing.T) {
	now := time.Unix(1414587457, 0)
	c := NewConfig("wxappid", "T", "https://zwfw.example/matters/1", now)
	if c.AppID != "wxappid" || c.Timestamp != 1414587457 || len(c.NonceStr) != 16 {
		t.Fatalf("config %+v", c)
	}
	if c.Signature != Signature("T", c.NonceStr, c.Timestamp, "https://zwfw.example/matters/1") {
		t.Error("signature does not match its fields")
	}
	if NewConfig("wxappid", "T", "u", now).NonceStr == c.NonceStr {
		t.Error("nonce repeated")
	}
}

func TestCredentialsFromEnv(t *testing.T) {
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "secret")
	os.WriteFile(secretFile, []byte("s3cret\n"), 0o600)
	cases := []struct {
		env     map[string]string
		enabled bool
		errWith string
	}{
		{env: nil},
		{env: map[string]string{"PORTAL_WECHAT_APPID": "wx1", "PORTAL_WECHAT_SECRET": "s"}, enabled: true},
		{env: map[string]string{"PORTAL_WECHAT_APPID": "wx1", "PORTAL_WECHAT_SECRET_FILE": secretFile}, enabled: true},
		{env: map[string]string{"PORTAL_WECHAT_APPID": "wx1"}, errWith: "PORTAL_WECHAT_SECRET"},
		{env: map[string]string{"PORTAL_WECHAT_SECRET": "s"}, errWith: "PORTAL_WECHAT_APPID"},
		{env: map[string]string{"PORTAL_WECHAT_APPID": "wx1", "PORTAL_WECHAT_SECRET_FILE": filepath.Join(dir, "none")}, errWith: "PORTAL_WECHAT_SECRET_FILE"},
	}
	for i, c := range cases {
		got, err := CredentialsFromEnv(func(k string) string { return c.env[k] })
		if c.errWith != "" {
			if err == nil || !strings.Contains(err.Error(), c.errWith) {
				t.Errorf("case %d: err %v, want one naming %s", i, err, c.errWith)
			}
			continue
		}
		if err != nil || got.Enabled() != c.enabled {
			t.Errorf("case %d: %+v, %v", i, got, err)
		}
	}
}

func TestTicketsFetchAndCache(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		switch r.URL.Path {
		case "/cgi-bin/token":
			if r.URL.Query().Get("appid") != "wx1" || r.URL.Query().Get("secret") != "s" {
				fmt.Fprint(w, `{"errcode":40013,"errmsg":"invalid appid"}`)
				return
			}
			fmt.Fprint(w, `{"access_token":"AT","expires_in":7200}`)
		case "/cgi-bin/ticket/getticket":
			if r.URL.Query().Get("access_token") != "AT" {
				fmt.Fprint(w, `{"errcode":40001,"errmsg":"invalid credential"}`)
				return
			}
			fmt.Fprint(w, `{"errcode":0,"errmsg":"ok","ticket":"TICKET","expires_in":7200}`)
		}
	}))
	defer srv.Close()
	now := time.Unix(1_800_000_000, 0)
	tk := &Tickets{Creds: Credentials{AppID: "wx1", Secret: "s"}, API: srv.URL, Now: func() time.Time { return now }}
	for i := 0; i < 3; i++ {
		got, err := tk.Ticket(context.Background())
		if err != nil || got != "TICKET" {
			t.Fatalf("ticket %q, %v", got, err)
		}
	}
	if calls.Load() != 2 {
		t.Errorf("%d API calls, want 2 (token + ticket, then cached)", calls.Load())
	}
	now = now.Add(2 * time.Hour)
	if _, err := tk.Ticket(context.Background()); err != nil || calls.Load() != 4 {
		t.Errorf("expired ticket not refreshed: %d calls, %v", calls.Load(), err)
	}
	bad := &Tickets{Creds: Credentials{AppID: "wx1", Secret: "wrong"}, API: srv.URL}
	if _, err := bad.Ticket(context.Background()); err == nil || !strings.Contains(err.Error(), "40013") {
		t.Errorf("API error not reported: %v", err)
	}
	if _, err := (&Tickets{}).Ticket(context.Background()); err == nil {
		t.Error("no credentials should be an error")
	}
	down := &Tickets{Creds: Credentials{AppID: "wx1", Secret: "topsecret"}, API: "http://127.0.0.1:1"}
	if _, err := down.Ticket(context.Background()); err == nil || strings.Contains(err.Error(), "topsecret") {
		t.Errorf("network error must not reveal the secret: %v", err)
	}
}
