package fuzz_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/modelstest"
)

// FuzzSignatureHeaders: the X-App-Id, X-Timestamp, X-Nonce and X-Signature
// headers of an app's web-service call (C 0103 8.3.4.4 a) never make
// Authenticate fail with anything but a refusal (*apps.APIError), and only
// the request the app really signed is accepted, once.
func FuzzSignatureHeaders(f *testing.F) {
	ctx := context.Background()
	st := modelstest.Open(f)
	svc, err := apps.NewService(st, []byte("fuzz-secret-key-0123456789abcdef-0123"), nil)
	if err != nil {
		f.Fatal(err)
	}
	now := time.Unix(1_800_000_000, 0)
	svc.Now = func() time.Time { return now }
	kp, err := gmcrypto.GenerateKeyPair()
	if err != nil {
		f.Fatal(err)
	}
	pemBytes, _ := kp.PublicKeyPEM()
	app, _, err := svc.CreateOnline(ctx, apps.Form{Name: "模糊测试应用", Type: "identity", OwnerOrg: "某局", EntryURL: "https://app.example.cn/index.html"},
		apps.Credentials{SM2PublicKey: string(pemBytes)})
	if err != nil {
		f.Fatal(err)
	}
	cl := &sdk.Client{AppID: app.Key(), PrivateKey: kp}
	const path = "/api/v1/jssdk/token"
	body := `{"ticket":"t"}`
	h, err := cl.SignAt("POST", path, []byte(body), now.Unix(), "nonce-0123456789")
	if err != nil {
		f.Fatal(err)
	}
	genuine := [5]string{h.Get("X-App-Id"), h.Get("X-Timestamp"), h.Get("X-Nonce"), h.Get("X-Signature"), body}
	f.Add(genuine[0], genuine[1], genuine[2], genuine[3], genuine[4])
	f.Add(genuine[0], genuine[1], "nonce-0123456789", "AAAA", body)
	f.Add(genuine[0], "1e9", "short", "!!notbase64", "")
	f.Add("", "", "", "", "")
	f.Add(genuine[0], "-9223372036854775808", strings.Repeat("n", 65), genuine[3][:10], body)
	f.Add("app-999999", genuine[1], genuine[2], genuine[3], body)
	accepted := false
	f.Fuzz(func(t *testing.T, appID, ts, nonce, sig, reqBody string) {
		r := apps.Request{Method: "POST", Path: path, Body: []byte(reqBody), AppKey: appID, Timestamp: ts,
			Nonce: nonce, Signature: sig, RemoteIP: net.ParseIP("203.0.113.9")}
		got, err := svc.Authenticate(ctx, r, "")
		if err != nil {
			var api *apps.APIError
			if !errors.As(err, &api) {
				t.Fatalf("Authenticate(%q, %q, %q, %q) = %v: not a refusal", appID, ts, nonce, sig, err)
			}
			return
		}
		if got.ID != app.ID || appID != genuine[0] || ts != genuine[1] || nonce != genuine[2] || reqBody != genuine[4] {
			t.Fatalf("accepted a request the app did not sign: %q %q %q %q %q", appID, ts, nonce, sig, reqBody)
		}
		if accepted {
			t.Fatalf("the signed request was accepted twice (nonce %q)", nonce)
		}
		accepted = true
	})
}
