package handlers

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/views/components"
	mattersview "github.com/zwfw/portal/views/matters"
)

// finder is /matters: every dimension of C 0103 6.3 as GET parameters in
// one page, with a count beside every value, sorting and pagination.
func (h *mattersHandler) finder(c echo.Context) error {
	ctx := c.Request().Context()
	st := parseFinder(h.ref, c.QueryParams())
	region := finderRegion(h.ref, h.region(c), st.Filters["site"])
	res, facets, err := h.runFinder(ctx, &st, region)
	if err != nil {
		return err
	}
	pages := lastPage(res.Total)
	p := mattersview.FinderProps{
		Title:       locales.T(ctx, "matters.finder.title"),
		Breadcrumbs: []components.Crumb{{Text: locales.T(ctx, "nav.home"), Href: "/"}, {Text: locales.T(ctx, "matters.nav")}},
		RegionName:  h.regionName(region),
		RegionHref:  regionHref(c),
		Total:       res.Total,
		Start:       (st.Page-1)*finderPageSize + 1,
		Pagination:  components.PaginationProps{BaseURL: "/matters", Query: st.values(), Page: st.Page, Total: pages},
	}
	if pages > 1 {
		p.PageSummary = locales.T(ctx, "matters.finder.page", st.Page, pages)
	}
	for _, d := range st.Dropped {
		p.Notices = append(p.Notices, locales.T(ctx, "matters.finder.dropped", d))
	}
	if st.Clamped {
		p.Notices = append(p.Notices, locales.T(ctx, "matters.finder.lastpage", st.Page))
	}
	h.finderFilters(ctx, st, facets, &p)
	for _, hit := range res.Hits {
		p.Results = append(p.Results, h.result(ctx, hit.Doc))
	}
	return web.RenderStitched(c, http.StatusOK, mattersview.Finder(h.site.Chrome(c), p))
}

// finderRegion is the region context of the finder: the visitor's, except
// that a sub-site's list (site=…) follows siteRegion, and a list over
// several sub-sites is nationwide.
func finderRegion(ref *refdata.Catalog, visitor string, siteCodes []string) string {
	switch len(siteCodes) {
	case 0:
		return visitor
	case 1:
		return siteRegion(ref, siteCodes[0], visitor)
	}
	return ""
}

// runFinder runs the page's query and, for each dimension with a chosen
// value, one more query without that dimension's filter: a value's count
// is then "how many results if you choose it" (disjunctive facets), which
// stays right for checkboxes that OR within a dimension. A page past the
// end is answered with the last page.
func (h *mattersHandler) runFinder(ctx context.Context, st *finderState, region string) (search.Result, map[string][]search.FacetCount, error) {
	q := search.Query{Scope: search.ScopeGuide, Filters: st.Filters, Region: region, Sort: st.Sort,
		Offset: (st.Page - 1) * finderPageSize, Limit: finderPageSize, Facets: finderDims}
	res, err := h.search.Search(ctx, q)
	if err != nil {
		return res, nil, err
	}
	if last := lastPage(res.Total); st.Page > last {
		st.Page, st.Clamped = last, true
		q.Offset = (st.Page - 1) * finderPageSize
		if res, err = h.search.Search(ctx, q); err != nil {
			return res, nil, err
		}
	}
	facets := map[string][]search.FacetCount{}
	for k, v := range res.Facets {
		facets[k] = v
	}
	for dim := range st.Filters {
		sub, err := h.search.Search(ctx, search.Query{Scope: search.ScopeGuide, Filters: st.filtersWithout(dim),
			Region: region, Limit: 1, CountOnly: true, Facets: []string{dim}})
		if err != nil {
			return res, nil, err
		}
		facets[dim] = sub.Facets[dim]
	}
	return res, facets, nil
}

