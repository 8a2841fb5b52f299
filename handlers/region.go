package handlers

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/views/components"
	"github.com/zwfw/portal/views/layout"
	regionview "github.com/zwfw/portal/views/region"
)

// RegionCookie holds the visitor's chosen region code (no personal data).
const RegionCookie = "zw_region"

// regionLevels are the steps of the chooser: the region context goes down
// to the county (C 0103 7.4 省、市、县三级联动).
var regionLevels = []struct{ param, labelKey string }{
	{"province", "region.level.province"},
	{"city", "region.level.city"},
	{"county", "region.level.county"},
}

const (
	regionCatalogKey = "zw.refdata"
	regionCodeKey    = "zw.region"
)

// regionHandler serves the region chooser, its JSON children endpoint and
// the region context every page shows in its header.
type regionHandler struct {
	site *web.Site
	ref  *refdata.Catalog
	prod bool
}

func registerRegion(app *App, d Deps) {
	h := &regionHandler{site: app.Site, ref: d.Ref, prod: d.Options.Prod}
	e := app.Echo
	// Makes the catalog reachable from RegionFromRequest in any handler.
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(regionCatalogKey, h.ref)
			return next(c)
		}
	})
	e.GET("/region", h.show)
	e.POST("/region", h.save)
	e.GET("/api/v1/regions/:code/children", h.children)
	app.Site.Decorate = append(app.Site.Decorate, h.decorate)
}

// RegionFromRequest returns the canonical code of the visitor's chosen
// region, or "" for 全国. Cookie values that are malformed, unknown or
// deeper than a county are ignored.
func RegionFromRequest(c echo.Context) string {
	if code, ok := c.Get(regionCodeKey).(string); ok {
		return code
	}
	ref, _ := c.Get(regionCatalogKey).(*refdata.Catalog)
	code := regionFromCookie(c, ref)
	c.Set(regionCodeKey, code)
	return code
}

func regionFromCookie(c echo.Context, ref *refdata.Catalog) string {
	ck, err := c.Cookie(RegionCookie)
	if err != nil || ref == nil {
		return ""
	}
	r, ok := ref.Region(ck.Value)
	if !ok || r.Level > refdata.LevelCounty {
		return ""
	}
	return r.Code
}

// decorate shows the chosen region in every page's header. It reads the
// catalog directly, so error pages raised before routing show it too.
func (h *regionHandler) decorate(c echo.Context, ch *layout.Chrome) {
	if code := regionFromCookie(c, h.ref); code != "" {
		ch.RegionName = h.ref.ShortName(code)
	}
}

// show renders the chooser at the step the URL names; with no step in the
// URL it starts from the saved region.
func (h *regionHandler) show(c echo.Context) error {
	q := c.QueryParams()
	var chosen []refdata.Region
	var notices []string
	if q.Get("province") == "" && q.Get("city") == "" && q.Get("county") == "" {
		chosen = h.chainOf(RegionFromRequest(c))
	} else {
		chosen, notices = h.parseSteps(c, q.Get)
	}
	p := h.pageProps(c, chosen, web.SafeReturn(q.Get("return_to"), "/"))
	p.Notices = notices
	return web.Render(c, http.StatusOK, regionview.Page(h.site.Chrome(c), p))
}

// parseSteps reads province, city and county from the URL. A value that is
// not a region gets a visible notice; a child that does not belong to the
// step above (the visitor changed the province) is dropped quietly.
func (h *regionHandler) parseSteps(c echo.Context, get func(string) string) ([]refdata.Region, []string) {
	ctx := c.Request().Context()
	var chosen []refdata.Region
	var notices []string
	parent := refdata.National
	for _, lv := range regionLevels {
		raw := strings.TrimSpace(get(lv.param))
		if raw == "" {
			break
		}
		r, ok := h.ref.Region(raw)
		if !ok || r.Level > refdata.LevelCounty {
			notices = append(notices, locales.T(ctx, "region.notice.unknown", shortenForNotice(raw, 24)))
			break
		}
		if r.Parent != parent {
			break
		}
		chosen = append(chosen, r)
		parent = r.Code
	}
	return chosen, notices
}

// chainOf returns the steps from the province down to code.
func (h *regionHandler) chainOf(code string) []refdata.Region {
	r, ok := h.ref.Region(code)
	if !ok {
		return nil
	}
	anc := h.ref.Ancestors(code)
	out := make([]refdata.Region, 0, len(anc)+1)
	for i := len(anc) - 1; i >= 0; i-- {
		out = append(out, anc[i])
	}
	return append(out, r)
}

