package handlers

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/wechat"
	"github.com/zwfw/portal/views/layout"
	shareview "github.com/zwfw/portal/views/share"
	"github.com/zwfw/portal/views/share/wxsdk"
)

// shareHandler is C 0103 6.1 f (统一分享): Open Graph tags and a share bar on
// every public page, the share page (/share) that works without JS, the
// share image, and — when WeChat credentials are configured — the signed
// JS-SDK configuration for sharing inside WeChat.
type shareHandler struct {
	site    *web.Site
	image   []byte
	tickets *wechat.Tickets // nil when WeChat is not configured
	sdk     []byte          // the JS-SDK as a classic script
}

func registerShare(app *App, d Deps) {
	h := &shareHandler{site: app.Site, image: shareImage()}
	// WeChat's own share menu needs its JS-SDK; a build without it (no
	// `npm ci`) shares through /share like every other browser.
	if sdk := wxsdk.Script(); d.Options.WeChat.Enabled() && sdk != nil {
		h.tickets = &wechat.Tickets{Creds: d.Options.WeChat}
		h.sdk = sdk
	}
	e := app.Echo
	// Detects WeChat and Alipay web-views for every request (the chrome
	// hides the back bar and points sharing at the host's menu).
	e.Use(web.WebViews())
	app.Site.Decorate = append(app.Site.Decorate, h.decorate)
	e.GET("/share", h.page)
	e.GET("/share/image.png", h.shareImage)
	e.GET("/api/v1/share/wechat", h.wechatConfig)
	e.GET(wechatSDKPath, h.wechatSDK)
}

// wechatSDKPath serves the vendored JS-SDK; the version is in the path.
const wechatSDKPath = "/share/wx/" + wxsdk.Version + "/jweixin.js"

// shareable reports whether a path is a public page worth sharing: the
// navigation, guides, search, sub-sites, attachment viewers and the
// information pages; never personal, staff or form pages.
func shareable(path string) bool {
	switch path {
	case "/", "/privacy", "/accessibility", "/matters", "/search", "/sites":
		return true
	}
	for _, p := range []string{"/matters/", "/sites/", "/attachments/"} {
		if strings.HasPrefix(path, p) && !strings.HasSuffix(path, "/apply") {
			return true
		}
	}
	return false
}

// origin is the scheme and host the visitor used, for absolute URLs.
func origin(c echo.Context) string {
	return c.Scheme() + "://" + c.Request().Host
}

// decorate fills the chrome: the host web-view, and on shareable pages the
// Open Graph tags and the page bar.
func (h *shareHandler) decorate(c echo.Context, ch *layout.Chrome) {
	wv := web.WebViewOf(c)
	ch.WebView = wv.Name()
	r := c.Request()
	if r.Method != http.MethodGet || !shareable(r.URL.Path) {
		return
	}
	abs := origin(c) + r.URL.RequestURI()
	meta := shareview.Meta{URL: abs, Image: origin(c) + "/share/image.png"}
	if strings.HasPrefix(r.URL.Path, "/matters/") || strings.HasPrefix(r.URL.Path, "/sites/") {
		meta.Type = "article"
	}
	if wv.Host == "wechat" && h.tickets != nil {
		meta.WeChatSDK, meta.WeChatConfig = wechatSDKPath, "/api/v1/share/wechat"
	}
	ch.Head = func(ch layout.Chrome, title string) templ.Component { return shareview.Head(ch, title, meta) }
	bar := shareview.BarProps{ShareHref: "/share?url=" + url.QueryEscape(r.URL.RequestURI()), ShareURL: abs,
		Hint: hostHint(c, wv)}
	if wv.Host == "" && r.URL.Path != "/" {
		bar.BackHref = backHref(c)
	}
	ch.Bar = func(layout.Chrome) templ.Component { return shareview.Bar(bar) }
}

