package gateway

import (
	"context"
	"errors"
	"net"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/gmcrypto"
)

// authenticate identifies the consumer app per the interface's mode
// (8.3.4.4). SM2 calls go through apps.Service.Authenticate: the same
// headers and canonical string as the JSSDK web service
// (models/apps/sdk/PROTOCOL.md §3.1), nonces held in the database. A
// whitelist call needs no signature: its source address must be in the
// app's whitelist, which is checked from a cached app so that no
// signature or database round trip sits on that path.
func (s *Service) authenticate(ctx context.Context, it Interface, c Call) (apps.App, *Failure) {
	if c.AppKey == "" {
		return apps.App{}, ErrAppID
	}
	if it.Auth == AuthSM2 {
		if c.Signature == "" {
			return apps.App{}, ErrSignatureMissing
		}
		app, err := s.Apps.Authenticate(ctx, apps.Request{Method: c.Method, Path: c.Path, Body: c.Body, AppKey: c.AppKey,
			Timestamp: c.Timestamp, Nonce: c.Nonce, Signature: c.Signature, RemoteIP: c.RemoteIP}, "")
		return app, authFailure(err)
	}
	app, err := s.appByKey(ctx, c.AppKey)
	if err != nil {
		return app, authFailure(err)
	}
	if !s.whitelisted(app, c.RemoteIP) {
		return app, ErrNotWhitelisted
	}
	if !app.Serving() {
		return app, ErrAppOffline
	}
	return app, nil
}

func authFailure(err error) *Failure {
	var ae *apps.APIError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, models.ErrNotFound):
		return ErrAppUnknown
	case !errors.As(err, &ae):
		return ErrInternal
	}
	switch ae {
	case apps.ErrAppUnknown:
		return ErrAppUnknown
	case apps.ErrAppOffline:
		return ErrAppOffline
	case apps.ErrTimestampStale:
		return ErrTimestamp
	case apps.ErrNonceInvalid:
		return ErrNonce
	case apps.ErrNonceReused:
		return ErrNonceReused
	case apps.ErrAuthRequired:
		return ErrSignatureMissing
	}
	return ErrSignature
}

func (s *Service) appByKey(ctx context.Context, key string) (apps.App, error) {
	now := s.now()
	if a, ok := s.appsByID.get(key, now); ok {
		if a.ID == 0 {
			return a, models.ErrNotFound
		}
		return a, nil
	}
	a, err := apps.ByKey(ctx, s.St, key)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return a, err
	}
	s.appsByID.put(key, a, now.Add(s.CacheTTL))
	if a.ID == 0 {
		return a, models.ErrNotFound
	}
	return a, nil
}

// whitelisted checks ip against the app's whitelist (entries parsed once).
func (s *Service) whitelisted(app apps.App, ip net.IP) bool {
	if ip == nil {
		return false
	}
	var nets []*net.IPNet
	if v, ok := s.cidrs.Load(app.Whitelist); ok {
		nets = v.([]*net.IPNet)
	} else {
		for _, c := range app.WhitelistCIDRs() {
			if _, n, err := net.ParseCIDR(c); err == nil {
				nets = append(nets, n)
			} else if one := net.ParseIP(c); one != nil {
				bits := 8 * len(one.To16())
				if v4 := one.To4(); v4 != nil {
					one, bits = v4, 32
				}
				nets = append(nets, &net.IPNet{IP: one, Mask: net.CIDRMask(bits, bits)})
			}
		}
		s.cidrs.Store(app.Whitelist, nets)
	}
	for _, n := range nets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// userToken resolves a JSSDK user token held by the consumer app: the
// call is then "using" that user's data and shows in their list. A token
// of another app, expired, or whose consent was revoked is refused.
func (s *Service) userToken(ctx context.Context, app apps.App, token string) (*int64, *Failure) {
	if token == "" {
		return nil, nil
	}
	var t struct {
		AppID     int64
		UserID    int64
		CreatedAt time.Time
		ExpiresAt time.Time
		GrantedAt *time.Time
		RevokedAt *time.Time
	}
	err := s.St.DB.WithContext(ctx).Raw(`SELECT t.app_id, t.user_id, t.created_at, t.expires_at, c.granted_at, c.revoked_at
		FROM app_tokens t LEFT JOIN app_consents c ON c.user_id = t.user_id AND c.app_id = t.app_id
		WHERE t.token_hash = ?`, gmcrypto.SM3Hex([]byte(token))).Scan(&t).Error
	if err != nil {
		return nil, ErrInternal
	}
	if t.UserID == 0 || t.AppID != app.ID || !s.now().Before(t.ExpiresAt) || t.GrantedAt == nil || t.RevokedAt != nil ||
		t.GrantedAt.After(t.CreatedAt) {
		return nil, ErrToken
	}
	return &t.UserID, nil
}
