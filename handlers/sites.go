package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/views/components"
	sitesview "github.com/zwfw/portal/views/sites"
)

// siteHomeLimit bounds each column of a sub-site's home.
const siteHomeLimit = 10

// sitesHandler serves the provincial and department sub-sites of C 0103
// 8.1 and 8.2.
type sitesHandler struct {
	site   *web.Site
	ref    *refdata.Catalog
	st     *models.Store
	search finder
	region func(c echo.Context) string
}

func registerSites(app *App, d Deps) {
	h := &sitesHandler{site: app.Site, ref: d.Ref, st: d.Store, search: d.Search, region: RegionFromRequest}
	e := app.Echo
	e.GET("/sites", h.list)
	e.GET("/sites/:code", h.home)
	e.GET("/sites/:code/policies/:id", h.policy)
	e.GET("/sites/:code/interpretations/:id", h.interpretation)
	e.GET("/sites/:code/topics/:id", h.topic)
}

// list is /sites: the 32 provincial units (660000 included) and the
// national departments (8.1).
func (h *sitesHandler) list(c echo.Context) error {
	ctx := c.Request().Context()
	lang := locales.Lang(ctx)
	title := locales.T(ctx, "sites.list.title")
	p := sitesview.ListProps{Title: title, Intro: locales.T(ctx, "sites.list.intro"),
		Breadcrumbs: []components.Crumb{{Text: locales.T(ctx, "nav.home"), Href: "/"}, {Text: title}}}
	for _, r := range h.ref.Provinces() {
		p.Provinces = append(p.Provinces, sitesview.Link{Text: r.Name, Href: "/sites/" + r.Code})
	}
	for _, d := range h.ref.DepartmentsIn(refdata.National) {
		p.Departments = append(p.Departments, sitesview.Link{Text: d.Label(lang), Href: "/sites/" + d.Code})
	}
	return web.Render(c, http.StatusOK, sitesview.List(h.site.Chrome(c), p))
}

// siteOf validates the :code of the path: a provincial unit or a national
// department, else 404.
func (h *sitesHandler) siteOf(c echo.Context) (code, name string, err error) {
	code = c.Param("code")
	if name = sites.SiteName(h.ref, code); name == "" {
		return "", "", echo.NewHTTPError(http.StatusNotFound)
	}
	return code, name, nil
}

func (h *sitesHandler) crumbs(ctx context.Context, code, name string, tail ...components.Crumb) []components.Crumb {
	out := []components.Crumb{
		{Text: locales.T(ctx, "nav.home"), Href: "/"},
		{Text: locales.T(ctx, "sites.list.title"), Href: "/sites"},
	}
	if len(tail) == 0 {
		return append(out, components.Crumb{Text: name})
	}
	return append(append(out, components.Crumb{Text: name, Href: "/sites/" + code}), tail...)
}

// home is /sites/{code}: the five columns of C 0103 8.2.
func (h *sitesHandler) home(c echo.Context) error {
	ctx := c.Request().Context()
	code, name, err := h.siteOf(c)
	if err != nil {
		return err
	}
	content, err := sites.LoadHome(ctx, h.st, code, siteHomeLimit)
	if err != nil {
		return err
	}
	policyIDs := make([]int64, 0, len(content.Interpretations))
	for _, in := range content.Interpretations {
		if in.PolicyID != nil {
			policyIDs = append(policyIDs, *in.PolicyID)
		}
	}
	policies, err := sites.PoliciesByID(ctx, h.st, policyIDs)
	if err != nil {
		return err
	}
	p := sitesview.HomeProps{Title: name, Intro: locales.T(ctx, "sites.home.intro", name),
		Breadcrumbs: h.crumbs(ctx, code, name)}
	for _, pol := range content.Policies {
		p.Policies = append(p.Policies, policyEntry(ctx, pol))
	}
	for _, in := range content.Interpretations {
		e := sitesview.Entry{Title: in.Title, Href: docHref(code, "interpretations", in.ID), Meta: dateText(ctx, in.PublishedOn)}
		if in.PolicyID != nil {
			if pol, ok := policies[*in.PolicyID]; ok {
				e.Note = locales.T(ctx, "sites.interp.of", pol.Title)
			}
		}
		p.Interpretations = append(p.Interpretations, e)
	}
	for _, t := range content.Topics {
		p.Topics = append(p.Topics, sitesview.Entry{Title: t.Title, Href: docHref(code, "topics", t.ID), Note: t.Summary})
	}
	for _, a := range content.Apps {
		p.Apps = append(p.Apps, appView(ctx, a))
	}
	if err := h.siteMatters(ctx, code, h.region(c), &p); err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, sitesview.Home(h.site.Chrome(c), p))
}

// siteMatters fills 政务服务事项 (8.2 d): the count, the most used items and
// the site's own 地方特色 themes (6.3.4), all linking to the finder.
func (h *sitesHandler) siteMatters(ctx context.Context, code, visitor string, p *sitesview.HomeProps) error {
	filters := map[string][]string{"site": {code}}
	res, err := h.search.Search(ctx, search.Query{Scope: search.ScopeGuide, Filters: filters,
		Region: siteRegion(h.ref, code, visitor), Sort: search.SortPopular, Limit: 5, Facets: []string{"theme_local"}})
	if err != nil {
		return err
	}
	p.MattersTotal = res.Total
	p.MattersHref = finderURL(url.Values{"site": {code}})
	for _, hit := range res.Hits {
		e := sitesview.Entry{Title: hit.Doc.Title, Href: hit.Doc.URL}
		if r := hit.Doc.Facets["region"]; len(r) > 0 && r[0] != refdata.National {
			e.Meta = h.ref.ShortName(r[0])
		}
		p.Matters = append(p.Matters, e)
	}
	for _, fc := range res.Facets["theme_local"] {
		p.LocalThemes = append(p.LocalThemes, sitesview.Entry{Title: fc.Value,
			Href: finderURL(url.Values{"site": {code}, "theme_local": {fc.Value}}),
			Meta: locales.T(ctx, "matters.count", fc.Count)})
	}
	return nil
}

// siteRegion is the region context of a sub-site's matters: a province's
// site lists that province's items, narrowed to the visitor's region only
// when the visitor is inside it; a department's site follows the visitor.
func siteRegion(ref *refdata.Catalog, site, visitor string) string {
	if !sites.IsProvince(site) {
		return visitor
	}
	for _, c := range ref.RegionPath(visitor) {
		if c == site {
			return visitor
		}
	}
	return site
}

func docHref(site, kind string, id int64) string {
	return "/sites/" + site + "/" + kind + "/" + strconv.FormatInt(id, 10)
}

func policyEntry(ctx context.Context, p sites.Policy) sitesview.Entry {
	meta := dateText(ctx, p.IssuedOn)
	if p.DocNumber != "" {
		meta = p.DocNumber + " · " + meta
	}
	return sitesview.Entry{Title: p.Title, Href: docHref(p.SiteCode, "policies", p.ID), Meta: meta}
}

// appView lists an app without dead links: only an online app links, and it
// opens in the portal's container (8.2 e, 8.3), which adds the title bar and
// the JSSDK hand-off.
func appView(ctx context.Context, a sites.App) sitesview.App {
	v := sitesview.App{Name: a.Name, Type: locales.T(ctx, "sites.app.type."+a.Type), Owner: a.OwnerOrg, Description: a.Description}
	if a.Online() {
		if u, err := url.Parse(a.EntryURL); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
			v.Href = "/apps/" + strconv.FormatInt(a.ID, 10)
		}
	} else {
		v.Status = locales.T(ctx, "sites.app.paused")
	}
	return v
}
