package gateway

import (
	"context"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/users"
)

// Notifier sends a personal notice to an account (usercenter.Notify).
type Notifier func(ctx context.Context, userID int64, kind, title, body, link string) error

// Service is the registry, the gateway and the health checker. Build it
// once per process (NewService); it is safe for concurrent use.
type Service struct {
	St    *models.Store
	Apps  *apps.Service
	Guard *Guard
	Now   func() time.Time // nil = time.Now
	// CacheTTL is how long an interface or app read from the database is
	// reused by the gateway (1 s default): a change made through any
	// process applies everywhere within it.
	CacheTTL time.Duration

	master   []byte
	client   *http.Client
	limiter  *limiter
	breakers *breakers
	calls    *callLog
	ifaces   ttlCache[Interface]
	appsByID ttlCache[apps.App]
	cidrs    sync.Map // whitelist text → []*net.IPNet
	// Notify alerts an app owner (usercenter.Notify); nil sends nothing.
	Notify Notifier
	// Email also mails an app owner who gave an email address; nil = none.
	Email users.Notifier
}

// NewService builds the service over the portal secret (≥ 32 bytes).
func NewService(st *models.Store, secret []byte, guard *Guard) (*Service, error) {
	as, err := apps.NewService(st, secret, nil)
	if err != nil {
		return nil, err
	}
	if guard == nil {
		guard = &Guard{}
	}
	s := &Service{St: st, Apps: as, Guard: guard, CacheTTL: time.Second,
		master: apps.HMACSM3(secret, []byte("zwfw/gateway/sm4-master/v1"))[:16]}
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	s.client = &http.Client{Transport: &http.Transport{DialContext: guard.DialContext(dialer), MaxIdleConns: 512,
		MaxIdleConnsPerHost: 128, IdleConnTimeout: 90 * time.Second, TLSHandshakeTimeout: 5 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second, DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	s.limiter = newLimiter(st)
	s.breakers = newBreakers()
	s.calls = newCallLog(st)
	return s, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// sealAD binds a sealed secret to its interface code.
func sealAD(code string) []byte { return []byte("interface-secret:" + code) }

// SealSecret encrypts an upstream credential with SM4-GCM under the
// master key (8.3.4.4: 接口鉴权密钥需加密存储).
func (s *Service) SealSecret(code, secret string) (string, error) {
	b, err := gmcrypto.SealSM4(s.master, []byte(secret), sealAD(code))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

// openSecret decrypts an interface's upstream credential.
func (s *Service) openSecret(i Interface) (string, error) {
	if i.SecretSealed == "" {
		return "", nil
	}
	raw, err := base64.StdEncoding.DecodeString(i.SecretSealed)
	if err != nil {
		return "", errors.New("gateway: sealed secret is not base64")
	}
	b, err := gmcrypto.OpenSM4(s.master, raw, sealAD(i.Code))
	return string(b), err
}

// Close writes the calls still queued and stops the call-log writer.
func (s *Service) Close() { s.calls.close() }

// Flush waits until every call logged so far is written (tests, shutdown).
func (s *Service) Flush() error { return s.calls.flush() }

// ttlCache is a small read-through cache with expiry.
type ttlCache[T any] struct {
	mu sync.RWMutex
	m  map[string]cached[T]
}

type cached[T any] struct {
	v   T
	exp time.Time
}

func (c *ttlCache[T]) get(key string, now time.Time) (T, bool) {
	c.mu.RLock()
	e, ok := c.m[key]
	c.mu.RUnlock()
	if !ok || now.After(e.exp) {
		var zero T
		return zero, false
	}
	return e.v, true
}

func (c *ttlCache[T]) put(key string, v T, exp time.Time) {
	c.mu.Lock()
	if c.m == nil || len(c.m) > 10000 {
		c.m = map[string]cached[T]{}
	}
	c.m[key] = cached[T]{v, exp}
	c.mu.Unlock()
}

func (c *ttlCache[T]) drop(key string) {
	c.mu.Lock()
	delete(c.m, key)
	c.mu.Unlock()
}
