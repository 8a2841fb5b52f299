package admin

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

func (h *console) registerSites(g *echo.Group) {
	p := staff.PermSites
	g.GET("/sites", need(p, h.sites))
	g.GET("/sites/:site", need(p, h.siteHome))
	g.GET("/sites/:site/:kind", need(p, h.docs))
	g.GET("/sites/:site/:kind/new", need(p, h.newDoc))
	g.POST("/sites/:site/:kind", need(p, h.createDoc))
	g.GET("/sites/:site/:kind/:id", need(p, h.editDoc))
	g.POST("/sites/:site/:kind/:id", need(p, h.updateDoc))
	g.POST("/sites/:site/:kind/:id/publish", need(p, h.publishDoc(true)))
	g.POST("/sites/:site/:kind/:id/unpublish", need(p, h.publishDoc(false)))
	g.GET("/announcements", need(staff.PermAnnounce, h.announcements))
	g.POST("/announcements", need(staff.PermAnnounce, h.announce))
}

func siteURL(site string) string { return "/admin/sites/" + site }

// siteIn returns the :site of the path when the staff member manages it;
// any other code is a 404.
func (h *console) siteIn(c echo.Context) (code, name string, err error) {
	s, _ := current(c)
	code = c.Param("site")
	if name = sites.SiteName(h.ref, code); name == "" || !s.Scope().ManagesSite(code) {
		return "", "", echo.NewHTTPError(http.StatusNotFound)
	}
	return code, name, nil
}

// sites is GET /admin/sites: the sub-sites the staff member manages.
func (h *console) sites(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	title := locales.T(ctx, "admin.nav.sites")
	p := admin.ListProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intro: locales.T(ctx, "admin.sites.intro")}
	codes, all := s.Scope().Sites()
	if all {
		for _, r := range h.ref.Provinces() {
			codes = append(codes, r.Code)
		}
		for _, d := range h.ref.DepartmentsIn(refdata.National) {
			codes = append(codes, d.Code)
		}
	}
	for _, code := range codes {
		if name := sites.SiteName(h.ref, code); name != "" {
			p.Links = append(p.Links, admin.Link{Text: name, Href: siteURL(code)})
		}
	}
	if len(p.Links) == 0 {
		p.Intro = locales.T(ctx, "admin.sites.none")
	}
	return web.Render(c, http.StatusOK, admin.List(h.chrome(c), p))
}

// siteHome is GET /admin/sites/{site}: the three kinds of content.
func (h *console) siteHome(c echo.Context) error {
	ctx := c.Request().Context()
	code, name, err := h.siteIn(c)
	if err != nil {
		return err
	}
	p := admin.ListProps{Shell: h.shell(c, name, components.Crumb{Text: locales.T(ctx, "admin.nav.sites"), Href: "/admin/sites"}, components.Crumb{Text: name}),
		Intro: locales.T(ctx, "admin.sites.site_intro", name)}
	for _, k := range []string{content.DocPolicy, content.DocInterp, content.DocTopic} {
		p.Links = append(p.Links, admin.Link{Text: locales.T(ctx, "admin.doc."+k), Href: siteURL(code) + "/" + k})
	}
	p.Links = append(p.Links, admin.Link{Text: locales.T(ctx, "admin.sites.public", name), Href: "/sites/" + code})
	return web.Render(c, http.StatusOK, admin.List(h.chrome(c), p))
}

func (h *console) docCrumbs(ctx context.Context, code, name, kind string, tail ...components.Crumb) []components.Crumb {
	out := []components.Crumb{{Text: locales.T(ctx, "admin.nav.sites"), Href: "/admin/sites"}, {Text: name, Href: siteURL(code)}}
	if len(tail) == 0 {
		return append(out, components.Crumb{Text: locales.T(ctx, "admin.doc."+kind)})
	}
	return append(append(out, components.Crumb{Text: locales.T(ctx, "admin.doc."+kind), Href: siteURL(code) + "/" + kind}), tail...)
}

// docs is GET /admin/sites/{site}/{kind}: every document, any status.
func (h *console) docs(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	code, name, err := h.siteIn(c)
	if err != nil {
		return err
	}
	kind := c.Param("kind")
	list, err := h.content.SiteDocs(ctx, s.Scope(), code, kind)
	if err != nil {
		return err
	}
	base := siteURL(code) + "/" + kind
	title := locales.T(ctx, "admin.doc."+kind) + " · " + name
	p := admin.ListProps{Shell: h.shell(c, title, h.docCrumbs(ctx, code, name, kind)...),
		Links:   []admin.Link{{Text: locales.T(ctx, "admin.doc.new."+kind), Href: base + "/new"}},
		Caption: locales.T(ctx, "admin.doc."+kind), Count: locales.T(ctx, "admin.list.count", len(list)), Empty: locales.T(ctx, "admin.list.empty"),
		Head: []string{locales.T(ctx, "admin.doc.title"), locales.T(ctx, "admin.items.status"), locales.T(ctx, "admin.item.updated")}}
	for _, d := range list {
		u := base + "/" + strconv.FormatInt(d.ID, 10)
		a := admin.Action{Href: u + "/publish", Text: locales.T(ctx, "admin.doc.publish", d.Title)}
		if d.Published {
			a = admin.Action{Href: u + "/unpublish", Text: locales.T(ctx, "admin.doc.unpublish", d.Title), Variant: components.ButtonWarning}
		}
		p.Rows = append(p.Rows, admin.Row{Cells: []string{d.Title, docStatus(ctx, d.Published), stamp(d.UpdatedAt)}, Href: u, Actions: []admin.Action{a}})
	}
	return web.Render(c, http.StatusOK, admin.List(h.chrome(c), p))
}

func docStatus(ctx context.Context, published bool) string {
	if published {
		return locales.T(ctx, "admin.status.published")
	}
	return locales.T(ctx, "admin.status.draft")
}

// publishDoc is POST …/{id}/publish and …/unpublish.
func (h *console) publishDoc(on bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		s, _ := current(c)
		code, _, err := h.siteIn(c)
		if err != nil {
			return err
		}
		n, err := id(c, "id")
		if err != nil {
			return err
		}
		if err := h.content.PublishDoc(ctx, s, c.RealIP(), code, c.Param("kind"), n, on); err != nil {
			return err
		}
		msg := locales.T(ctx, "admin.doc.unpublished")
		if on {
			msg = locales.T(ctx, "admin.doc.published")
		}
		return flashAndGo(c, msg, siteURL(code)+"/"+c.Param("kind"))
	}
}
