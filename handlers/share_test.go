package handlers_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/wechat"
)

const (
	guidePath = "/matters/07A0002-330106"
	uaWeChat  = "Mozilla/5.0 (Linux; Android 13; wv) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560 WeChat/arm64"
	uaMini    = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47 miniProgram/wx1234"
	uaAlipay  = "Mozilla/5.0 (Linux; U; Android 12) AppleWebKit/537.36 Chrome/69.0 Mobile Safari/537.36 Nebula AlipayClient/10.5.36.8100"
)

func getWith(t *testing.T, env *handlertest.Env, path string, hdr map[string]string) *handlertest.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, env.Server.URL+path, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	return env.Client().Do(req)
}

// C 0103 6.1 f: every public page carries Open Graph tags and a share link.
func TestShareBarAndOpenGraph(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	res := getWith(t, env, guidePath, map[string]string{"Referer": env.Server.URL + "/matters?type=07"})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := res.Doc(t)
	og := func(p string) string { v, _ := doc.Find(`meta[property="og:` + p + `"]`).Attr("content"); return v }
	h1 := strings.TrimSpace(doc.Find("h1").First().Text())
	if og("title") == "" || !strings.Contains(h1, og("title")) && !strings.Contains(og("title"), h1) {
		t.Errorf("og:title %q does not name the page (h1 %q)", og("title"), h1)
	}
	if og("url") != env.Server.URL+guidePath || og("image") != env.Server.URL+"/share/image.png" || og("type") != "article" || og("site_name") == "" || og("description") == "" {
		t.Errorf("og tags: url %q image %q type %q", og("url"), og("image"), og("type"))
	}
	share := doc.Find(".zw-pagebar a[data-zw-pageshare]")
	if href, _ := share.Attr("href"); href != "/share?url="+url.QueryEscape(guidePath) {
		t.Errorf("share link %q", href)
	}
	if v, _ := share.Attr("data-zw-pageshare"); v != env.Server.URL+guidePath {
		t.Errorf("navigator.share URL %q", v)
	}
	if href, _ := doc.Find("a[data-zw-back]").Attr("href"); href != "/matters?type=07" {
		t.Errorf("back link %q, want the same-site referrer", href)
	}
	if doc.Find("dialog").Length() != 0 {
		t.Error("an ordinary browser page has no dialog (navigator.share or the share page)")
	}
	// An off-site referrer never becomes the back link.
	doc = getWith(t, env, guidePath, map[string]string{"Referer": "https://evil.example/x"}).Doc(t)
	if href, _ := doc.Find("a[data-zw-back]").Attr("href"); href != "/" {
		t.Errorf("back link %q for an off-site referrer", href)
	}
	// Personal and form pages are not shareable.
	for _, p := range []string{"/login", "/register"} {
		doc := env.Client().Get(p).Doc(t)
		if doc.Find(`meta[property^="og:"]`).Length() != 0 || doc.Find(".zw-pagebar").Length() != 0 {
			t.Errorf("%s: not a shareable page, yet has Open Graph tags or the share bar", p)
		}
	}
}

// Mini-program and app web-views show their own back bar and share menu.
func TestShareInHostWebViews(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	for ua, hint := range map[string]string{uaWeChat: "微信", uaMini: "小程序", uaAlipay: "支付宝"} {
		res := getWith(t, env, guidePath, map[string]string{"User-Agent": ua, "Referer": env.Server.URL + "/"})
		doc := res.Doc(t)
		if doc.Find("a[data-zw-back]").Length() != 0 {
			t.Errorf("%s: the host shows a back bar; the portal's must be left out", hint)
		}
		d := doc.Find("dialog#zw-share-dialog")
		if d.Length() != 1 || !strings.Contains(d.Text(), hint) {
			t.Errorf("%s: want the share dialog with the host's hint, got %q", hint, d.Text())
		}
		if v, _ := doc.Find("a[data-zw-pageshare]").Attr("data-zw-dialog-open"); v != "zw-share-dialog" {
			t.Errorf("%s: share link does not open the dialog", hint)
		}
		if vary := strings.Join(res.Header.Values("Vary"), ","); !strings.Contains(vary, "User-Agent") {
			t.Errorf("%s: Vary %q", hint, vary)
		}
	}
}

