package web

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// WebView says whether the page is shown inside a host app's web-view:
// WeChat (UA "MicroMessenger") or Alipay ("AlipayClient"), and whether that
// web-view belongs to a mini-program ("miniProgram" in WeChat's UA,
// "MiniProgram" in Alipay's). Hosts show their own title bar with a back
// button and their own share menu, so the portal hides its back bar and
// points sharing at the host's menu.
type WebView struct {
	Host        string // "wechat", "alipay" or "" (an ordinary browser)
	MiniProgram bool
}

// Name is "wechat", "wechat-mini", "alipay", "alipay-mini" or "".
func (w WebView) Name() string {
	if w.Host == "" || !w.MiniProgram {
		return w.Host
	}
	return w.Host + "-mini"
}

// DetectWebView reads a User-Agent header.
func DetectWebView(ua string) WebView {
	l := strings.ToLower(ua)
	var w WebView
	switch {
	case strings.Contains(l, "micromessenger"):
		w.Host = "wechat"
	case strings.Contains(l, "alipayclient"):
		w.Host = "alipay"
	default:
		return w
	}
	w.MiniProgram = strings.Contains(l, "miniprogram")
	return w
}

const webViewKey = "zw.webview"

// WebViews detects the host web-view once per request (see WebViewOf).
// Pages differ by it, so caches must key on the User-Agent.
func WebViews() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(webViewKey, DetectWebView(c.Request().UserAgent()))
			c.Response().Header().Add("Vary", "User-Agent")
			return next(c)
		}
	}
}

// WebViewOf returns the request's web-view; without the middleware it
// reads the User-Agent itself.
func WebViewOf(c echo.Context) WebView {
	if w, ok := c.Get(webViewKey).(WebView); ok {
		return w
	}
	return DetectWebView(c.Request().UserAgent())
}
