package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/gateway"
	gt "github.com/zwfw/portal/models/gateway/gatewaytest"
)

// `portal interfaces create` registers an approved interface and prints
// its gateway URL; calls through it land in the chain `audit verify
// --calls` checks, which names a tampered call.
func TestInterfacesCreateCommand(t *testing.T) {
	dir := t.TempDir()
	up := gt.NewUpstream(t)
	vars := env(map[string]string{"PORTAL_DATA_DIR": dir, "PORTAL_GATEWAY_ALLOW_HOSTS": "127.0.0.1"})
	ctx := context.Background()
	st, err := models.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(ctx, []string{"migrate"}, vars, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	app := gt.App(t, st, "192.0.2.0/24", 0)
	out.Reset()
	err = run(ctx, []string{"interfaces", "create", "--app", app.App.Key(), "--code", "zj.cli", "--source-url", up.URL + "/q",
		"--method", "GET", "--auth", "whitelist", "--params", "region|是|string|区划"}, vars, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Code       string `json:"code"`
		Status     string `json:"status"`
		GatewayURL string `json:"gateway_url"`
	}
	if json.Unmarshal(out.Bytes(), &got) != nil || got.Status != "active" || got.GatewayURL != "http://localhost:8080/gateway/zj.cli" {
		t.Fatalf("output: %s", out.String())
	}
	err = run(ctx, []string{"interfaces", "create", "--app", app.App.Key(), "--code", "zj.meta", "--source-url",
		"http://169.254.169.254/latest", "--method", "PATCH", "--auth", "sm2"}, vars, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--source-url") || !strings.Contains(err.Error(), "--method") {
		t.Fatalf("metadata address and bad method must be refused naming the flags: %v", err)
	}

	svc, _ := gateway.NewService(st, testSecret(t, vars), &gateway.Guard{AllowHosts: []string{"127.0.0.1"}, AllowHTTP: true})
	for i := 0; i < 3; i++ {
		res := svc.Handle(ctx, gateway.Call{Code: "zj.cli", Method: "GET", Path: "/gateway/zj.cli", RawQuery: "region=330000",
			AppKey: app.App.Key(), RemoteIP: net.ParseIP("192.0.2.1")})
		if res.Failure != nil {
			t.Fatalf("call: %s", res.Body)
		}
	}
	svc.Close()
	out.Reset()
	if err := run(ctx, []string{"audit", "verify", "--calls"}, vars, &out, io.Discard); err != nil || !strings.Contains(out.String(), `"calls" intact: 3 entries`) {
		t.Fatalf("verify --calls: %v %q", err, out.String())
	}
	st.DB.Exec("UPDATE audit_log SET ip = '10.0.0.1' WHERE chain = ? AND seq = 2", audit.ChainCalls)
	st.Close()
	out.Reset()
	if err := run(ctx, []string{"audit", "verify", "--calls"}, vars, &out, io.Discard); !errors.Is(err, errChainBroken) || !strings.Contains(out.String(), "BROKEN at entry 2") {
		t.Fatalf("tampered call: %v %q", err, out.String())
	}
}

// testSecret is the portal secret the command used (the dev key file).
func testSecret(t *testing.T, vars func(string) string) []byte {
	cfg, err := loadConfig(vars)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.SecretKey
}
