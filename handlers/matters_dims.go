package handlers

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/views/components"
	mattersview "github.com/zwfw/portal/views/matters"
)

// dimFacets are the search facets each dimension page counts
// (C 0103 6.3.1–6.3.6); the path segment is the home page's link.
var dimFacets = map[string][]string{
	"type":       {"group", "type"},
	"audience":   {"audience"},
	"department": {"dept"},
	"theme":      {"theme_n", "theme_l", "theme_local"},
	"level":      {"level"},
	"scope":      {"scope"},
}

// counts maps facet key → value → count.
type counts map[string]map[string]int

// dimension is /matters/by/{dim}: every value of one dimension with its
// count in the visitor's region, each linking to the finder.
func (h *mattersHandler) dimension(c echo.Context) error {
	ctx := c.Request().Context()
	dim := c.Param("dim")
	keys, ok := dimFacets[dim]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	region := h.region(c)
	res, err := h.search.Search(ctx, search.Query{Scope: search.ScopeGuide, Region: region, Limit: 1, CountOnly: true, Facets: keys})
	if err != nil {
		return err
	}
	n := counts{}
	for k, fcs := range res.Facets {
		n[k] = map[string]int{}
		for _, fc := range fcs {
			n[k][fc.Value] = fc.Count
		}
	}
	title := locales.T(ctx, "dim."+dim)
	p := mattersview.DimensionProps{
		Title: title, Intro: locales.T(ctx, "dim."+dim+".hint"),
		Breadcrumbs: h.crumbs(ctx, components.Crumb{Text: title}),
		RegionName:  h.regionName(region), RegionHref: regionHref(c), FinderHref: "/matters",
	}
	switch dim {
	case "type":
		p.Sections = h.typeSections(ctx, n)
	case "department":
		p.Sections = h.deptSections(ctx, n, region)
	case "theme":
		local, err := h.localThemes(ctx, region, res.Facets["theme_local"])
		if err != nil {
			return err
		}
		p.Sections = []mattersview.DimSection{
			{Heading: locales.T(ctx, "matters.theme.natural"), Values: h.codeValues(ctx, n, "theme_n", withoutLocal(refdata.NaturalThemes.All()))},
			{Heading: locales.T(ctx, "matters.theme.legal"), Values: h.codeValues(ctx, n, "theme_l", withoutLocal(refdata.LegalThemes.All()))},
			local,
		}
	case "scope":
		p.Sections = h.scopeSections(ctx, n)
	default:
		set := map[string]*refdata.CodeSet{"audience": refdata.AudienceGroups, "level": refdata.MatterLevels}[dim]
		p.Sections = []mattersview.DimSection{{Heading: title, Values: h.codeValues(ctx, n, keys[0], set.All())}}
	}
	return web.Render(c, http.StatusOK, mattersview.Dimension(h.site.Chrome(c), p))
}

// value is one linked value; a zero count gets no link.
func value(label string, count int, q url.Values) mattersview.DimValue {
	v := mattersview.DimValue{Label: label, Count: count}
	if count > 0 {
		v.Href = finderURL(q)
	}
	return v
}

func (h *mattersHandler) codeValues(ctx context.Context, n counts, key string, set []refdata.Code) []mattersview.DimValue {
	out := make([]mattersview.DimValue, 0, len(set))
	for _, c := range set {
		out = append(out, value(facetLabel(ctx, h.ref, key, c.Code), n[key][c.Code], url.Values{key: {c.Code}}))
	}
	return out
}

// typeSections: 行政权力事项 with its ten types, then 公共服务事项 (6.3.1).
func (h *mattersHandler) typeSections(ctx context.Context, n counts) []mattersview.DimSection {
	var out []mattersview.DimSection
	for _, g := range refdata.MatterTypeGroups.All() {
		s := mattersview.DimSection{Heading: facetLabel(ctx, h.ref, "group", g.Code)}
		all := value(locales.T(ctx, "matters.dim.group.all", facetLabel(ctx, h.ref, "group", g.Code)), n["group"][g.Code], url.Values{"group": {g.Code}})
		types := refdata.MatterTypesOf(g.Code)
		if len(types) > 1 {
			all.Children = h.codeValues(ctx, n, "type", types)
		}
		s.Values = []mattersview.DimValue{all}
		out = append(out, s)
	}
	return out
}

