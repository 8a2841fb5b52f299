package handlers

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/views/components"
	sitesview "github.com/zwfw/portal/views/sites"
)

// relatedShown bounds the related interpretations listed under a policy.
const relatedShown = 20

// docID parses the :id of a document path; a malformed id is a 404.
func docID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

// policy is /sites/{code}/policies/{id} (政策服务, 8.2 a) with the
// interpretations that explain it, from any site.
func (h *sitesHandler) policy(c echo.Context) error {
	ctx := c.Request().Context()
	code, name, err := h.siteOf(c)
	if err != nil {
		return err
	}
	id, err := docID(c)
	if err != nil {
		return err
	}
	pol, err := sites.GetPolicy(ctx, h.st, code, id)
	if err != nil {
		return err
	}
	related, err := sites.InterpretationsOf(ctx, h.st, id, relatedShown)
	if err != nil {
		return err
	}
	p := sitesview.DocProps{Title: pol.Title, Body: sites.Paragraphs(pol.Body),
		Breadcrumbs: h.crumbs(ctx, code, name, h.column(ctx, code, "policies"), components.Crumb{Text: pol.Title})}
	p.Facts.Rows = factRows(ctx, [][2]string{{"number", pol.DocNumber}, {"issuer", pol.Issuer},
		{"date", dateText(ctx, pol.IssuedOn)}, {"source", pol.Source}})
	s := sitesview.Section{Heading: locales.T(ctx, "sites.policy.interpretations"), Empty: locales.T(ctx, "sites.home.none")}
	for _, in := range related {
		s.Entries = append(s.Entries, sitesview.Entry{Title: in.Title, Href: docHref(in.SiteCode, "interpretations", in.ID),
			Meta: sites.SiteName(h.ref, in.SiteCode) + " · " + dateText(ctx, in.PublishedOn)})
	}
	p.Sections = append(p.Sections, s)
	return web.Render(c, http.StatusOK, sitesview.Doc(h.site.Chrome(c), p))
}

// interpretation is /sites/{code}/interpretations/{id} (政策解读, 8.2 b):
// linked to its policy and to the items it affects.
func (h *sitesHandler) interpretation(c echo.Context) error {
	ctx := c.Request().Context()
	code, name, err := h.siteOf(c)
	if err != nil {
		return err
	}
	id, err := docID(c)
	if err != nil {
		return err
	}
	in, err := sites.GetInterpretation(ctx, h.st, code, id)
	if err != nil {
		return err
	}
	p := sitesview.DocProps{Title: in.Title, Body: sites.Paragraphs(in.Body),
		Breadcrumbs: h.crumbs(ctx, code, name, h.column(ctx, code, "interpretations"), components.Crumb{Text: in.Title})}
	p.Facts.Rows = factRows(ctx, [][2]string{{"date", dateText(ctx, in.PublishedOn)}, {"source", in.Source}})
	policy := sitesview.Section{Heading: locales.T(ctx, "sites.interp.policy"), Empty: locales.T(ctx, "sites.interp.nopolicy")}
	if in.PolicyID != nil {
		pols, err := sites.PoliciesByID(ctx, h.st, []int64{*in.PolicyID})
		if err != nil {
			return err
		}
		if pol, ok := pols[*in.PolicyID]; ok {
			policy.Entries = append(policy.Entries, policyEntry(ctx, pol))
		}
	}
	items, err := h.itemSection(ctx, locales.T(ctx, "sites.interp.items"), in.ItemCodes)
	if err != nil {
		return err
	}
	p.Sections = append(p.Sections, policy, items)
	return web.Render(c, http.StatusOK, sitesview.Doc(h.site.Chrome(c), p))
}

// topic is /sites/{code}/topics/{id} (政务服务专题, 8.2 c).
func (h *sitesHandler) topic(c echo.Context) error {
	ctx := c.Request().Context()
	code, name, err := h.siteOf(c)
	if err != nil {
		return err
	}
	id, err := docID(c)
	if err != nil {
		return err
	}
	t, err := sites.GetTopic(ctx, h.st, code, id)
	if err != nil {
		return err
	}
	items, err := h.itemSection(ctx, locales.T(ctx, "sites.topic.items"), t.ItemCodes)
	if err != nil {
		return err
	}
	p := sitesview.DocProps{Title: t.Title, Lead: t.Summary, Sections: []sitesview.Section{items},
		Breadcrumbs: h.crumbs(ctx, code, name, h.column(ctx, code, "topics"), components.Crumb{Text: t.Title})}
	return web.Render(c, http.StatusOK, sitesview.Doc(h.site.Chrome(c), p))
}

// column is the breadcrumb of a sub-site's column (政策服务 …), which is a
// section of the sub-site's home.
func (h *sitesHandler) column(ctx context.Context, code, kind string) components.Crumb {
	return components.Crumb{Text: locales.T(ctx, "sites.home."+kind), Href: "/sites/" + code + "#" + kind}
}

// itemSection lists linked items with where and by whom they are handled.
func (h *sitesHandler) itemSection(ctx context.Context, heading string, codes []string) (sitesview.Section, error) {
	s := sitesview.Section{Heading: heading, Empty: locales.T(ctx, "sites.items.none")}
	refs, err := sites.LinkedItems(ctx, h.st, codes)
	if err != nil {
		return s, err
	}
	for _, r := range refs {
		place := locales.T(ctx, "matters.region.national")
		if n := h.ref.ShortName(r.RegionCode); n != "" {
			place = n
		}
		s.Entries = append(s.Entries, sitesview.Entry{Title: r.Name, Href: "/matters/" + r.Code, Meta: place + " · " + r.BodyName})
	}
	return s, nil
}

// factRows turns (key, value) pairs into summary rows, skipping empty values.
func factRows(ctx context.Context, kv [][2]string) []components.SummaryRow {
	var out []components.SummaryRow
	for _, p := range kv {
		if p[1] != "" {
			out = append(out, components.SummaryRow{Key: locales.T(ctx, "sites.fact."+p[0]), Value: p[1]})
		}
	}
	return out
}

// dateText formats a date as 2024年3月15日 (zh) or 2024-03-15 (en).
func dateText(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return locales.T(ctx, "sites.date", t.Year(), int(t.Month()), t.Day())
}
