package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// A malformed environment value stops the start with one clear line.
func TestBadEnvironmentStopsWithOneClearLine(t *testing.T) {
	cases := map[string]map[string]string{
		"PORTAL_ENV":              {"PORTAL_ENV": "staging"},
		"PORTAL_ADDR":             {"PORTAL_ADDR": "8080"},
		"DATABASE_URL":            {"DATABASE_URL": "mysql://x"},
		"PORTAL_LOG_LEVEL":        {"PORTAL_LOG_LEVEL": "loud"},
		"PORTAL_POST_RATE":        {"PORTAL_POST_RATE": "-1"},
		"PORTAL_SHUTDOWN_TIMEOUT": {"PORTAL_SHUTDOWN_TIMEOUT": "soon"},
		"PORTAL_BODY_LIMIT":       {"PORTAL_BODY_LIMIT": "big"},
		"PORTAL_SECRET_KEY":       {"PORTAL_SECRET_KEY": "short"},
		"PORTAL_TRUST_PROXY":      {"PORTAL_TRUST_PROXY": "maybe"},
	}
	for name, vars := range cases {
		t.Run(name, func(t *testing.T) {
			vars["PORTAL_DATA_DIR"] = t.TempDir()
			var out, errOut bytes.Buffer
			err := run(context.Background(), []string{"serve"}, env(vars), &out, &errOut)
			if err == nil {
				t.Fatal("start succeeded with a malformed value")
			}
			msg := err.Error()
			if !strings.Contains(msg, name) || strings.Contains(msg, "\n") {
				t.Fatalf("error should be one line naming %s, got %q", name, msg)
			}
		})
	}
}

func TestProdRefusesDevelopmentKeysAndStaleSchema(t *testing.T) {
	dir := t.TempDir()
	err := run(context.Background(), []string{"serve"}, env(map[string]string{"PORTAL_ENV": "prod", "PORTAL_DATA_DIR": dir}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "PORTAL_SECRET_KEY") {
		t.Fatalf("prod without a secret key: %v", err)
	}
	err = run(context.Background(), []string{"serve"}, env(map[string]string{
		"PORTAL_ENV": "prod", "PORTAL_DATA_DIR": dir, "PORTAL_SECRET_KEY": strings.Repeat("k", 40), "PORTAL_ADDR": "127.0.0.1:0",
	}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "portal migrate") {
		t.Fatalf("prod on an unmigrated database should point to `portal migrate`, got %v", err)
	}
}

// serve answers until its context ends, then shuts down cleanly.
func TestServeStartsAnswersAndShutsDownGracefully(t *testing.T) {
	cfg, err := loadConfig(env(map[string]string{"PORTAL_DATA_DIR": t.TempDir(), "PORTAL_ADDR": "127.0.0.1:0",
		"PORTAL_DEMO_DATA": "false", "PORTAL_SHUTDOWN_TIMEOUT": "5s"}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- serve(ctx, cfg, newLogger(cfg, &logs), ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped early: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start within 20 s")
	}
	res, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/readyz = %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("shutdown took longer than its grace period")
	}
	if !strings.Contains(logs.String(), "request_id=") {
		t.Fatal("request log lines must carry a request ID")
	}
}

func TestMigrateCommandBringsSchemaCurrent(t *testing.T) {
	vars := env(map[string]string{"PORTAL_DATA_DIR": t.TempDir()})
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate"}, vars, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "schema at version") {
		t.Fatalf("migrate output: %q", out.String())
	}
}
