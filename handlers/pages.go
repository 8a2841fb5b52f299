package handlers

import (
	"net/http"
	"strconv"

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
	entries := make([]home.Entry, 0, len(homeDimensions))
	for _, d := range homeDimensions {
		entries = append(entries, home.Entry{Label: locales.T(ctx, d.key), Hint: locales.T(ctx, d.key+".hint"),
			Href: d.href, Icon: d.icon})
	}
	return web.RenderStitched(c, http.StatusOK, home.Page(h.site.Chrome(c), home.Props{Entries: entries}))
}

// homeDimensions are the six navigation dimensions of C 0103 6.3.1–6.3.6.
var homeDimensions = []struct{ key, href, icon string }{
	{"dim.type", "/matters/by/type", "document"},
	{"dim.audience", "/matters/by/audience", "people"},
	{"dim.department", "/matters/by/department", "building"},
	{"dim.theme", "/matters/by/theme", "grid"},
	{"dim.level", "/matters/by/level", "layers"},
	{"dim.scope", "/matters/by/scope", "map"},
}

// infoSection describes a section of an information page by its key
// suffix: heading "<prefix>.<name>", paragraph "<prefix>.<name>.body" and
// list items "<prefix>.<name>.1" … "<prefix>.<name>.<items>".
type infoSection struct {
	name  string
	items int
}

func infoPage(prefix string, sections []infoSection) pages.Props {
	p := pages.Props{TitleKey: prefix + ".title", IntroKey: prefix + ".intro"}
	for _, s := range sections {
		key := prefix + "." + s.name
		sec := pages.Section{ID: s.name, HeadingKey: key, ParaKeys: []string{key + ".body"}}
		for i := 1; i <= s.items; i++ {
			sec.ListKeys = append(sec.ListKeys, key+"."+strconv.Itoa(i))
		}
		p.Sections = append(p.Sections, sec)
	}
	return p
}

// privacySections follow C 0103 9.4 h) and i): what is collected, why, who
// receives it (never without consent), how it is kept, the visitor's
// rights, cookies and whom to ask.
var privacySections = []infoSection{
	{"collect", 4}, {"use", 3}, {"share", 0}, {"keep", 3}, {"rights", 4}, {"cookies", 4}, {"contact", 0},
}

// a11ySections follow the usual accessibility statement: the target, what
// visitors can do, elder mode, known problems, feedback and how it is tested.
var a11ySections = []infoSection{
	{"standard", 0}, {"use", 5}, {"elder", 3}, {"known", 2}, {"feedback", 0}, {"testing", 0},
}

func (h *pagesHandler) privacy(c echo.Context) error {
	return web.Render(c, http.StatusOK, pages.Info(h.site.Chrome(c), infoPage("privacy", privacySections)))
}

func (h *pagesHandler) accessibility(c echo.Context) error {
	return web.Render(c, http.StatusOK, pages.Info(h.site.Chrome(c), infoPage("a11y", a11ySections)))
}
