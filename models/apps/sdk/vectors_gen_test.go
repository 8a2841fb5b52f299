//go:build vectorgen

package sdk

import (
	"crypto/cipher"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	esm4 "github.com/emmansun/gmsm/sm4"

	"github.com/zwfw/portal/models/gmcrypto"
)

// TestGenerateVectors writes testdata/vectors.json once:
//
//	go test -tags vectorgen -run TestGenerateVectors ./models/apps/sdk
//
// The SM2 key is new each run, so the file is written once and kept; the
// SM4-GCM ciphertext is deterministic (fixed key and nonce) and made with
// the independent implementation.
func TestGenerateVectors(t *testing.T) {
	kp, err := gmcrypto.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	priv, _ := kp.PrivateKeyPEM()
	pub, _ := kp.PublicKeyPEM()
	v := Vectors{PrivateKeyPEM: string(priv), PublicKeyPEM: string(pub), AppID: "zwa0123456789abcdef", Method: "POST",
		Path: PathVerify, Timestamp: 1767225600, Nonce: "4f1c2a9e7b3d5f60a1b2c3d4e5f60718",
		Body:   `{"app_id":"zwa0123456789abcdef","ticket":"tk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`,
		SM4Key: "0123456789abcdeffedcba9876543210", GCMNonce: "000102030405060708090a0b",
		Plaintext: `{"user_id":"5d41402abc4b2a76b9719d911017c592","name":"张三","id_type":"111","id_number":"11010519491231002X","mobile":"13800138000","trust_level":3,"user_type":"natural","app_id":"zwa0123456789abcdef","iat":1767225600}`}
	v.SM3Hex = hex.EncodeToString(gmcrypto.SM3([]byte(v.Body)))
	v.Canonical = Canonical(v.Method, v.Path, v.Timestamp, v.Nonce, []byte(v.Body))
	sig, err := kp.Sign([]byte(v.Canonical))
	if err != nil {
		t.Fatal(err)
	}
	v.Signature = base64.StdEncoding.EncodeToString(sig)
	key, _ := hex.DecodeString(v.SM4Key)
	nonce, _ := hex.DecodeString(v.GCMNonce)
	block, _ := esm4.NewCipher(key)
	aead, _ := cipher.NewGCM(block)
	v.Data = base64.StdEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(v.Plaintext), nil))
	out, _ := json.MarshalIndent(v, "", "  ")
	if err := os.WriteFile("testdata/vectors.json", append(out, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
