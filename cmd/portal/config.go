package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/zwfw/portal/models/wechat"
)

// Config is read once, from the environment only (ARCHITECTURE.md §3).
type Config struct {
	Addr            string        // PORTAL_ADDR
	DatabaseURL     string        // DATABASE_URL; empty → embedded SQLite
	DataDir         string        // PORTAL_DATA_DIR
	Env             string        // PORTAL_ENV: dev | prod
	SiteName        string        // PORTAL_SITE_NAME
	SecretKey       []byte        // PORTAL_SECRET_KEY or PORTAL_SECRET_KEY_FILE
	LogLevel        slog.Level    // PORTAL_LOG_LEVEL
	LogFormat       string        // PORTAL_LOG_FORMAT: text | json
	BodyLimit       string        // PORTAL_BODY_LIMIT
	UploadLimit     string        // PORTAL_UPLOAD_LIMIT
	BlobDir         string        // PORTAL_BLOB_DIR
	PostPerMinuteIP int           // PORTAL_POST_RATE
	TrustProxy      bool          // PORTAL_TRUST_PROXY
	ShutdownTimeout time.Duration // PORTAL_SHUTDOWN_TIMEOUT
	AutoMigrate     bool          // PORTAL_AUTO_MIGRATE (dev default true)
	DemoData        bool          // PORTAL_DEMO_DATA (dev default true)
	DebugAddr       string        // PORTAL_DEBUG_ADDR: loopback listener for net/http/pprof; empty = off

	GatewayAllowHosts []string // PORTAL_GATEWAY_ALLOW_HOSTS: source hosts the gateway may reach on internal networks

	WeChat wechat.Credentials // PORTAL_WECHAT_APPID + PORTAL_WECHAT_SECRET(_FILE): WeChat JS-SDK sharing (handlers/share.go)

	// getenv stays available for adapters with their own variables
	// (PORTAL_SMTP_*, PORTAL_ARGON2), read once when serve starts.
	getenv func(string) string
}

// Prod reports whether the portal runs in production mode.
func (c Config) Prod() bool { return c.Env == "prod" }

