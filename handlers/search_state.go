package handlers

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
)

// maxQueryRunes is where a query is cut (issue 4: a 1,000-character query
// is trimmed with a notice).
const maxQueryRunes = 1000

// searchFilter is one multi-condition filter of the results page: its URL
// parameter, the engine's facet key and how a value is checked.
type searchFilter struct {
	Param string // URL parameter
	Facet string // engine facet key (CONTRACTS.md)
	Key   string // locale key of its heading
	Valid func(ref *refdata.Catalog, v string) bool
}

// searchFilters lists the filters in the order their facets are shown:
// category, department and region first (C 0103 7.4 按分类、部门和地区展现).
var searchFilters = []searchFilter{
	{"type", "type", "search.facet.type", func(_ *refdata.Catalog, v string) bool { return refdata.MatterTypes.Has(v) }},
	{"dept", "dept", "search.facet.dept", func(ref *refdata.Catalog, v string) bool { _, ok := ref.Department(v); return ok }},
	{"at", "region", "search.facet.region", searchValidRegion},
	{"audience", "audience", "search.facet.audience", func(_ *refdata.Catalog, v string) bool { return refdata.AudienceGroups.Has(v) }},
	{"theme_n", "theme_n", "search.facet.theme_n", func(_ *refdata.Catalog, v string) bool { return refdata.NaturalThemes.Has(v) }},
	{"theme_l", "theme_l", "search.facet.theme_l", func(_ *refdata.Catalog, v string) bool { return refdata.LegalThemes.Has(v) }},
	{"level", "level", "search.facet.level", func(_ *refdata.Catalog, v string) bool { return refdata.MatterLevels.Has(v) }},
	{"jurisdiction", "scope", "search.facet.jurisdiction", func(_ *refdata.Catalog, v string) bool { return refdata.Scopes.Has(v) }},
	{"online", "online", "search.facet.online", func(_ *refdata.Catalog, v string) bool { return refdata.YesNo.Has(v) }},
}

// searchValidRegion accepts National, a known region, or a township or
// village code below a known county (villages are loaded only on demand,
// yet documents may name them).
func searchValidRegion(ref *refdata.Catalog, v string) bool {
	if v == refdata.National {
		return true
	}
	if _, ok := ref.Region(v); ok {
		return true
	}
	c, ok := refdata.Canonical(v)
	if !ok || len(c) <= 6 {
		return false
	}
	_, ok = ref.Region(c[:6])
	return ok
}

// searchScopes are the tabs, in order (C 0103 7.4: 应用服务、自然人服务、
// 法人服务、办事指南、行政权力, plus policies).
var searchScopes = []string{search.ScopeAll, search.ScopeApp, search.ScopeNatural, search.ScopeLegal,
	search.ScopeGuide, search.ScopePower, search.ScopePolicy}

var searchSorts = []string{search.SortRelevance, search.SortName, search.SortUpdated, search.SortPopular}

// maxValuesPerFilter bounds OR-ed values of one filter in a URL.
const maxValuesPerFilter = 10

// searchState is one results page's state, parsed from and written back to
// GET parameters so every state is a bookmarkable URL.
type searchState struct {
	Q       string
	Scope   string
	Filters map[string][]string // URL parameter → values
	Region  string              // cascade choice (办理地区)
	Sort    string
	Page    int
	Exact   bool // the visitor asked for the query as typed, uncorrected

	Trimmed bool     // the query was cut at maxQueryRunes
	Dropped []string // locale keys of the parameters that were dropped
}

