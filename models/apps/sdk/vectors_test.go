package sdk

// Vectors are the protocol's test vectors (testdata/vectors.json, quoted in
// PROTOCOL.md): fixed keys, nonce and timestamp → canonical string, SM3,
// a verifiable signature and the SM4-GCM ciphertext.
type Vectors struct {
	PrivateKeyPEM string `json:"private_key_pem"`
	PublicKeyPEM  string `json:"public_key_pem"`
	AppID         string `json:"app_id"`
	Method        string `json:"method"`
	Path          string `json:"path"`
	Timestamp     int64  `json:"timestamp"`
	Nonce         string `json:"nonce"`
	Body          string `json:"body"`
	SM3Hex        string `json:"sm3_hex"`
	Canonical     string `json:"canonical"`
	Signature     string `json:"signature_base64"`
	SM4Key        string `json:"sm4_key_hex"`
	GCMNonce      string `json:"gcm_nonce_hex"`
	Plaintext     string `json:"plaintext"`
	Data          string `json:"data_base64"`
}
