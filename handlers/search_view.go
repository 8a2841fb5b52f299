package handlers

import (
	"context"
	"strings"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	searchview "github.com/zwfw/portal/views/search"
)

// facetShown is how many values of one facet are listed.
const facetShown = 10

// fillResults maps the engine's answer to the results page.
func (h *searchHandler) fillResults(ctx context.Context, p *searchview.Props, st searchState, res search.Result,
	tabs map[string]int, eff, visitor string) {
	lang := locales.Lang(ctx)
	p.Searched = true
	if res.Total == 0 {
		p.Count = locales.T(ctx, "search.count.none")
		p.EmptyAdvice = true
	} else {
		p.Count = locales.T(ctx, "search.count", res.Total)
	}
	if st.Q != "" {
		for _, sc := range searchScopes {
			t := st.with(func(s *searchState) { s.Scope = sc })
			p.Tabs = append(p.Tabs, searchview.Tab{Label: locales.T(ctx, "search.scope."+searchScopeKey(sc)), Href: t.URL(),
				Count: tabs[sc], Current: sc == st.Scope})
		}
	}
	for _, hit := range res.Hits {
		p.Hits = append(p.Hits, h.hitView(ctx, hit, eff, visitor))
	}
	pager := st
	pager.Page = 1
	p.Pager = searchview.Pager{Base: "/search", Query: pager.values(), Page: st.Page, Pages: searchPages(res.Total)}
	p.Applied = h.applied(lang, st)
	if st.HasFilters() {
		p.ClearURL = st.with(func(s *searchState) { s.Filters, s.Region = nil, "" }).URL()
	}
	// The facets are the grouping of C 0103 7.4 (按分类、部门和地区展现):
	// shown open, after the hits; the visitor may fold them away.
	p.FiltersOpen = true
	for _, f := range searchFilters {
		if g, ok := h.facetGroup(ctx, f, st, res.Facets[f.Facet]); ok {
			p.Groups = append(p.Groups, g)
		}
	}
	p.RegionForm = h.regionForm(ctx, st)
}

func searchScopeKey(sc string) string {
	if sc == "" {
		return "all"
	}
	return sc
}

func (h *searchHandler) hitView(ctx context.Context, hit search.Hit, eff, visitor string) searchview.Hit {
	lang := locales.Lang(ctx)
	d := hit.Doc
	v := searchview.Hit{Title: d.Title, Href: d.URL, Snippet: hit.Snippet, Kind: h.kindLabel(ctx, d)}
	var meta []string
	for _, code := range d.Facets["dept"] {
		meta = append(meta, h.facetLabel(lang, "dept", code))
	}
	if regions := d.Facets["region"]; len(regions) > 0 {
		meta = append(meta, h.facetLabel(lang, "region", regions[0]))
		// C 0103 7.4: results are ranked with the visitor's region first;
		// say so when that is why a hit is here.
		if eff != "" && eff != refdata.National && regions[0] == eff {
			if eff == visitor {
				v.Reason = locales.T(ctx, "search.reason.yours", h.regionLabel(eff, lang))
			} else {
				v.Reason = locales.T(ctx, "search.reason.chosen", h.regionLabel(eff, lang))
			}
		}
	}
	v.Meta = strings.Join(meta, " · ")
	return v
}

// kindLabel is the hit's tag: its 事项类型 for matters, else its kind.
func (h *searchHandler) kindLabel(ctx context.Context, d *search.Doc) string {
	switch {
	case d.Kind == "matter" && len(d.Facets["type"]) > 0:
		if l := refdata.MatterTypes.Label(d.Facets["type"][0], locales.Lang(ctx)); l != "" {
			return l
		}
	case strings.HasPrefix(d.ID, "interp:"):
		return locales.T(ctx, "search.kind.interp")
	}
	key := "search.kind." + d.Kind
	if locales.Has(key) {
		return locales.T(ctx, key)
	}
	return ""
}

// facetLabel names a facet value in lang, falling back to the value.
func (h *searchHandler) facetLabel(lang, facet, v string) string {
	var l string
	switch facet {
	case "type":
		l = refdata.MatterTypes.Label(v, lang)
	case "dept":
		if d, ok := h.ref.Department(v); ok {
			l = d.Label(lang)
		}
	case "region":
		l = h.regionLabel(v, lang)
	case "audience":
		l = refdata.AudienceGroups.Label(v, lang)
	case "theme_n":
		l = refdata.NaturalThemes.Label(v, lang)
	case "theme_l":
		l = refdata.LegalThemes.Label(v, lang)
	case "level":
		l = refdata.MatterLevels.Label(v, lang)
	case "scope":
		l = refdata.Scopes.Label(v, lang)
	case "online":
		l = locales.Message(lang, "search.online."+v)
	}
	if l == "" || l == "search.online."+v {
		return v
	}
	return l
}

