package handlers

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/components"
	ucview "github.com/zwfw/portal/views/usercenter"
)

var licenceClasses = []string{usercenter.ClassA, usercenter.ClassB, usercenter.ClassC, usercenter.ClassD}

// licencesPage is GET /me/licences (C 0103 7.7 i; L3 only).
func (h *accountHandler) licencesPage(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	p := ucview.LicencesProps{Shell: h.shell(c, "usercenter.licences")}
	if h.licences == nil {
		p.Notice = locales.T(ctx, "usercenter.licences.missing")
		return web.Render(c, http.StatusOK, ucview.Licences(h.chrome(c), p))
	}
	p.Demo = h.licences.Test()
	ls, removed, err := usercenter.LinkedLicences(ctx, h.st, h.licences, u.ID, usercenter.HolderOf(u))
	if err != nil {
		return err
	}
	p.Removed = removed
	for _, l := range ls {
		p.Cards = append(p.Cards, ucview.LicenceCard{Title: l.Name, Href: "/me/licences/" + url.PathEscape(l.ID),
			Number: maskLicence(l), Class: locales.T(ctx, "usercenter.licence.class", l.TrustClass), Valid: validity(c, l)})
	}
	for _, k := range licenceClasses {
		p.Classes = append(p.Classes, components.SummaryRow{Key: locales.T(ctx, "usercenter.licence.class", k),
			Value: locales.T(ctx, "usercenter.licence.class."+k)})
	}
	return web.Render(c, http.StatusOK, ucview.Licences(h.chrome(c), p))
}

// maskLicence shows a licence number masked by its kind (reference.md §6).
func maskLicence(l usercenter.Licence) string {
	switch l.Kind {
	case "business":
		return users.MaskCreditCode(l.Number)
	case "idcard", "driving", "social":
		return users.MaskIDNumber(l.Number)
	}
	return l.Number
}

func validity(c echo.Context, l usercenter.Licence) string {
	ctx := c.Request().Context()
	if l.ValidUntil.IsZero() {
		return locales.T(ctx, "usercenter.licence.valid.long", dateOnly(l.IssuedOn))
	}
	return locales.T(ctx, "usercenter.licence.valid.until", dateOnly(l.IssuedOn), dateOnly(l.ValidUntil))
}

// licencePage is GET /me/licences/{id}: details, trust class and the
// matters the licence serves (办理与该证照相关的业务).
func (h *accountHandler) licencePage(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	if h.licences == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	l, err := usercenter.GetLicence(ctx, h.st, h.licences, u.ID, usercenter.HolderOf(u), c.Param("id"))
	if err != nil {
		return err
	}
	s := h.shell(c, "usercenter.licences")
	s.Title = l.Name
	s.Crumbs = append(s.Crumbs[:2], components.Crumb{Text: locales.T(ctx, "usercenter.licences"), Href: "/me/licences"}, components.Crumb{Text: l.Name})
	p := ucview.LicenceProps{Shell: s, Demo: h.licences.Test(), Class: locales.T(ctx, "usercenter.licence.class", l.TrustClass),
		Meaning: locales.T(ctx, "usercenter.licence.class."+l.TrustClass), Unlink: "/me/licences/" + url.PathEscape(l.ID) + "/unlink",
		Facts: components.SummaryListProps{Rows: []components.SummaryRow{
			{Key: locales.T(ctx, "usercenter.licence.number"), Value: maskLicence(l)},
			{Key: locales.T(ctx, "usercenter.licence.holder"), Value: l.Holder},
			{Key: locales.T(ctx, "usercenter.licence.issuer"), Value: l.Issuer},
			{Key: locales.T(ctx, "usercenter.licence.validity"), Value: validity(c, l)},
		}}}
	p.Matters = h.relatedMatters(c, l)
	return web.Render(c, http.StatusOK, ucview.Licence(h.chrome(c), p))
}

// relatedMatters finds up to five matters for a licence through the search
// engine, in the visitor's region.
func (h *accountHandler) relatedMatters(c echo.Context, l usercenter.Licence) []ucview.Rec {
	if h.find == nil {
		return nil
	}
	var out []ucview.Rec
	seen := map[string]bool{}
	for _, term := range l.Matters {
		res, err := h.find.Search(c.Request().Context(), search.Query{Text: term, Region: RegionFromRequest(c), Limit: 5})
		if err != nil {
			web.Logger(c).Warn("licence matters", "err", err)
			return out
		}
		for _, hit := range res.Hits {
			if hit.Doc == nil || hit.Doc.Kind != "matter" || seen[hit.Doc.URL] || len(out) >= 5 {
				continue
			}
			seen[hit.Doc.URL] = true
			out = append(out, ucview.Rec{Title: hit.Doc.Title, Href: hit.Doc.URL})
		}
	}
	return out
}

// licenceUnlink is POST /me/licences/{id}/unlink: remove the link.
func (h *accountHandler) licenceUnlink(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	if h.licences == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if err := usercenter.UnlinkLicence(ctx, h.st, h.licences, u.ID, usercenter.HolderOf(u), c.Param("id")); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.licence.unlinked"), "/me/licences")
}

// licencesRelink is POST /me/licences/relink: every removed link again.
func (h *accountHandler) licencesRelink(c echo.Context) error {
	ctx := c.Request().Context()
	if err := usercenter.RelinkLicences(ctx, h.st, user(c).ID); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.licences.relinked"), "/me/licences")
}
