// Package sdk is the requester side of the portal's identity hand-off (C
// 0103 8.3.2.1 d–e, 8.3.4.4): an app's back end uses it to sign web-service
// calls with its SM2 key, exchange a ticket for a token, fetch the
// SM4-GCM encrypted user information and decrypt it. PROTOCOL.md beside
// this file specifies the wire format with test vectors for other
// languages. It imports only the standard library and models/gmcrypto.
package sdk

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zwfw/portal/models/gmcrypto"
)

// Paths of the web service.
const (
	PathVerify   = "/api/v1/jssdk/ticket/verify"
	PathUserInfo = "/api/v1/jssdk/token/userinfo"
)

// Client calls the portal for one app.
type Client struct {
	BaseURL    string            // the portal's origin, e.g. https://portal.example
	AppID      string            // the app_id the portal issued
	PrivateKey *gmcrypto.KeyPair // the SM2 key whose public half is registered; nil = whitelist calls
	SM4Key     []byte            // the 16-byte key the portal showed once
	HTTP       *http.Client      // nil = http.DefaultClient
	Now        func() time.Time  // nil = time.Now
}

// Grant is the answer to a ticket verification.
type Grant struct {
	Token      string `json:"token"`
	ExpiresIn  int    `json:"expires_in"`
	TrustLevel int    `json:"trust_level"`
}

// UserInfo is the decrypted user information.
type UserInfo struct {
	UserID     string `json:"user_id"` // pseudonymous, stable for this app only
	Name       string `json:"name"`
	IDType     string `json:"id_type"` // 111 = 居民身份证
	IDNumber   string `json:"id_number"`
	Mobile     string `json:"mobile"`
	TrustLevel int    `json:"trust_level"`
	UserType   string `json:"user_type"` // natural | legal
	OrgName    string `json:"org_name,omitempty"`
	CreditCode string `json:"credit_code,omitempty"`
	AppID      string `json:"app_id"`
	IssuedAt   int64  `json:"iat"`
}

// Error is a refusal by the portal, with its stable code.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("portal refused (%d %s): %s", e.Status, e.Code, e.Message)
}

// Canonical is the string an app signs: METHOD\nPATH\nTIMESTAMP\nNONCE\nhex(SM3(body)).
func Canonical(method, path string, timestamp int64, nonce string, body []byte) string {
	return strings.ToUpper(method) + "\n" + path + "\n" + strconv.FormatInt(timestamp, 10) + "\n" + nonce + "\n" +
		hex.EncodeToString(gmcrypto.SM3(body))
}

// NewNonce returns 16 random bytes as 32 hex digits.
func NewNonce() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// SignAt returns the authentication headers for a call at timestamp with nonce.
func (c *Client) SignAt(method, path string, body []byte, timestamp int64, nonce string) (http.Header, error) {
	h := http.Header{}
	h.Set("X-App-Id", c.AppID)
	if c.PrivateKey == nil {
		return h, nil
	}
	sig, err := c.PrivateKey.Sign([]byte(Canonical(method, path, timestamp, nonce, body)))
	if err != nil {
		return nil, err
	}
	h.Set("X-Timestamp", strconv.FormatInt(timestamp, 10))
	h.Set("X-Nonce", nonce)
	h.Set("X-Signature", base64.StdEncoding.EncodeToString(sig))
	return h, nil
}

// Sign returns the headers for a call now with a fresh nonce.
func (c *Client) Sign(method, path string, body []byte) (http.Header, error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return c.SignAt(method, path, body, now().Unix(), NewNonce())
}

// call POSTs a JSON body to path, signed, and decodes the answer into out.
func (c *Client) call(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	h, err := c.Sign(http.MethodPost, path, body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(c.BaseURL, "/")+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header = h
	req.Header.Set("Content-Type", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		var e struct{ Code, Message string }
		_ = json.Unmarshal(raw, &e)
		return &Error{Status: res.StatusCode, Code: e.Code, Message: e.Message}
	}
	return json.Unmarshal(raw, out)
}

// VerifyTicket exchanges a ticket from the JSSDK for a token.
func (c *Client) VerifyTicket(ctx context.Context, ticket string) (Grant, error) {
	var g Grant
	err := c.call(ctx, PathVerify, map[string]string{"app_id": c.AppID, "ticket": ticket}, &g)
	return g, err
}

// Sealed is the encrypted userinfo answer.
type Sealed struct {
	Alg  string `json:"alg"`
	Data string `json:"data"`
}

// FetchUserInfo returns the encrypted user information behind token.
func (c *Client) FetchUserInfo(ctx context.Context, token string) (Sealed, error) {
	var s Sealed
	err := c.call(ctx, PathUserInfo, map[string]string{"app_id": c.AppID, "token": token}, &s)
	return s, err
}

// UserInfo fetches and decrypts the user information behind token.
func (c *Client) UserInfo(ctx context.Context, token string) (UserInfo, error) {
	s, err := c.FetchUserInfo(ctx, token)
	if err != nil {
		return UserInfo{}, err
	}
	return Decrypt(c.SM4Key, s)
}

// Exchange runs the whole hand-off for a ticket: verify, then userinfo.
func (c *Client) Exchange(ctx context.Context, ticket string) (UserInfo, error) {
	g, err := c.VerifyTicket(ctx, ticket)
	if err != nil {
		return UserInfo{}, err
	}
	return c.UserInfo(ctx, g.Token)
}

// ErrAlg is returned for an answer in an algorithm this SDK does not know.
var ErrAlg = errors.New("sdk: unsupported alg")

// Decrypt opens a userinfo answer: base64(12-byte nonce ‖ SM4-GCM ciphertext
// and 16-byte tag), no additional data.
func Decrypt(key []byte, s Sealed) (UserInfo, error) {
	if s.Alg != "SM4-GCM" {
		return UserInfo{}, ErrAlg
	}
	raw, err := base64.StdEncoding.DecodeString(s.Data)
	if err != nil {
		return UserInfo{}, fmt.Errorf("sdk: data is not base64: %w", err)
	}
	plain, err := gmcrypto.OpenSM4(key, raw, nil)
	if err != nil {
		return UserInfo{}, err
	}
	var u UserInfo
	return u, json.Unmarshal(plain, &u)
}