// finderFilters fills the form's checkbox groups, the sort menu and the
// active-filter summary.
func (h *mattersHandler) finderFilters(ctx context.Context, st finderState, facets map[string][]search.FacetCount, p *mattersview.FinderProps) {
	for _, dim := range finderDims {
		chosen := st.Filters[dim]
		if dim == "site" {
			// The sub-site is context, not a checkbox: the form carries it.
			for _, v := range chosen {
				p.Hidden = append(p.Hidden, mattersview.Hidden{Name: dim, Value: v})
			}
		} else if g, ok := h.facetGroup(ctx, dim, chosen, facets[dim]); ok {
			p.Groups = append(p.Groups, g)
		}
		for _, v := range chosen {
			p.Active = append(p.Active, mattersview.ActiveFilter{Dimension: locales.T(ctx, "matters.dim."+dim),
				Value: facetLabel(ctx, h.ref, dim, v), RemoveHref: finderURL(st.without(dim, v))})
		}
	}
	if st.hasFilters() {
		p.ClearHref = "/matters"
		if st.Sort != "" {
			p.ClearHref += "?sort=" + st.Sort
		}
	}
	p.Sort = components.SelectProps{Field: components.Field{Name: "sort", Value: st.Sort}, Label: locales.T(ctx, "matters.sort")}
	for _, s := range finderSorts {
		p.Sort.Options = append(p.Sort.Options, components.SelectOption{Value: s, Text: locales.T(ctx, "matters.sort."+orDefaultStr(s, "relevance"))})
	}
}

// facetGroup builds one checkbox group: values in code-set order with their
// counts; values with no result are left out unless chosen, so a list of 52
// departments shows only those that have matters here.
func (h *mattersHandler) facetGroup(ctx context.Context, dim string, chosen []string, counts []search.FacetCount) (mattersview.FacetGroup, bool) {
	n := map[string]int{}
	for _, fc := range counts {
		n[fc.Value] = fc.Count
	}
	g := mattersview.FacetGroup{Name: dim, Legend: locales.T(ctx, "matters.dim."+dim), Open: len(chosen) > 0}
	for _, v := range h.dimValues(dim, counts) {
		if n[v] == 0 && !slices.Contains(chosen, v) {
			continue
		}
		g.Items = append(g.Items, components.CheckboxItem{Value: v, Checked: slices.Contains(chosen, v),
			Text: locales.T(ctx, "matters.facet", facetLabel(ctx, h.ref, dim, v), n[v])})
	}
	return g, len(g.Items) > 0
}

// dimValues lists a dimension's values in display order: the code set's
// order, or by count for the open-ended ones (departments, local themes).
func (h *mattersHandler) dimValues(dim string, counts []search.FacetCount) []string {
	var set []refdata.Code
	switch dim {
	case "group":
		set = refdata.MatterTypeGroups.All()
	case "type":
		set = refdata.MatterTypes.All()
	case "audience":
		set = refdata.AudienceGroups.All()
	case "theme_n":
		set = refdata.NaturalThemes.All()
	case "theme_l":
		set = refdata.LegalThemes.All()
	case "level":
		set = refdata.MatterLevels.All()
	case "scope":
		set = refdata.Scopes.All()
	case "online":
		return []string{"1", "0"}
	default:
		out := make([]string, 0, len(counts))
		for _, fc := range counts {
			out = append(out, fc.Value)
		}
		return out
	}
	out := make([]string, 0, len(set))
	for _, c := range set {
		out = append(out, c.Code)
	}
	return out
}

// result maps one hit to a list entry: department, region and type as
// words, and tags for online handling and 通办.
func (h *mattersHandler) result(ctx context.Context, d *search.Doc) mattersview.Result {
	r := mattersview.Result{Title: d.Title, Href: d.URL}
	first := func(k string) string {
		if vs := d.Facets[k]; len(vs) > 0 {
			return vs[0]
		}
		return ""
	}
	if v := first("dept"); v != "" {
		r.Meta = append(r.Meta, facetLabel(ctx, h.ref, "dept", v))
	}
	if v := first("region"); v == refdata.National {
		r.Meta = append(r.Meta, locales.T(ctx, "matters.region.national"))
	} else if v != "" {
		r.Meta = append(r.Meta, h.ref.ShortName(v))
	}
	if v := first("type"); v != "" {
		r.Meta = append(r.Meta, facetLabel(ctx, h.ref, "type", v))
	}
	if first("online") == "1" {
		r.Tags = append(r.Tags, locales.T(ctx, "matters.online.yes"))
	}
	if v := first("scope"); refdata.IsCrossRegion(v) {
		r.Tags = append(r.Tags, facetLabel(ctx, h.ref, "scope", v))
	}
	return r
}

func orDefaultStr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
