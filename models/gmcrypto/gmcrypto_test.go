package gmcrypto

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/tjfoc/gmsm/sm4"
)

// GB/T 32905-2016 Appendix A.1: SM3("abc").
func TestSM3StandardVector(t *testing.T) {
	want := "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
	if got := SM3Hex([]byte("abc")); got != want {
		t.Fatalf("SM3(abc) = %s", got)
	}
}

// GB/T 32907-2016 Appendix A.1: one block, key = plaintext.
func TestSM4StandardVector(t *testing.T) {
	key, _ := hex.DecodeString("0123456789abcdeffedcba9876543210")
	want, _ := hex.DecodeString("681edf34d206965e86b3e94f536e4246")
	c, err := sm4.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 16)
	c.Encrypt(got, key)
	if !bytes.Equal(got, want) {
		t.Fatalf("SM4 = %x", got)
	}
}

func TestSM4GCMRoundTripAndTamper(t *testing.T) {
	key := NewSM4Key()
	sealed, err := SealSM4(key, []byte(`{"name":"张三"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := OpenSM4(key, sealed, nil)
	if err != nil || string(plain) != `{"name":"张三"}` {
		t.Fatalf("round trip: %q %v", plain, err)
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := OpenSM4(key, sealed, nil); err != ErrDecrypt {
		t.Fatal("a tampered ciphertext must not decrypt")
	}
	if _, err := OpenSM4(NewSM4Key(), sealed[:5], nil); err != ErrDecrypt {
		t.Fatal("a short ciphertext must not decrypt")
	}
}

func TestSM2SignVerifyThroughPEM(t *testing.T) {
	kp, err := GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	pemBytes, err := kp.PublicKeyPEM()
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKeyPEM(pemBytes)
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("POST\n/api/v1/jssdk/ticket/verify\n1700000000\nabc\n")
	sig, err := kp.Sign(msg)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Verify(msg, sig) {
		t.Fatal("valid signature rejected")
	}
	if pub.Verify(append(msg, 'x'), sig) {
		t.Fatal("signature over another message accepted")
	}
	if _, err := ParsePublicKeyPEM([]byte("not pem")); err == nil {
		t.Fatal("garbage parsed as a key")
	}
}

func BenchmarkSM2Verify(b *testing.B) {
	kp, _ := GenerateKeyPair()
	msg := []byte("benchmark")
	sig, _ := kp.Sign(msg)
	pub := kp.Public()
	for b.Loop() {
		pub.Verify(msg, sig)
	}
}

func BenchmarkSM2Sign(b *testing.B) {
	kp, _ := GenerateKeyPair()
	for b.Loop() {
		kp.Sign([]byte("benchmark"))
	}
}
