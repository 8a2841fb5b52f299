package web

import (
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/static"
	"github.com/zwfw/portal/views/layout"
)

// Site holds what every page's chrome needs, built once in handlers.New.
type Site struct {
	Name   string // PORTAL_SITE_NAME, default 中国政务服务 (C 0103 5.1)
	Dev    bool
	Assets *static.Assets
	// Decorate lets features that know about the visitor (accounts, region)
	// fill in the chrome without this package knowing them.
	Decorate []func(c echo.Context, ch *layout.Chrome)
	// Nav lists the primary navigation as (locale key, href) pairs.
	Nav []NavLink
}

// NavLink is one primary navigation entry; Prefix marks it current.
type NavLink struct {
	Key, Href, Prefix string
}

// Chrome builds the page shell data for the current request.
func (s *Site) Chrome(c echo.Context) layout.Chrome {
	ctx := c.Request().Context()
	ch := layout.Chrome{
		SiteName:  s.Name,
		Lang:      locales.Lang(ctx),
		Elder:     ElderMode(c),
		CSRF:      CSRFToken(c),
		Path:      c.Request().URL.RequestURI(),
		RequestID: RequestID(c),
		Dev:       s.Dev,
	}
	if s.Assets != nil {
		ch.Asset = s.Assets.URL
	}
	path := c.Request().URL.Path
	for _, n := range s.Nav {
		current := path == n.Href || (n.Prefix != "" && len(path) >= len(n.Prefix) && path[:len(n.Prefix)] == n.Prefix)
		ch.Nav = append(ch.Nav, layout.NavItem{Label: locales.T(ctx, n.Key), Href: n.Href, Current: current})
	}
	for _, d := range s.Decorate {
		d(c, &ch)
	}
	return ch
}

// ElderMode reports whether the visitor switched on 适老化 elder mode.
func ElderMode(c echo.Context) bool {
	ck, err := c.Cookie(ElderCookie)
	return err == nil && ck.Value == "1"
}
