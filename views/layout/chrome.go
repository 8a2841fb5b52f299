// Package layout is the page shell every page renders inside: <html lang>,
// viewport, skip link, the header with the portal's full name (C 0103 5.1),
// primary navigation and the footer with the privacy policy (9.4 i) and
// accessibility statement. It imports nothing from models or Echo.
package layout

import "github.com/a-h/templ"

// Chrome is everything the shell needs about the current request. Handlers
// build it (handlers/web.Chrome) and pass it to every page.
type Chrome struct {
	SiteName    string // full name shown in the header (C 0103 5.1)
	Lang        string // "zh-CN" or "en"
	Elder       bool   // 适老化 elder mode (reference.md §7)
	CSRF        string // token for the header's forms
	Path        string // current path with query, for return_to
	RequestID   string
	Dev         bool
	UserName    string // empty when logged out
	LoginURL    string // sign-in page (set by the accounts feature); the header links it when logged out and set
	Unread      int    // unread messages, shown beside the user link
	RegionName  string // chosen region, shown in the header; empty = 全国
	Nav         []NavItem
	Asset       func(logical string) string // fingerprinted static URL
	Description string                      // meta description; defaults to the site's
	NoIndex     bool
	WebView     string                                        // "wechat", "alipay" (+ "-mini"): a host web-view with its own back bar and share menu (handlers/web/webview.go)
	Head        func(ch Chrome, title string) templ.Component // Open Graph tags of a shareable page (handlers/share.go); nil = none
	Bar         func(ch Chrome) templ.Component               // page bar under the header: back (standalone only) and share (handlers/share.go); nil = none
}

// NavItem is one entry of the primary navigation.
type NavItem struct {
	Label   string
	Href    string
	Current bool
}

// AssetURL resolves a static asset, tolerating a nil resolver in tests.
func (c Chrome) AssetURL(logical string) string {
	if c.Asset == nil {
		return "/static/" + logical
	}
	return c.Asset(logical)
}

// HTMLLang is the value of <html lang>.
func (c Chrome) HTMLLang() string {
	if c.Lang == "" {
		return "zh-CN"
	}
	return c.Lang
}
