package apps

import (
	"context"
	"encoding/base64"
	"errors"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gmcrypto"
)

// Request is a web-service call as the app's back end sent it (8.3.4.4).
type Request struct {
	Method    string
	Path      string // URL path without the query
	Body      []byte
	AppKey    string // X-App-Id ("" = whitelist call; the body names the app)
	Timestamp string // X-Timestamp, Unix seconds
	Nonce     string // X-Nonce
	Signature string // X-Signature, base64 of the DER SM2 signature
	RemoteIP  net.IP
}

// CanonicalString is what an app signs: METHOD, PATH, TIMESTAMP, NONCE and
// the lower-case hex SM3 of the body, joined by "\n" (no trailing newline).
func CanonicalString(method, path, timestamp, nonce string, body []byte) string {
	return strings.ToUpper(method) + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + gmcrypto.SM3Hex(body)
}

var nonceRe = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

// Authenticate checks a call by SM2 signature (8.3.4.4 a) or, when it
// carries no signature, by the app's CIDR whitelist (8.3.4.4 b), and returns
// the calling app. bodyAppKey is the app_id the JSON body names.
func (s *Service) Authenticate(ctx context.Context, r Request, bodyAppKey string) (App, error) {
	key := r.AppKey
	if key == "" {
		key = bodyAppKey
	}
	if key == "" {
		return App{}, ErrBadRequest
	}
	if r.AppKey != "" && bodyAppKey != "" && r.AppKey != bodyAppKey {
		return App{}, ErrAppMismatch
	}
	app, err := ByKey(ctx, s.St, key)
	if errors.Is(err, models.ErrNotFound) {
		return App{}, ErrAppUnknown
	}
	if err != nil {
		return App{}, err
	}
	if r.Signature == "" && r.Timestamp == "" {
		if !inWhitelist(app.WhitelistCIDRs(), r.RemoteIP) {
			return App{}, ErrAuthRequired
		}
	} else if err := s.checkSignature(ctx, app, r); err != nil {
		return App{}, err
	}
	if !app.Serving() {
		return App{}, ErrAppOffline
	}
	return app, nil
}

// checkSignature verifies timestamp, signature and nonce, in that order:
// the nonce is recorded only for a genuine request, so nobody can burn an
// app's nonces without its private key.
func (s *Service) checkSignature(ctx context.Context, app App, r Request) error {
	if r.Signature == "" {
		return ErrAuthRequired
	}
	ts, err := strconv.ParseInt(r.Timestamp, 10, 64)
	if err != nil {
		return ErrTimestampStale
	}
	if d := s.now().Sub(time.Unix(ts, 0)); d > TimestampSkew || d < -TimestampSkew {
		return ErrTimestampStale
	}
	if !nonceRe.MatchString(r.Nonce) {
		return ErrNonceInvalid
	}
	sig, err := base64.StdEncoding.DecodeString(r.Signature)
	if err != nil || app.SM2PublicKey == "" {
		return ErrSignatureInvalid
	}
	pub, err := s.publicKey(app.SM2PublicKey)
	if err != nil {
		return ErrSignatureInvalid
	}
	if !pub.Verify([]byte(CanonicalString(r.Method, r.Path, r.Timestamp, r.Nonce, r.Body)), sig) {
		return ErrSignatureInvalid
	}
	return s.useNonce(ctx, app.ID, r.Nonce)
}

// useNonce records a nonce. A row older than the retention window is
// taken over (its request's timestamp is long stale anyway), so the table
// needs no purge to stay correct; Purge keeps it small.
func (s *Service) useNonce(ctx context.Context, appID int64, nonce string) error {
	now := s.now()
	res := s.St.DB.WithContext(ctx).Exec(`INSERT INTO app_nonces (app_id, nonce, seen_at) VALUES (?, ?, ?)
		ON CONFLICT (app_id, nonce) DO UPDATE SET seen_at = excluded.seen_at WHERE app_nonces.seen_at < ?`,
		appID, nonce, now, now.Add(-NonceRetention))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNonceReused
	}
	return nil
}

func inWhitelist(cidrs []string, ip net.IP) bool {
	if ip == nil {
		return false
	}
	for _, c := range cidrs {
		if _, n, err := net.ParseCIDR(c); err == nil && n.Contains(ip) {
			return true
		}
		if one := net.ParseIP(c); one != nil && one.Equal(ip) {
			return true
		}
	}
	return false
}

// Purge deletes expired tickets, tokens and nonces; call it periodically.
func (s *Service) Purge(ctx context.Context) error {
	now := s.now()
	db := s.St.DB.WithContext(ctx)
	if err := db.Exec("DELETE FROM app_nonces WHERE seen_at < ?", now.Add(-NonceRetention)).Error; err != nil {
		return err
	}
	// Used and expired tickets are kept a day so a replay still gets
	// ticket_used rather than ticket_invalid.
	if err := db.Exec("DELETE FROM app_tickets WHERE expires_at < ?", now.Add(-24*time.Hour)).Error; err != nil {
		return err
	}
	return db.Exec("DELETE FROM app_tokens WHERE expires_at < ?", now.Add(-24*time.Hour)).Error
}