// pageProps maps the chosen steps to the chooser's view model: each chosen
// step shows its select with the value, and the next step shows the
// children of the last choice when it has any at county level or above.
func (h *regionHandler) pageProps(c echo.Context, chosen []refdata.Region, returnTo string) regionview.Props {
	ctx := c.Request().Context()
	sel := components.RegionSelectProps{
		ID: "region", Legend: locales.T(ctx, "region.legend"), Hint: locales.T(ctx, "region.hint"),
		Placeholder: locales.T(ctx, "region.placeholder"), NextLabel: locales.T(ctx, "region.next"),
		ChildrenURL: "/api/v1/regions/", SyncInput: "region-code", SyncText: "region-chosen",
		LoadedMsg: locales.T(ctx, "region.loaded"), FailedMsg: locales.T(ctx, "region.failed"),
	}
	parent := refdata.National
	for i, lv := range regionLevels {
		level := components.RegionLevel{Name: lv.param, Label: locales.T(ctx, lv.labelKey)}
		if i <= len(chosen) {
			level.Options = regionOptions(h.ref.Children(parent))
			if i < len(chosen) {
				level.Value = chosen[i].Code
				parent = chosen[i].Code
			}
		}
		sel.Levels = append(sel.Levels, level)
	}
	p := regionview.Props{Select: sel, ReturnTo: returnTo}
	if cur := RegionFromRequest(c); cur != "" {
		p.CurrentPath = h.ref.Path(cur)
	}
	if n := len(chosen); n > 0 {
		p.ChosenCode = chosen[n-1].Code
		p.ChosenPath = h.ref.Path(p.ChosenCode)
	}
	return p
}

// regionOptions lists the regions of county level and above; nil when
// there are none, so the component shows no empty select (东莞市 has
// townships only, 新疆生产建设兵团 no children).
func regionOptions(rs []refdata.Region) []components.SelectOption {
	var out []components.SelectOption
	for _, r := range rs {
		if r.Level <= refdata.LevelCounty {
			out = append(out, components.SelectOption{Value: r.Code, Text: r.Name})
		}
	}
	return out
}

// save stores the chosen region in the cookie (or clears it for 全国) and
// returns to where the visitor came from.
func (h *regionHandler) save(c echo.Context) error {
	code := strings.TrimSpace(c.FormValue("code"))
	returnTo := web.SafeReturn(c.FormValue("return_to"), "/")
	ck := &http.Cookie{Name: RegionCookie, Path: "/", HttpOnly: true, Secure: h.prod, SameSite: http.SameSiteLaxMode} // #nosec G124 -- HttpOnly and SameSite=Lax always; Secure in prod only, dev serves http://localhost
	if code == "" || code == refdata.National {
		ck.MaxAge = -1
		c.SetCookie(ck)
		return web.SeeOther(c, returnTo)
	}
	r, ok := h.ref.Region(code)
	if !ok || r.Level > refdata.LevelCounty {
		p := h.pageProps(c, nil, returnTo)
		msg := locales.T(c.Request().Context(), "region.error.unknown")
		p.Select.Levels[0].Error = msg
		p.Errors = []components.ErrorItem{{Href: "#" + p.Select.SelectID("province"), Text: msg}}
		return web.Render(c, http.StatusUnprocessableEntity, regionview.Page(h.site.Chrome(c), p))
	}
	ck.Value = r.Code
	ck.MaxAge = int((365 * 24 * time.Hour).Seconds())
	c.SetCookie(ck)
	return web.SeeOther(c, returnTo)
}

// regionJSON is one region in the JSON API.
type regionJSON struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Level int    `json:"level"`
}

// children answers GET /api/v1/regions/{code}/children (000000 = the
// provinces) for the selector's script; unknown codes are 404.
func (h *regionHandler) children(c echo.Context) error {
	code := c.Param("code")
	out := struct {
		regionJSON
		Children []regionJSON `json:"children"`
	}{Children: []regionJSON{}}
	if code == refdata.National {
		out.regionJSON = regionJSON{Code: refdata.National, Name: locales.T(c.Request().Context(), "region.nationwide")}
	} else {
		r, ok := h.ref.Region(code)
		if !ok {
			return echo.NewHTTPError(http.StatusNotFound)
		}
		out.regionJSON = regionJSON{Code: r.Code, Name: r.Name, Level: int(r.Level)}
		code = r.Code
	}
	for _, k := range h.ref.Children(code) {
		out.Children = append(out.Children, regionJSON{Code: k.Code, Name: k.Name, Level: int(k.Level)})
	}
	// The data changes only with a new release of the divisions.
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.JSON(http.StatusOK, out)
}

// shortenForNotice cuts untrusted text echoed in a notice.
func shortenForNotice(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
