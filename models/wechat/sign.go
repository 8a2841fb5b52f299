package wechat

import (
	"crypto/rand"
	"crypto/sha1" // #nosec G505 -- WeChat's JS-SDK signature is defined as SHA-1; not used for anything else
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Signature is the SHA-1 signature of a JS-SDK configuration: the four
// fields are sorted by name (ASCII) as key=value pairs joined with & —
// jsapi_ticket, noncestr, timestamp, url — and hashed, lower-case hex. The
// url is the page's full URL without its #fragment, exactly as the browser
// shows it (query included, not re-encoded).
func Signature(ticket, nonce string, timestamp int64, url string) string {
	if i := strings.IndexByte(url, '#'); i >= 0 {
		url = url[:i]
	}
	s := "jsapi_ticket=" + ticket + "&noncestr=" + nonce + "&timestamp=" + strconv.FormatInt(timestamp, 10) + "&url=" + url
	sum := sha1.Sum([]byte(s)) // #nosec G401 -- WeChat's JS-SDK signature is defined as SHA-1
	return hex.EncodeToString(sum[:])
}

// Config is what the page passes to wx.config.
type Config struct {
	AppID     string `json:"appId"`
	Timestamp int64  `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	Signature string `json:"signature"`
}

// NewConfig signs url with ticket at now with a fresh random nonce.
func NewConfig(appID, ticket, url string, now time.Time) Config {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported systems
	nonce := hex.EncodeToString(b[:])
	ts := now.Unix()
	return Config{AppID: appID, Timestamp: ts, NonceStr: nonce, Signature: Signature(ticket, nonce, ts, url)}
}
