package handlers

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
)

// finderDims are the finder's filter parameters in form order. Each GET
// parameter has the name of the search facet it filters (CONTRACTS.md), so
// a finder URL reads like its query: /matters?type=01&audience=natural.
// The six dimensions of C 0103 6.3.1–6.3.6 are group/type, audience, dept,
// theme_n/theme_l (+ theme_local, 998), level and scope; online and site
// narrow further (a sub-site's matters, 8.2 d).
var finderDims = []string{"group", "type", "audience", "dept", "theme_n", "theme_l", "theme_local", "level", "scope", "online", "site"}

// maxFilterValues bounds the values one parameter may carry: more than
// every code of the largest set is not a real request.
const maxFilterValues = 60

// finderPageSize is the number of results per finder page.
const finderPageSize = 20

// finderMaxPage is the deepest page offered: the engine pages no further
// than 10 000 results; narrower filters reach the rest.
const finderMaxPage = 500

// lastPage is the number of pages for total results (≥ 1).
func lastPage(total int) int {
	return max(1, min((total+finderPageSize-1)/finderPageSize, finderMaxPage))
}

// finderSorts are the accepted sort orders (search.Sort*), in menu order.
var finderSorts = []string{search.SortRelevance, search.SortName, search.SortUpdated, search.SortPopular}

// finderState is a decoded, validated finder URL.
type finderState struct {
	Filters map[string][]string // valid values only, deduplicated, in URL order
	Sort    string
	Page    int      // ≥ 1; runFinder clamps it to the last page
	Clamped bool     // the requested page was past the end
	Dropped []string // "参数=值" of each value that was dropped
}

// parseFinder validates every parameter: unknown values are dropped and
// reported so the page can say so (never a 500, issue 3 "Bad input").
func parseFinder(ref *refdata.Catalog, q url.Values) finderState {
	st := finderState{Filters: map[string][]string{}, Page: 1}
	for _, dim := range finderDims {
		seen := map[string]bool{}
		for _, v := range q[dim] {
			v = strings.TrimSpace(v)
			switch {
			case v == "" || seen[v]:
				continue
			case len(st.Filters[dim]) >= maxFilterValues || !validFilter(ref, dim, v):
				st.Dropped = append(st.Dropped, dim+"="+clip(v))
				continue
			}
			seen[v] = true
			st.Filters[dim] = append(st.Filters[dim], v)
		}
	}
	if s := q.Get("sort"); s != "" {
		if validSort(s) {
			st.Sort = s
		} else {
			st.Dropped = append(st.Dropped, "sort="+clip(s))
		}
	}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			st.Dropped = append(st.Dropped, "page="+clip(p))
		} else {
			st.Page = n
		}
	}
	return st
}

// validFilter checks one value against its code set.
func validFilter(ref *refdata.Catalog, dim, v string) bool {
	switch dim {
	case "group":
		return refdata.MatterTypeGroups.Has(v)
	case "type":
		return refdata.MatterTypes.Has(v)
	case "audience":
		return refdata.AudienceGroups.Has(v)
	case "dept":
		_, ok := ref.Department(v)
		return ok
	case "theme_n":
		return refdata.NaturalThemes.Has(v)
	case "theme_l":
		return refdata.LegalThemes.Has(v)
	case "theme_local":
		// Local theme names are free text chosen by each sub-site.
		return utf8.RuneCountInString(v) <= 30 && !strings.ContainsAny(v, "<>\"'&\x00")
	case "level":
		return refdata.MatterLevels.Has(v)
	case "scope":
		return refdata.Scopes.Has(v)
	case "online":
		return v == "1" || v == "0"
	case "site":
		return sites.SiteName(ref, v) != ""
	}
	return false
}

func validSort(s string) bool {
	for _, v := range finderSorts {
		if v != "" && v == s {
			return true
		}
	}
	return false
}

// clip keeps a dropped value short enough to quote on the page.
func clip(s string) string {
	if utf8.RuneCountInString(s) > 20 {
		return string([]rune(s)[:20]) + "…"
	}
	return s
}

// values is the canonical query of the state without the page: filters in
// dimension order, then sort.
func (st finderState) values() url.Values {
	q := url.Values{}
	for _, dim := range finderDims {
		if vs := st.Filters[dim]; len(vs) > 0 {
			q[dim] = append([]string(nil), vs...)
		}
	}
	if st.Sort != "" {
		q.Set("sort", st.Sort)
	}
	return q
}

// without is the canonical query minus one filter value (the "remove"
// link of an active filter).
func (st finderState) without(dim, value string) url.Values {
	q := st.values()
	var keep []string
	for _, v := range q[dim] {
		if v != value {
			keep = append(keep, v)
		}
	}
	if len(keep) == 0 {
		q.Del(dim)
	} else {
		q[dim] = keep
	}
	return q
}

// hasFilters reports whether any filter is chosen.
func (st finderState) hasFilters() bool { return len(st.Filters) > 0 }

// filtersWithout copies the filters without one dimension (disjunctive
// facet counts).
func (st finderState) filtersWithout(dim string) map[string][]string {
	out := make(map[string][]string, len(st.Filters))
	for k, v := range st.Filters {
		if k != dim {
			out[k] = v
		}
	}
	return out
}

// facetLabel names a facet value for display, in the request's language.
func facetLabel(ctx context.Context, ref *refdata.Catalog, dim, v string) string {
	lang := locales.Lang(ctx)
	switch dim {
	case "group":
		return refdata.MatterTypeGroups.Label(v, lang)
	case "type":
		return refdata.MatterTypes.Label(v, lang)
	case "audience":
		return refdata.AudienceGroups.Label(v, lang)
	case "dept":
		if d, ok := ref.Department(v); ok {
			return d.Label(lang)
		}
	case "theme_n":
		return refdata.NaturalThemes.Label(v, lang)
	case "theme_l":
		return refdata.LegalThemes.Label(v, lang)
	case "level":
		return refdata.MatterLevels.Label(v, lang)
	case "scope":
		return refdata.Scopes.Label(v, lang)
	case "online":
		if v == "1" {
			return locales.T(ctx, "matters.online.yes")
		}
		return locales.T(ctx, "matters.online.no")
	case "site":
		return sites.SiteName(ref, v)
	}
	return v
}
