package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/gmcrypto"
)

// `portal apps create` registers an app online and prints its app_id and
// SM4 key once; the key stored is sealed, and opens to the printed one
// under the same portal secret.
func TestAppsCreateCommand(t *testing.T) {
	dir := t.TempDir()
	vars := env(map[string]string{"PORTAL_DATA_DIR": dir})
	ctx := context.Background()
	kp, _ := gmcrypto.GenerateKeyPair()
	pub, _ := kp.PublicKeyPEM()
	keyFile := filepath.Join(dir, "app.pub.pem")
	os.WriteFile(keyFile, pub, 0o600)
	var out bytes.Buffer
	err := run(ctx, []string{"apps", "create", "--name", "演示应用", "--type", "identity", "--entry-url", "http://127.0.0.1:9000/",
		"--origin", "http://localhost:9000", "--sm2-public-key", keyFile, "--whitelist", "10.0.0.0/8"}, vars, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ID     int64    `json:"id"`
		AppID  string   `json:"app_id"`
		SM4Key string   `json:"sm4_key"`
		Status string   `json:"status"`
		Origin []string `json:"origins"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	key, _ := hex.DecodeString(got.SM4Key)
	if !strings.HasPrefix(got.AppID, "zwa") || len(key) != 16 || got.Status != "online" || len(got.Origin) != 2 {
		t.Fatalf("printed %+v", got)
	}
	st, err := models.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := apps.ByKey(ctx, st, got.AppID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.SM4KeySealed, got.SM4Key) || a.Whitelist != "10.0.0.0/8" {
		t.Fatalf("stored app = %+v", a)
	}
	cfg, _ := loadConfig(vars)
	svc, _ := apps.NewService(st, cfg.SecretKey, nil)
	if opened, err := svc.Keys.OpenAppKey(a.ID, a.SM4KeySealed); err != nil || hex.EncodeToString(opened) != got.SM4Key {
		t.Fatalf("sealed key does not open to the printed one: %v", err)
	}

	err = run(ctx, []string{"apps", "create", "--name", "x", "--type", "identity", "--entry-url", "ftp://x"}, vars, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--entry-url") {
		t.Fatalf("a bad entry URL must be refused naming the flag: %v", err)
	}
	prod := env(map[string]string{"PORTAL_DATA_DIR": dir, "PORTAL_ENV": "prod", "PORTAL_SECRET_KEY": strings.Repeat("k", 40)})
	err = run(ctx, []string{"apps", "create", "--name", "x", "--type", "open", "--entry-url", "https://x.example/"}, prod, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--prod-onboarding") {
		t.Fatalf("prod without --prod-onboarding: %v", err)
	}
}
