package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/home"
	"github.com/zwfw/portal/views/pages"
)

type pagesHandler struct {
	site *web.Site
}

func (h *pagesHandler) home(c echo.Context) error {
	ctx := c.Request().Context()
	var entries []home.Entry
	for _, d := range homeDimensions {
		entries = append(entries, home.Entry{Label: locales.T(ctx, d.key), Hint: locales.T(ctx, d.key+".hint"), Href: d.href})
	}
	return web.Render(c, http.StatusOK, home.Page(h.site.Chrome(c), home.Props{Entries: entries}))
}

// homeDimensions are the six navigation dimensions of C 0103 6.3.1–6.3.6.
var homeDimensions = []struct{ key, href string }{
	{"dim.type", "/matters/by/type"},
	{"dim.audience", "/matters/by/audience"},
	{"dim.department", "/matters/by/department"},
	{"dim.theme", "/matters/by/theme"},
	{"dim.level", "/matters/by/level"},
	{"dim.scope", "/matters/by/scope"},
}

func (h *pagesHandler) privacy(c echo.Context) error {
	p := pages.Props{TitleKey: "privacy.title", IntroKey: "privacy.intro"}
	for _, s := range []string{"collect", "use", "share", "keep", "rights", "contact"} {
		p.Sections = append(p.Sections, pages.Section{HeadingKey: "privacy." + s, ParaKeys: []string{"privacy." + s + ".body"}})
	}
	return web.Render(c, http.StatusOK, pages.Info(h.site.Chrome(c), p))
}

func (h *pagesHandler) accessibility(c echo.Context) error {
	p := pages.Props{TitleKey: "a11y.title", IntroKey: "a11y.intro"}
	for _, s := range []string{"standard", "elder", "known", "feedback"} {
		p.Sections = append(p.Sections, pages.Section{HeadingKey: "a11y." + s, ParaKeys: []string{"a11y." + s + ".body"}})
	}
	return web.Render(c, http.StatusOK, pages.Info(h.site.Chrome(c), p))
}