// deptSections: the national departments, then the departments of the
// visitor's region when refdata has any (6.3.3).
func (h *mattersHandler) deptSections(ctx context.Context, n counts, region string) []mattersview.DimSection {
	lang := locales.Lang(ctx)
	section := func(heading string, ds []refdata.Department) mattersview.DimSection {
		s := mattersview.DimSection{Heading: heading}
		for _, d := range ds {
			s.Values = append(s.Values, value(d.Label(lang), n["dept"][d.Code], url.Values{"dept": {d.Code}}))
		}
		return s
	}
	out := []mattersview.DimSection{section(locales.T(ctx, "matters.dept.national"), h.ref.DepartmentsIn(refdata.National))}
	for _, code := range h.ref.RegionPath(region) {
		if ds := h.ref.DepartmentsIn(code); len(ds) > 0 && code != refdata.National {
			out = append(out, section(locales.T(ctx, "matters.dept.local", h.ref.ShortName(code)), ds))
		}
	}
	return out
}

// scopeSections: 定点办理, then 跨地区通办 with its four ranges (6.3.6).
func (h *mattersHandler) scopeSections(ctx context.Context, n counts) []mattersview.DimSection {
	fixed := value(facetLabel(ctx, h.ref, "scope", refdata.ScopeFixed), n["scope"][refdata.ScopeFixed],
		url.Values{"scope": {refdata.ScopeFixed}})
	cross := url.Values{}
	total := 0
	var children []refdata.Code
	for _, s := range refdata.Scopes.All() {
		if refdata.IsCrossRegion(s.Code) {
			cross.Add("scope", s.Code)
			total += n["scope"][s.Code]
			children = append(children, s)
		}
	}
	all := value(locales.T(ctx, "matters.scope.cross"), total, cross)
	all.Children = h.codeValues(ctx, n, "scope", children)
	return []mattersview.DimSection{
		{Heading: locales.T(ctx, "matters.scope.fixed"), Values: []mattersview.DimValue{fixed}},
		{Heading: locales.T(ctx, "matters.scope.cross"), Values: []mattersview.DimValue{all}},
	}
}

// withoutLocal drops 998 地方特色分类 from a theme list: the local themes
// have their own section, listed by name.
func withoutLocal(cs []refdata.Code) []refdata.Code {
	out := cs[:0]
	for _, c := range cs {
		if c.Code != refdata.ThemeLocal {
			out = append(out, c)
		}
	}
	return out
}

// localThemes is 地方特色分类 (998, C 0103 6.3.4): the sub-sites' own theme
// names, each with its count, under one entry for all of them.
func (h *mattersHandler) localThemes(ctx context.Context, region string, fcs []search.FacetCount) (mattersview.DimSection, error) {
	heading := refdata.NaturalThemes.Label(refdata.ThemeLocal, locales.Lang(ctx))
	s := mattersview.DimSection{Heading: heading, Intro: locales.T(ctx, "matters.theme.local")}
	all := url.Values{}
	var children []mattersview.DimValue
	for _, fc := range fcs {
		all.Add("theme_local", fc.Value)
		children = append(children, value(fc.Value, fc.Count, url.Values{"theme_local": {fc.Value}}))
	}
	total := 0
	if len(all) > 0 {
		res, err := h.search.Search(ctx, search.Query{Scope: search.ScopeGuide, Region: region, Limit: 1, CountOnly: true, Filters: all})
		if err != nil {
			return s, err
		}
		total = res.Total
	}
	v := value(locales.T(ctx, "matters.dim.group.all", heading), total, all)
	v.Children = children
	s.Values = []mattersview.DimValue{v}
	return s, nil
}