func TestSharePage(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	res := env.Client().Get("/share?url=" + url.QueryEscape(guidePath) + "&title=" + url.QueryEscape("婚姻登记 & 办事指南"))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := res.Doc(t)
	abs := env.Server.URL + guidePath
	if v, _ := doc.Find("input#zw-share-url").Attr("value"); v != abs {
		t.Errorf("link field %q, want %q", v, abs)
	}
	if doc.Find(`label[for="zw-share-url"]`).Length() != 1 || doc.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 {
		t.Error("link field needs a label; the share page is noindex")
	}
	if d, _ := doc.Find("svg.zw-share__qr-code path").Attr("d"); len(d) < 200 {
		t.Errorf("QR code path too short: %q", d)
	}
	if l, _ := doc.Find("svg.zw-share__qr-code").Attr("aria-labelledby"); doc.Find("#"+l).Text() == "" {
		t.Error("QR code has no text alternative")
	}
	var hosts []string
	doc.Find(".zw-share__channels a").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		u, err := url.Parse(href)
		if err != nil || u.Query().Get("url") != abs || u.Query().Get("title") != "婚姻登记 & 办事指南" {
			t.Errorf("channel link %q does not carry the page URL and title", href)
		}
		hosts = append(hosts, u.Host)
	})
	if strings.Join(hosts, ",") != "service.weibo.com,connect.qq.com,sns.qzone.qq.com" {
		t.Errorf("channels %v, want Weibo, QQ and QZone", hosts)
	}
	if !strings.Contains(doc.Find(".zw-share").Text(), "扫一扫") {
		t.Error("no WeChat hint")
	}
	// Only this site's pages can be shared from here.
	for _, bad := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "/share?url=/"} {
		if st := env.Client().Get("/share?url=" + url.QueryEscape(bad)).StatusCode; st != http.StatusBadRequest {
			t.Errorf("url=%q: status %d, want 400", bad, st)
		}
	}
	if st := env.Client().Get("/share").StatusCode; st != http.StatusOK {
		t.Errorf("/share without url: %d, want the home page's share page", st)
	}
	img := env.Client().Get("/share/image.png")
	cfg, err := png.DecodeConfig(bytes.NewReader([]byte(img.Body)))
	if err != nil || cfg.Width != 300 || img.Header.Get("Content-Type") != "image/png" {
		t.Errorf("share image: %v %+v %s", err, cfg, img.Header.Get("Content-Type"))
	}
}

func TestWeChatConfigEndpoint(t *testing.T) {
	off := handlertest.New(t)
	if st := off.Client().Get("/api/v1/share/wechat?url=" + url.QueryEscape(off.Server.URL+"/")).StatusCode; st != http.StatusNotFound {
		t.Errorf("without credentials: %d, want 404", st)
	}
	fail := false
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case fail:
			fmt.Fprint(w, `{"errcode":-1,"errmsg":"system busy"}`)
		case r.URL.Path == "/cgi-bin/token":
			fmt.Fprint(w, `{"access_token":"AT","expires_in":7200}`)
		default:
			fmt.Fprint(w, `{"errcode":0,"ticket":"TK","expires_in":7200}`)
		}
	}))
	defer api.Close()
	env := handlertest.New(t, func(d *handlers.Deps) {
		d.Options.WeChat = wechat.Credentials{AppID: "wxtest", Secret: "s", API: api.URL}
	})
	page := env.Server.URL + "/matters?type=07"
	res := env.Client().Get("/api/v1/share/wechat?url=" + url.QueryEscape(page))
	var cfg wechat.Config
	if err := json.Unmarshal([]byte(res.Body), &cfg); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, %v: %s", res.StatusCode, err, res.Body)
	}
	if cfg.AppID != "wxtest" || cfg.Signature != wechat.Signature("TK", cfg.NonceStr, cfg.Timestamp, page) {
		t.Errorf("config %+v not signed over the page URL", cfg)
	}
	if st := env.Client().Get("/api/v1/share/wechat?url=" + url.QueryEscape("https://evil.example/")).StatusCode; st != http.StatusBadRequest {
		t.Errorf("foreign URL: %d, want 400", st)
	}
	// The JS-SDK is served and referenced only inside WeChat, only when
	// configured.
	wx := getWith(t, env, guidePath, map[string]string{"User-Agent": uaWeChat}).Doc(t)
	src, _ := wx.Find("head script[src*='/share/wx/']").Attr("src")
	if src == "" || wx.Find(`meta[name="zw-wechat-config"]`).Length() != 1 {
		t.Fatal("WeChat page lacks the JS-SDK or its config endpoint")
	}
	if r := env.Client().Get(src); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "updateAppMessageShareData") || !strings.HasPrefix(r.Body, "(function(){var module=") {
		t.Errorf("JS-SDK: %d", r.StatusCode)
	}
	if env.Client().Get(guidePath).Doc(t).Find("script[src*='/share/wx/']").Length() != 0 {
		t.Error("an ordinary browser loads the WeChat JS-SDK")
	}
	if off.Client().Get(src).StatusCode != http.StatusNotFound || getWith(t, off, guidePath, map[string]string{"User-Agent": uaWeChat}).Doc(t).Find("script[src*='/share/wx/']").Length() != 0 {
		t.Error("without credentials the JS-SDK must be neither served nor referenced")
	}
	fail = true
	env2 := handlertest.New(t, func(d *handlers.Deps) {
		d.Options.WeChat = wechat.Credentials{AppID: "wxtest", Secret: "s", API: api.URL}
	})
	if st := env2.Client().Get("/api/v1/share/wechat?url=" + url.QueryEscape(env2.Server.URL+"/")).StatusCode; st != http.StatusBadGateway {
		t.Errorf("WeChat API down: %d, want 502", st)
	}
}