// configVars documents every variable for README.md and `portal help`.
var configVars = [][3]string{
	{"PORTAL_ADDR", ":8080", "listen address"},
	{"DATABASE_URL", "(empty)", "postgres://… to use PostgreSQL; empty opens the embedded SQLite file"},
	{"PORTAL_DATA_DIR", "./data", "SQLite file, development secret key and uploaded files"},
	{"PORTAL_ENV", "dev", "dev or prod; prod refuses development keys and test adapters and requires a current schema"},
	{"PORTAL_SITE_NAME", "中国政务服务", "full name shown in every page header (C 0103 5.1)"},
	{"PORTAL_SECRET_KEY", "(generated in dev)", "at least 32 characters; signs and encrypts sessions. Required in prod"},
	{"PORTAL_SECRET_KEY_FILE", "", "file holding the secret key, instead of PORTAL_SECRET_KEY"},
	{"PORTAL_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"PORTAL_LOG_FORMAT", "text", "text or json"},
	{"PORTAL_BODY_LIMIT", "2M", "largest request body accepted (413 above it)"},
	{"PORTAL_UPLOAD_LIMIT", "32M", "largest file-upload (multipart) request accepted"},
	{"PORTAL_BLOB_DIR", "$PORTAL_DATA_DIR/blobs", "directory of uploaded files; share it (NFS) between processes of one portal"},
	{"PORTAL_POST_RATE", "120", "POST requests per minute per client IP (0 disables)"},
	{"PORTAL_TRUST_PROXY", "false", "take the client IP from X-Forwarded-For (behind a reverse proxy only)"},
	{"PORTAL_GATEWAY_ALLOW_HOSTS", "(empty)", "hosts (names or addresses, comma separated) the interface gateway may reach although they resolve to loopback or private networks"},
	{"PORTAL_WECHAT_APPID", "(empty)", "WeChat official account AppID: signs the JS-SDK config so pages shared in WeChat show their title and image"},
	{"PORTAL_WECHAT_SECRET", "(empty)", "the official account's AppSecret (set with PORTAL_WECHAT_APPID)"},
	{"PORTAL_WECHAT_SECRET_FILE", "", "a file holding the AppSecret, instead of PORTAL_WECHAT_SECRET"},
	{"PORTAL_SHUTDOWN_TIMEOUT", "10s", "how long in-flight requests may finish after SIGTERM"},
	{"PORTAL_AUTO_MIGRATE", "true in dev, false in prod", "migrate the schema when serve starts"},
	{"PORTAL_DEMO_DATA", "true in dev, false in prod", "load demo data into an empty database when serve starts"},
	{"PORTAL_DEBUG_ADDR", "(empty)", "loopback host:port serving /debug/pprof/ (goroutines, heap) for operators; empty = off"},
}

// loadConfig validates every variable and returns one clear error line for
// the first bad value.
func loadConfig(getenv func(string) string) (Config, error) {
	get := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		getenv:      getenv,
		Addr:        get("PORTAL_ADDR", ":8080"),
		DatabaseURL: get("DATABASE_URL", ""),
		DataDir:     get("PORTAL_DATA_DIR", "./data"),
		Env:         get("PORTAL_ENV", "dev"),
		SiteName:    get("PORTAL_SITE_NAME", "中国政务服务"),
		LogFormat:   get("PORTAL_LOG_FORMAT", "text"),
		BodyLimit:   get("PORTAL_BODY_LIMIT", "2M"),
		UploadLimit: get("PORTAL_UPLOAD_LIMIT", "32M"),
	}
	c.BlobDir = get("PORTAL_BLOB_DIR", filepath.Join(c.DataDir, "blobs"))
	c.GatewayAllowHosts = strings.Fields(strings.ReplaceAll(get("PORTAL_GATEWAY_ALLOW_HOSTS", ""), ",", " "))
	if c.Env != "dev" && c.Env != "prod" {
		return c, fmt.Errorf("PORTAL_ENV must be dev or prod, got %q", c.Env)
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return c, fmt.Errorf("PORTAL_ADDR must be host:port such as :8080, got %q", c.Addr)
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return c, fmt.Errorf("DATABASE_URL must start with postgres:// (leave it empty for the embedded SQLite database)")
	}
	switch strings.ToLower(get("PORTAL_LOG_LEVEL", "info")) {
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "info":
		c.LogLevel = slog.LevelInfo
	case "warn":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		return c, fmt.Errorf("PORTAL_LOG_LEVEL must be debug, info, warn or error, got %q", getenv("PORTAL_LOG_LEVEL"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("PORTAL_LOG_FORMAT must be text or json, got %q", c.LogFormat)
	}
	if !validSize(c.BodyLimit) {
		return c, fmt.Errorf("PORTAL_BODY_LIMIT must be a size such as 2M or 512K, got %q", c.BodyLimit)
	}
	if !validSize(c.UploadLimit) {
		return c, fmt.Errorf("PORTAL_UPLOAD_LIMIT must be a size such as 32M, got %q", c.UploadLimit)
	}
	var err error
	if c.PostPerMinuteIP, err = strconv.Atoi(get("PORTAL_POST_RATE", "120")); err != nil || c.PostPerMinuteIP < 0 {
		return c, fmt.Errorf("PORTAL_POST_RATE must be a whole number ≥ 0, got %q", getenv("PORTAL_POST_RATE"))
	}
	if c.TrustProxy, err = parseBool(get("PORTAL_TRUST_PROXY", "false")); err != nil {
		return c, fmt.Errorf("PORTAL_TRUST_PROXY must be true or false, got %q", getenv("PORTAL_TRUST_PROXY"))
	}
	if c.ShutdownTimeout, err = time.ParseDuration(get("PORTAL_SHUTDOWN_TIMEOUT", "10s")); err != nil || c.ShutdownTimeout <= 0 {
		return c, fmt.Errorf("PORTAL_SHUTDOWN_TIMEOUT must be a duration such as 10s, got %q", getenv("PORTAL_SHUTDOWN_TIMEOUT"))
	}
	devDefault := strconv.FormatBool(!c.Prod())
	if c.AutoMigrate, err = parseBool(get("PORTAL_AUTO_MIGRATE", devDefault)); err != nil {
		return c, fmt.Errorf("PORTAL_AUTO_MIGRATE must be true or false, got %q", getenv("PORTAL_AUTO_MIGRATE"))
	}
	if c.DemoData, err = parseBool(get("PORTAL_DEMO_DATA", devDefault)); err != nil {
		return c, fmt.Errorf("PORTAL_DEMO_DATA must be true or false, got %q", getenv("PORTAL_DEMO_DATA"))
	}
	if c.DebugAddr, err = debugAddr(get("PORTAL_DEBUG_ADDR", "")); err != nil {
		return c, err
	}
	if c.WeChat, err = wechat.CredentialsFromEnv(getenv); err != nil {
		return c, err
	}
	if c.SecretKey, err = secretKey(getenv, c); err != nil {
		return c, err
	}
	return c, nil
}

// secretKey reads the key from the environment or a file. In dev only, a key
// is generated once and kept in the data directory (never in the repo).
func secretKey(getenv func(string) string, c Config) ([]byte, error) {
	if k := getenv("PORTAL_SECRET_KEY"); k != "" {
		if len(k) < 32 {
			return nil, errors.New("PORTAL_SECRET_KEY must be at least 32 characters")
		}
		return []byte(k), nil
	}
	if f := getenv("PORTAL_SECRET_KEY_FILE"); f != "" {
		b, err := os.ReadFile(filepath.Clean(f))
		if err != nil {
			return nil, fmt.Errorf("PORTAL_SECRET_KEY_FILE: cannot read %s", f)
		}
		k := strings.TrimSpace(string(b))
		if len(k) < 32 {
			return nil, errors.New("PORTAL_SECRET_KEY_FILE must hold at least 32 characters")
		}
		return []byte(k), nil
	}
	if c.Prod() {
		return nil, errors.New("PORTAL_ENV=prod needs PORTAL_SECRET_KEY or PORTAL_SECRET_KEY_FILE (development keys are refused)")
	}
	path := filepath.Join(c.DataDir, "dev-secret.key")
	if b, err := os.ReadFile(filepath.Clean(path)); err == nil && len(b) >= 32 {
		return b, nil
	}
	if err := os.MkdirAll(c.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("PORTAL_DATA_DIR %s cannot be created: %v", c.DataDir, err)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	k := []byte(hex.EncodeToString(b))
	if err := os.WriteFile(path, k, 0o600); err != nil {
		return nil, fmt.Errorf("cannot write development key to %s: %v", path, err)
	}
	return k, nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, errors.New("not a boolean")
}

func validSize(s string) bool {
	if s == "" {
		return false
	}
	num := strings.TrimRight(strings.ToUpper(s), "KMGB")
	n, err := strconv.Atoi(num)
	return err == nil && n > 0
}

// debugAddr accepts only a loopback address: pprof shows memory contents
// (heap profiles, command line) and must never face the network.
func debugAddr(addr string) (string, error) {
	if addr == "" {
		return "", nil
	}
	host, _, err := net.SplitHostPort(addr)
	ip := net.ParseIP(host)
	if err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
		return "", fmt.Errorf("PORTAL_DEBUG_ADDR must be a loopback host:port such as 127.0.0.1:6060, got %q", addr)
	}
	return addr, nil
}