// regionLabel names a region briefly (杭州市西湖区); National is 全国.
func (h *searchHandler) regionLabel(code, lang string) string {
	if code == refdata.National {
		return locales.Message(lang, "search.region.national")
	}
	if n := h.ref.ShortName(code); n != "" {
		return n
	}
	// A village below a known township or county (villages are loaded
	// only on demand): name the place above it.
	for _, n := range []int{9, 6} {
		if len(code) > n {
			if above := h.ref.ShortName(code[:n]); above != "" {
				return locales.Message(lang, "search.region.below", above)
			}
		}
	}
	return code
}

// facetGroup lists one facet's counts as links: a value adds the filter
// (replacing another value of the same key), a selected value removes it.
func (h *searchHandler) facetGroup(ctx context.Context, f searchFilter, st searchState, counts []search.FacetCount) (searchview.FacetGroup, bool) {
	lang := locales.Lang(ctx)
	g := searchview.FacetGroup{ID: "facet-" + f.Param, Heading: locales.T(ctx, f.Key)}
	selected := st.Filters[f.Param]
	for i, fc := range counts {
		if i >= facetShown && len(selected) == 0 {
			// Only the first values are shown: a region facet at a
			// million items has thousands, counted, not looked at.
			g.More += len(counts) - i
			break
		}
		sel := searchHas(selected, fc.Value)
		if i >= facetShown && !sel {
			g.More++
			continue
		}
		next := st.with(func(s *searchState) {
			if sel {
				s.Filters[f.Param] = searchWithout(s.Filters[f.Param], fc.Value)
			} else {
				s.Filters[f.Param] = []string{fc.Value}
			}
		})
		g.Options = append(g.Options, searchview.FacetOption{Label: h.facetLabel(lang, f.Facet, fc.Value),
			Href: next.URL(), Count: fc.Count, Selected: sel})
	}
	return g, len(g.Options) > 0
}

// applied lists the active filters, each with a link that removes it.
func (h *searchHandler) applied(lang string, st searchState) []searchview.Applied {
	var out []searchview.Applied
	for _, f := range searchFilters {
		for _, v := range st.Filters[f.Param] {
			next := st.with(func(s *searchState) { s.Filters[f.Param] = searchWithout(s.Filters[f.Param], v) })
			out = append(out, searchview.Applied{
				Label:     locales.Message(lang, "search.filters.item", locales.Message(lang, f.Key), h.facetLabel(lang, f.Facet, v)),
				RemoveURL: next.URL()})
		}
	}
	if st.Region != "" {
		next := st.with(func(s *searchState) { s.Region = "" })
		out = append(out, searchview.Applied{
			Label:     locales.Message(lang, "search.filters.item", locales.Message(lang, "search.region"), h.ref.Path(st.Region)),
			RemoveURL: next.URL()})
	}
	return out
}

func searchWithout(list []string, v string) []string {
	out := make([]string, 0, len(list))
	for _, x := range list {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

// searchSuggestionLinks are the no-JS twin of the combobox: the same
// suggestions, minus the query itself.
func searchSuggestionLinks(sugg []search.Suggestion, q string) []searchview.Link {
	var out []searchview.Link
	for _, s := range sugg {
		if s.Text == "" || s.Text == q {
			continue
		}
		href := s.URL
		if href == "" {
			href = searchState{Q: s.Text}.URL()
		}
		out = append(out, searchview.Link{Text: s.Text, Href: href})
	}
	return out
}

// recReason says why a recommendation is offered.
func (h *searchHandler) recReason(ctx context.Context, r recommendation) string {
	lang := locales.Lang(ctx)
	switch r.Reason {
	case "theme_n", "theme_l":
		return locales.T(ctx, "search.rec.theme", h.facetLabel(lang, r.Reason, r.Value))
	case "dept":
		return locales.T(ctx, "search.rec.dept", h.facetLabel(lang, "dept", r.Value))
	case "cosearch":
		return locales.T(ctx, "search.rec.cosearch")
	case "history":
		return locales.T(ctx, "search.rec.history", r.Value)
	case "region":
		return locales.T(ctx, "search.rec.region", h.regionLabel(r.Value, lang))
	case "popular":
		return locales.T(ctx, "search.rec.popular")
	}
	return ""
}
