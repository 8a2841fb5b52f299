// Package share renders sharing (C 0103 6.1 f): the Open Graph tags of a
// shareable page, the page bar with its share link (and, in a home-screen
// app, a back link), and the share page that works without JavaScript: the
// link to copy, a QR code drawn on the server, Weibo and QQ/QZone links and
// how to share in WeChat.
package share

// Meta is what the Open Graph tags say about the page.
type Meta struct {
	URL         string // absolute URL of the page
	Image       string // absolute URL of the share image (PNG)
	Description string // "" = the site's description
	Type        string // "website" or "article"
	// Inside WeChat with credentials configured: the JS-SDK script and the
	// endpoint that signs wx.config for this page (handlers/share.go).
	WeChatSDK, WeChatConfig string
}

// BarProps is the page bar under the header.
// A11y: the back link is a link (it navigates) labelled "返回" and shown only
// in a standalone home-screen app, where no browser back button exists; it
// is left out inside WeChat and Alipay, whose title bar has one. The share
// link names what it does and is ≥ 44 px tall (60 px in elder mode); inside
// those hosts it opens the one dialog (components.Dialog) saying where the
// host's share menu is, and without JS it leads to the share page.
type BarProps struct {
	BackHref  string // "" = no back link (host web-views)
	ShareHref string // the share page for this page
	ShareURL  string // absolute URL handed to navigator.share
	Hint      string // the host's share menu, inside WeChat / Alipay (in the dialog), else ""
}

// Channel is one outgoing share link (Weibo, QQ, QZone).
type Channel struct {
	Name string
	Href string
}

// PageProps is the share page.
// A11y: one h1; the link is a read-only text field with a real label (it can
// be selected and copied with any device); the QR code is an SVG with
// role="img" and a text alternative; the copy button exists only with JS
// and announces the result in a polite live region; outgoing links say
// where they go.
type PageProps struct {
	URL      string // absolute URL being shared
	Path     string // same-site path, for the "back to the page" link
	QR       [][]bool
	Channels []Channel
	Hint     string // the host's own share menu, inside WeChat / Alipay
}
