package apps

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"

	"github.com/zwfw/portal/models/gmcrypto"
)

// KeyRing holds the keys derived from the portal secret
// (handlers.Options.SecretKey). The master key seals every app's SM4 key at
// rest; rotating the portal secret therefore needs the sealed keys re-sealed
// (the pseudonyms do not change: they use each app's own salt).
type KeyRing struct {
	master []byte // 16 bytes
}

// NewKeyRing derives the keys from the portal secret (≥ 32 bytes).
func NewKeyRing(secret []byte) (*KeyRing, error) {
	if len(secret) < 32 {
		return nil, errors.New("apps: the portal secret must be at least 32 bytes")
	}
	return &KeyRing{master: HMACSM3(secret, []byte("zwfw/apps/sm4-master/v1"))[:16]}, nil
}

// additional data binds a sealed key to its app so a sealed key copied to
// another row does not open.
func sealAD(appID int64) []byte { return []byte("app-sm4-key:" + strconv.FormatInt(appID, 10)) }

// SealAppKey encrypts an app's SM4 key for storage.
func (k *KeyRing) SealAppKey(appID int64, key []byte) (string, error) {
	sealed, err := gmcrypto.SealSM4(k.master, key, sealAD(appID))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sealed), nil
}

// OpenAppKey decrypts a sealed SM4 key.
func (k *KeyRing) OpenAppKey(appID int64, sealed string) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil || sealed == "" {
		return nil, errors.New("apps: the app has no SM4 key")
	}
	return gmcrypto.OpenSM4(k.master, raw, sealAD(appID))
}

// HMACSM3 is HMAC (RFC 2104) over SM3, whose block size is 64 bytes.
// gmcrypto exposes SM3 as a one-shot function, so the two passes are
// written out here.
func HMACSM3(key, msg []byte) []byte {
	const block = 64
	if len(key) > block {
		key = gmcrypto.SM3(key)
	}
	k := make([]byte, block)
	copy(k, key)
	inner := make([]byte, 0, block+len(msg))
	outer := make([]byte, 0, block+32)
	for _, b := range k {
		inner = append(inner, b^0x36)
		outer = append(outer, b^0x5c)
	}
	inner = append(inner, msg...)
	return gmcrypto.SM3(append(outer, gmcrypto.SM3(inner)...))
}

// Pseudonym is the per-app pseudonymous user id: the same user gets the
// same id in one app and unrelated ids in two apps, so apps cannot join
// their records on it.
func Pseudonym(salt string, userID int64) string {
	return hex.EncodeToString(HMACSM3([]byte(salt), []byte("user:"+strconv.FormatInt(userID, 10))))[:32]
}

// randomToken returns n random bytes, base64url without padding.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// newAppKey returns a fresh public app_id: "zwa" and 16 hex digits.
func newAppKey() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "zwa" + hex.EncodeToString(b)
}

// hashSecret is how tickets and tokens are stored: their SM3 in hex.
func hashSecret(s string) string { return gmcrypto.SM3Hex([]byte(s)) }
