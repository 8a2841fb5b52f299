package sdk

import (
	"bytes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"strings"
	"testing"

	esm2 "github.com/emmansun/gmsm/sm2"
	esm3 "github.com/emmansun/gmsm/sm3"
	esm4 "github.com/emmansun/gmsm/sm4"
	"github.com/emmansun/gmsm/smx509"

	"github.com/zwfw/portal/models/gmcrypto"
)

// These tests check the SDK (over tjfoc/gmsm, through models/gmcrypto)
// against an independent SM2/SM3/SM4 implementation, emmansun/gmsm, which
// is used only here.

func loadVectors(t *testing.T) Vectors {
	t.Helper()
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v Vectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func emmansunPublic(t *testing.T, pemText string) *ecdsa.PublicKey {
	t.Helper()
	b, _ := pem.Decode([]byte(pemText))
	k, err := smx509.ParsePKIXPublicKey(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(*ecdsa.PublicKey)
}

func emmansunPrivate(t *testing.T, pemText string) *esm2.PrivateKey {
	t.Helper()
	b, _ := pem.Decode([]byte(pemText))
	k, err := smx509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(*esm2.PrivateKey)
}

func TestVectorCanonicalStringAndSM3(t *testing.T) {
	v := loadVectors(t)
	if got := Canonical(v.Method, v.Path, v.Timestamp, v.Nonce, []byte(v.Body)); got != v.Canonical {
		t.Fatalf("canonical = %q, want %q", got, v.Canonical)
	}
	ind := esm3.Sum([]byte(v.Body))
	if hex.EncodeToString(ind[:]) != v.SM3Hex || hex.EncodeToString(gmcrypto.SM3([]byte(v.Body))) != v.SM3Hex {
		t.Fatal("SM3 of the body differs between implementations or from the vector")
	}
	// GB/T 32905-2016 A.2: the 64-byte message, both implementations.
	msg := bytes.Repeat([]byte("abcd"), 16)
	want := "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
	e := esm3.Sum(msg)
	if hex.EncodeToString(e[:]) != want || gmcrypto.SM3Hex(msg) != want {
		t.Fatal("SM3 standard vector A.2 failed")
	}
}

func TestVectorSignatureVerifiesInBothImplementations(t *testing.T) {
	v := loadVectors(t)
	sig, _ := base64.StdEncoding.DecodeString(v.Signature)
	pub, err := gmcrypto.ParsePublicKeyPEM([]byte(v.PublicKeyPEM))
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Verify([]byte(v.Canonical), sig) {
		t.Fatal("tjfoc/gmsm rejects the vector signature")
	}
	if !esm2.VerifyASN1WithSM2(emmansunPublic(t, v.PublicKeyPEM), nil, []byte(v.Canonical), sig) {
		t.Fatal("emmansun/gmsm rejects the vector signature (default user id 1234567812345678)")
	}
	if esm2.VerifyASN1WithSM2(emmansunPublic(t, v.PublicKeyPEM), nil, []byte(v.Canonical+"x"), sig) {
		t.Fatal("signature accepted over another message")
	}
}

// A request signed by the SDK verifies with the independent library, and a
// signature made by the independent library verifies with the portal's.
func TestSignaturesCrossVerify(t *testing.T) {
	v := loadVectors(t)
	kp, err := gmcrypto.ParsePrivateKeyPEM([]byte(v.PrivateKeyPEM))
	if err != nil {
		t.Fatal(err)
	}
	c := &Client{AppID: v.AppID, PrivateKey: kp}
	h, err := c.SignAt(v.Method, v.Path, []byte(v.Body), v.Timestamp, v.Nonce)
	if err != nil {
		t.Fatal(err)
	}
	if h.Get("X-App-Id") != v.AppID || h.Get("X-Timestamp") != "1767225600" || h.Get("X-Nonce") != v.Nonce {
		t.Fatalf("headers = %v", h)
	}
	sig, _ := base64.StdEncoding.DecodeString(h.Get("X-Signature"))
	if !esm2.VerifyASN1WithSM2(emmansunPublic(t, v.PublicKeyPEM), nil, []byte(v.Canonical), sig) {
		t.Fatal("emmansun/gmsm rejects the SDK's signature")
	}
	priv := emmansunPrivate(t, v.PrivateKeyPEM)
	esig, err := priv.Sign(rand.Reader, []byte(v.Canonical), esm2.NewSM2SignerOption(true, nil))
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := gmcrypto.ParsePublicKeyPEM([]byte(v.PublicKeyPEM))
	if !pub.Verify([]byte(v.Canonical), esig) {
		t.Fatal("tjfoc/gmsm rejects emmansun/gmsm's signature")
	}
}

func TestVectorCiphertextDecrypts(t *testing.T) {
	v := loadVectors(t)
	key, _ := hex.DecodeString(v.SM4Key)
	info, err := Decrypt(key, Sealed{Alg: "SM4-GCM", Data: v.Data})
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "张三" || info.IDNumber != "11010519491231002X" || info.TrustLevel != 3 || info.AppID != v.AppID {
		t.Fatalf("decrypted %+v", info)
	}
	raw, _ := base64.StdEncoding.DecodeString(v.Data)
	if hex.EncodeToString(raw[:12]) != v.GCMNonce {
		t.Fatal("data does not start with the 12-byte nonce")
	}
	if _, err := Decrypt(key, Sealed{Alg: "AES-GCM", Data: v.Data}); err != ErrAlg {
		t.Fatal("unknown alg accepted")
	}
	raw[len(raw)-1] ^= 1
	if _, err := Decrypt(key, Sealed{Alg: "SM4-GCM", Data: base64.StdEncoding.EncodeToString(raw)}); err == nil {
		t.Fatal("tampered data decrypted")
	}
}

// The portal seals with tjfoc/gmsm; the independent SM4-GCM opens it.
func TestSM4GCMCrossImplementations(t *testing.T) {
	key := gmcrypto.NewSM4Key()
	sealed, err := gmcrypto.SealSM4(key, []byte(`{"name":"李四"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := esm4.NewCipher(key)
	aead, _ := cipher.NewGCM(block)
	plain, err := aead.Open(nil, sealed[:12], sealed[12:], nil)
	if err != nil || string(plain) != `{"name":"李四"}` {
		t.Fatalf("emmansun/gmsm cannot open the portal's SM4-GCM: %v", err)
	}
	// GB/T 32907-2016 A.1 with the independent cipher too.
	k, _ := hex.DecodeString("0123456789abcdeffedcba9876543210")
	out := make([]byte, 16)
	eb, _ := esm4.NewCipher(k)
	eb.Encrypt(out, k)
	if hex.EncodeToString(out) != "681edf34d206965e86b3e94f536e4246" {
		t.Fatal("SM4 standard vector failed")
	}
}

// PROTOCOL.md quotes the vectors: the document and the file must agree.
func TestProtocolDocumentQuotesTheVectors(t *testing.T) {
	v := loadVectors(t)
	doc, err := os.ReadFile("PROTOCOL.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{v.SM3Hex, v.Signature, v.Data, v.Nonce, v.SM4Key, v.GCMNonce,
		strings.TrimSpace(strings.Split(v.PublicKeyPEM, "\n")[1]), strings.ReplaceAll(v.Canonical, "\n", "\\n")} {
		if !bytes.Contains(doc, []byte(s)) {
			t.Errorf("PROTOCOL.md does not quote %q", s)
		}
	}
}