// backHref is the same-site page the visitor came from, else the home page.
func backHref(c echo.Context) string {
	ref, err := url.Parse(c.Request().Referer())
	if err != nil || ref.Host != c.Request().Host || ref.RequestURI() == c.Request().URL.RequestURI() {
		return "/"
	}
	return web.SafeReturn(ref.RequestURI(), "/")
}

// hostHint points at the host app's own share menu inside a web-view.
func hostHint(c echo.Context, wv web.WebView) string {
	if wv.Host == "" {
		return ""
	}
	return locales.T(c.Request().Context(), "present.hint."+wv.Name())
}

// page is GET /share?url=/path[&title=…]: the link, its QR code, the
// Weibo and QQ/QZone share links and how to share in WeChat. Only paths of
// this site can be shared from here (400 otherwise).
func (h *shareHandler) page(c echo.Context) error {
	raw := c.QueryParam("url")
	if raw == "" {
		raw = "/"
	}
	path := web.SafeReturn(raw, "")
	if path == "" || strings.HasPrefix(path, "/share") {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	ctx := c.Request().Context()
	abs := origin(c) + path
	qr, err := qrcode.New(abs, qrcode.Medium)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest) // longer than a QR code holds
	}
	title := strings.TrimSpace(c.QueryParam("title"))
	if title == "" || utf8.RuneCountInString(title) > 100 {
		title = h.site.Name
	}
	u, t := url.QueryEscape(abs), url.QueryEscape(title)
	p := shareview.PageProps{URL: abs, Path: path, QR: qr.Bitmap(), Hint: hostHint(c, web.WebViewOf(c)), Channels: []shareview.Channel{
		{Name: locales.T(ctx, "present.share.weibo"), Href: "https://service.weibo.com/share/share.php?url=" + u + "&title=" + t},
		{Name: locales.T(ctx, "present.share.qq"), Href: "https://connect.qq.com/widget/shareqq/index.html?url=" + u + "&title=" + t},
		{Name: locales.T(ctx, "present.share.qzone"), Href: "https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=" + u + "&title=" + t},
	}}
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	return web.Render(c, http.StatusOK, shareview.Page(ch, p))
}

// shareImage serves the card image that social apps show beside a shared
// link (a PNG: the apps do not read SVG).
func (h *shareHandler) shareImage(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, "image/png", h.image)
}

// shareImage draws the 300×300 card: the brand red with a white ring and
// bar, like the header's emblem.
func shareImage() []byte {
	const n = 300
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	red, white := color.RGBA{0xb3, 0x26, 0x1e, 0xff}, color.RGBA{0xff, 0xff, 0xff, 0xff}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := x-n/2, y-n/2
			d := dx*dx + dy*dy
			c := red
			if (d < 100*100 && d > 80*80) || (dy > -12 && dy < 12 && dx > -60 && dx < 60) {
				c = white
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img) // encoding an in-memory RGBA image cannot fail
	return b.Bytes()
}

// wechatSDK is GET /share/wx/<version>/jweixin.js (only pages inside
// WeChat with credentials configured reference it).
func (h *shareHandler) wechatSDK(c echo.Context) error {
	if h.tickets == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	return c.Blob(http.StatusOK, "text/javascript; charset=utf-8", h.sdk)
}

// wechatConfig is GET /api/v1/share/wechat?url=…: the signed wx.config for
// a page of this site (WeChat JS-SDK, appendix 1). 404 when WeChat is not
// configured; the ticket comes from WeChat's API and is cached.
func (h *shareHandler) wechatConfig(c echo.Context) error {
	if h.tickets == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	page := c.QueryParam("url")
	if !strings.HasPrefix(page, origin(c)+"/") {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	ticket, err := h.tickets.Ticket(c.Request().Context())
	if err != nil {
		return echo.NewHTTPError(http.StatusBadGateway).SetInternal(err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, wechat.NewConfig(h.tickets.Creds.AppID, ticket, page, time.Now()))
}