// parseSearchState reads the URL; bad values are dropped and named in
// Dropped (shown as a notice), never an error.
func parseSearchState(ref *refdata.Catalog, v url.Values, region string) searchState {
	s := searchState{Filters: map[string][]string{}, Page: 1}
	s.Q, s.Trimmed = searchCleanQuery(v.Get("q"))
	drop := func(key string) {
		for _, k := range s.Dropped {
			if k == key {
				return
			}
		}
		s.Dropped = append(s.Dropped, key)
	}
	if sc := v.Get("scope"); sc != "" {
		if searchHas(searchScopes, sc) {
			s.Scope = sc
		} else {
			drop("search.param.scope")
		}
	}
	if so := v.Get("sort"); so != "" {
		if searchHas(searchSorts, so) {
			s.Sort = so
		} else {
			drop("search.param.sort")
		}
	}
	if p := v.Get("page"); p != "" {
		if n, err := strconv.Atoi(p); err == nil && n >= 1 {
			s.Page = n
		} else {
			drop("search.param.page")
		}
	}
	s.Exact = v.Get("exact") == "1"
	for _, f := range searchFilters {
		for _, val := range v[f.Param] {
			val = strings.TrimSpace(val)
			switch {
			case val == "":
			case len(s.Filters[f.Param]) >= maxValuesPerFilter || !f.Valid(ref, val):
				drop(f.Key)
			case !searchHas(s.Filters[f.Param], val):
				s.Filters[f.Param] = append(s.Filters[f.Param], val)
			}
		}
	}
	s.Region = region
	return s
}

// searchCleanQuery removes control and format characters (they can never match
// and only confuse logs), folds runs of white space and cuts the text at
// maxQueryRunes. Everything else (SQL or regex metacharacters, emoji,
// mixed scripts) is the engine's to analyse: it never reaches SQL.
func searchCleanQuery(q string) (string, bool) {
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, " ")
	}
	q = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u3000':
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != '\u200d':
			return -1
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(q), " ")
	if utf8.RuneCountInString(q) <= maxQueryRunes {
		return q, false
	}
	return strings.TrimSpace(string([]rune(q)[:maxQueryRunes])), true
}

// HasFilters reports whether any filter or region narrows the results.
func (s searchState) HasFilters() bool {
	return len(s.Filters) > 0 || s.Region != ""
}

// query is the engine query for one page; region is the effective region
// (the cascade's choice, else the visitor's).
func (s searchState) query(limit int, region string) search.Query {
	q := search.Query{Text: s.Q, Scope: s.Scope, Region: region, Sort: s.Sort, Exact: s.Exact,
		Offset: (s.Page - 1) * limit, Limit: limit, Filters: map[string][]string{}}
	for _, f := range searchFilters {
		if vals := s.Filters[f.Param]; len(vals) > 0 {
			q.Filters[f.Facet] = vals
		}
	}
	return q
}

// values writes the state back as URL parameters (page 1 and defaults
// omitted, so each state has one canonical URL).
func (s searchState) values() url.Values {
	v := url.Values{}
	if s.Q != "" {
		v.Set("q", s.Q)
	}
	if s.Scope != "" {
		v.Set("scope", s.Scope)
	}
	for _, f := range searchFilters {
		for _, val := range s.Filters[f.Param] {
			v.Add(f.Param, val)
		}
	}
	if s.Region != "" {
		v.Set("region", s.Region)
	}
	if s.Sort != "" {
		v.Set("sort", s.Sort)
	}
	if s.Exact {
		v.Set("exact", "1")
	}
	if s.Page > 1 {
		v.Set("page", strconv.Itoa(s.Page))
	}
	return v
}

// URL is the state's canonical /search URL.
func (s searchState) URL() string {
	if enc := s.values().Encode(); enc != "" {
		return "/search?" + enc
	}
	return "/search"
}

// with returns a copy changed by fn, back on page 1 (a new result set).
func (s searchState) with(fn func(*searchState)) searchState {
	c := s
	c.Filters = make(map[string][]string, len(s.Filters))
	for k, v := range s.Filters {
		c.Filters[k] = append([]string(nil), v...)
	}
	c.Page = 1
	fn(&c)
	for k, v := range c.Filters {
		if len(v) == 0 {
			delete(c.Filters, k)
		}
	}
	return c
}

func searchHas(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// searchDisplayQuery shortens a long query for titles and headings.
func searchDisplayQuery(q string) string {
	const max = 40
	if utf8.RuneCountInString(q) <= max {
		return q
	}
	return string([]rune(q)[:max]) + "…"
}

// searchSuggestPrefix cleans a typed prefix for the suggestion endpoint: short,
// single-spaced, no control characters.
func searchSuggestPrefix(q string) string {
	q, _ = searchCleanQuery(q)
	if r := []rune(q); len(r) > 64 {
		q = string(r[:64])
	}
	return strings.TrimSpace(q)
}
