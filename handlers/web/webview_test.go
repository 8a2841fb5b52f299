package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// User agents as the hosts send them (WeChat 8 on Android and iOS, a WeChat
// mini-program web-view, Alipay 10 and an Alipay mini-program web-view).
var hostUAs = map[string]string{
	"wechat":      "Mozilla/5.0 (Linux; Android 13; V2238A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
	"wechat-mini": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN miniProgram/wx1234567890abcdef",
	"alipay":      "Mozilla/5.0 (Linux; U; Android 12; zh-CN; M2102K1C Build/SKQ1.211006.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 AlipayChannelId/5136 UCBS/3.22.2.59_231116150911 NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.5.36.8100) AlipayClient/10.5.36.8100 Language/zh-Hans useStatusBar/true isConcaveScreen/true Region/CNAriver/1.0.0",
	"alipay-mini": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Ariver/1.1.0 AliApp(AP/10.5.36.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.5.36.6000 Language/zh-Hans Region/CN MiniProgram APXWebView NebulaX/1.0.0",
	"":            "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
}

func TestDetectWebView(t *testing.T) {
	for want, ua := range hostUAs {
		if got := DetectWebView(ua).Name(); got != want {
			t.Errorf("%s: detected %q", want, got)
		}
	}
}

func TestWebViewsMiddleware(t *testing.T) {
	e := echo.New()
	var seen WebView
	h := WebViews()(func(c echo.Context) error { seen = WebViewOf(c); return c.NoContent(http.StatusNoContent) })
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("User-Agent", hostUAs["wechat-mini"])
	rec := httptest.NewRecorder()
	if err := h(e.NewContext(req, rec)); err != nil {
		t.Fatal(err)
	}
	if seen != (WebView{Host: "wechat", MiniProgram: true}) {
		t.Errorf("seen %+v", seen)
	}
	if rec.Header().Get("Vary") != "User-Agent" {
		t.Errorf("Vary = %q", rec.Header().Get("Vary"))
	}
}
