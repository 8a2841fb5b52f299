package wechat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Credentials are an official account's AppID and AppSecret. The zero
// value means WeChat sharing is not configured.
type Credentials struct {
	AppID  string
	Secret string
	API    string // WeChat API base URL; "" = DefaultAPI (tests point it at httptest)
}

// Enabled reports whether both parts are set.
func (c Credentials) Enabled() bool { return c.AppID != "" && c.Secret != "" }

// CredentialsFromEnv reads PORTAL_WECHAT_APPID with PORTAL_WECHAT_SECRET or
// PORTAL_WECHAT_SECRET_FILE. Both unset is fine (sharing inside WeChat then
// uses the page's Open Graph tags); one without the other is an error that
// names the missing variable.
func CredentialsFromEnv(getenv func(string) string) (Credentials, error) {
	c := Credentials{AppID: strings.TrimSpace(getenv("PORTAL_WECHAT_APPID")), Secret: strings.TrimSpace(getenv("PORTAL_WECHAT_SECRET"))}
	if f := strings.TrimSpace(getenv("PORTAL_WECHAT_SECRET_FILE")); f != "" && c.Secret == "" {
		b, err := os.ReadFile(filepath.Clean(f))
		if err != nil {
			return c, fmt.Errorf("PORTAL_WECHAT_SECRET_FILE: cannot read %s", f)
		}
		c.Secret = strings.TrimSpace(string(b))
	}
	switch {
	case c.AppID == "" && c.Secret == "":
		return Credentials{}, nil
	case c.AppID == "":
		return c, errors.New("PORTAL_WECHAT_APPID must be set with PORTAL_WECHAT_SECRET")
	case c.Secret == "":
		return c, errors.New("PORTAL_WECHAT_SECRET (or PORTAL_WECHAT_SECRET_FILE) must be set with PORTAL_WECHAT_APPID")
	}
	return c, nil
}

// DefaultAPI is the WeChat server API base URL.
const DefaultAPI = "https://api.weixin.qq.com"

// Tickets fetches the jsapi_ticket (through an access token) and keeps it
// until shortly before it expires (7200 s). The cache is per process, as
// ARCHITECTURE.md allows for values any process can rebuild.
type Tickets struct {
	Creds  Credentials
	API    string // DefaultAPI when empty (tests point it at httptest)
	Client *http.Client
	Now    func() time.Time

	mu      sync.Mutex
	ticket  string
	expires time.Time
}

// Ticket returns a valid jsapi_ticket.
func (t *Tickets) Ticket(ctx context.Context) (string, error) {
	if !t.Creds.Enabled() {
		return "", errors.New("wechat: credentials not configured")
	}
	now := time.Now
	if t.Now != nil {
		now = t.Now
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ticket != "" && now().Before(t.expires) {
		return t.ticket, nil
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		apiError
	}
	q := url.Values{"grant_type": {"client_credential"}, "appid": {t.Creds.AppID}, "secret": {t.Creds.Secret}}
	if err := t.get(ctx, "/cgi-bin/token?"+q.Encode(), &tok); err != nil {
		return "", err
	}
	var tk struct {
		Ticket    string `json:"ticket"`
		ExpiresIn int    `json:"expires_in"`
		apiError
	}
	q = url.Values{"access_token": {tok.AccessToken}, "type": {"jsapi"}}
	if err := t.get(ctx, "/cgi-bin/ticket/getticket?"+q.Encode(), &tk); err != nil {
		return "", err
	}
	if tk.Ticket == "" {
		return "", errors.New("wechat: empty jsapi_ticket")
	}
	ttl := time.Duration(tk.ExpiresIn) * time.Second
	if ttl <= 0 || ttl > 2*time.Hour {
		ttl = 2 * time.Hour
	}
	t.ticket, t.expires = tk.Ticket, now().Add(ttl-5*time.Minute)
	return t.ticket, nil
}

type apiError struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

func (e apiError) err() error {
	if e.ErrCode != 0 {
		return fmt.Errorf("wechat: errcode %d: %s", e.ErrCode, e.ErrMsg)
	}
	return nil
}

func (t *Tickets) get(ctx context.Context, path string, v interface{ err() error }) error {
	base := t.API
	if base == "" {
		base = t.Creds.API
	}
	if base == "" {
		base = DefaultAPI
	}
	c := t.Client
	if c == nil {
		c = &http.Client{Timeout: 5 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		// *url.Error would print the URL, which carries the secret.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("wechat: %s %s: %w", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("wechat: status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 64<<10)).Decode(v); err != nil {
		return fmt.Errorf("wechat: %w", err)
	}
	return v.err()
}
