package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	searchview "github.com/zwfw/portal/views/search"
)

// searchHandler serves the search pages of C 0103 7.4: /search and the
// JSON endpoints under /api/v1/search used by the suggestion combobox.
type searchHandler struct {
	site   *web.Site
	ref    *refdata.Catalog
	svc    searchService
	region func(c echo.Context) string // the visitor's region, "" when unknown
	geo    *countyLocator
}

const (
	hotWordsShown = 12
	recsShown     = 5
	suggestShown  = 8
)

func registerSearch(app *App, d Deps) {
	h := &searchHandler{site: app.Site, ref: d.Ref, svc: engineService{e: d.Search},
		region: RegionFromRequest, geo: mustCountyLocator()}
	app.searchWarmer = newSearchWarmer(h, d.Search)
	app.Echo.GET("/search", h.page)
	web.CompressesItself("/search") // hot queries repeat: their chunks come from the memo
	app.Echo.GET("/api/v1/search/suggest", h.suggest)
	app.Echo.GET("/api/v1/search/messages", h.messages)
	app.Echo.GET("/api/v1/search/nearest", h.nearest)
}

// page is /search?q=…&scope=…&<filters>.
func (h *searchHandler) page(c echo.Context) error {
	ctx := c.Request().Context()
	visitor := h.region(c)
	st := parseSearchState(h.ref, c.QueryParams(), h.cascadeRegion(c))
	p := searchview.Props{Query: st.Q, Heading: searchDisplayQuery(st.Q), GeoEndpoint: "/api/v1/search/nearest",
		GeoParam: "region", GeoDropParam: "page province city county"}
	p.Notices = h.notices(ctx, st, false)
	if st.Q == "" && !st.HasFilters() && st.Scope == "" {
		h.addDiscovery(ctx, &p, visitor, nil, true)
		return web.RenderStitched(c, http.StatusOK, searchview.Page(h.site.Chrome(c), p))
	}
	eff := st.Region
	if eff == "" {
		eff = visitor
	}
	res, tabs, sugg, err := h.run(ctx, &st, eff)
	if err != nil {
		return err
	}
	// Only a query typed into the box is logged (hot words, co-searches):
	// a tab, a facet or the next page of the same query is not a new one.
	if st.Q != "" && st.Page == 1 && !st.HasFilters() && st.Scope == "" {
		h.svc.LogQuery(st.query(searchview.PageSize, eff), res, searchVisitor(c))
	}
	if res.Banned {
		// Nothing of the query is echoed back (C 0103 7.4 违禁词识别).
		p.Query, p.Heading, p.Banned = "", "", locales.T(ctx, "search.banned")
		h.addDiscovery(ctx, &p, visitor, nil, false)
		return web.RenderStitched(c, http.StatusOK, searchview.Page(h.site.Chrome(c), p))
	}
	if res.Trimmed && !st.Trimmed {
		st.Trimmed = true
	}
	p.Notices = h.notices(ctx, st, res.Trimmed)
	h.fillResults(ctx, &p, st, res, tabs, eff, visitor)
	p.Suggestions = searchSuggestionLinks(sugg, st.Q)
	if res.Corrected != "" {
		orig := st.with(func(s *searchState) { s.Exact = true })
		p.Correction = &searchview.Correction{Corrected: res.Corrected, Original: st.Q, OriginalURL: orig.URL()}
	}
	var near []*search.Doc
	for i := 0; i < len(res.Hits) && i < 3; i++ {
		near = append(near, res.Hits[i].Doc)
	}
	// Recommendations follow the region searched in; hot words help when
	// there is nothing else to read.
	h.addDiscovery(ctx, &p, eff, near, res.Total == 0)
	return web.RenderStitched(c, http.StatusOK, searchview.Page(h.site.Chrome(c), p))
}

// run performs the page's query, the per-scope counts of the tabs and the
// suggestions. The tabs come from the facet counts of one unscoped query
// (search.ScopeCounts): the page's own query when no scope is chosen, else
// one count-only query beside it. A page past the end shows the last page.
func (h *searchHandler) run(ctx context.Context, st *searchState, region string) (search.Result, map[string]int, []search.Suggestion, error) {
	var (
		wg   sync.WaitGroup
		sugg []search.Suggestion
		all  search.Result
		aerr error
	)
	if st.Q != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sugg, _ = h.svc.Suggest(ctx, searchSuggestPrefix(st.Q), suggestShown)
		}()
		if st.Scope != "" {
			wg.Add(1)
			go func() {
				defer wg.Done()
				q := st.query(1, region)
				q.Scope, q.Offset, q.CountOnly, q.Facets = search.ScopeAll, 0, true, search.ScopeFacets
				all, aerr = h.svc.Search(ctx, q)
			}()
		}
	}
	q := st.query(searchview.PageSize, region)
	q.Facets = searchFacetKeys()
	if st.Q != "" && st.Scope == "" {
		for _, k := range search.ScopeFacets {
			if !searchHas(q.Facets, k) {
				q.Facets = append(q.Facets, k)
			}
		}
	}
	res, err := h.svc.Search(ctx, q)
	if err == nil && len(res.Hits) == 0 && res.Total > 0 && st.Page > 1 {
		st.Page = searchPages(res.Total)
		q.Offset = (st.Page - 1) * searchview.PageSize
		res, err = h.svc.Search(ctx, q)
	}
	wg.Wait()
	tabs := map[string]int{}
	switch {
	case st.Q == "":
	case st.Scope == "":
		tabs = search.ScopeCounts(res)
	case aerr == nil:
		tabs = search.ScopeCounts(all)
	}
	tabs[st.Scope] = res.Total
	return res, tabs, sugg, err
}

func searchFacetKeys() []string {
	keys := make([]string, len(searchFilters))
	for i, f := range searchFilters {
		keys[i] = f.Facet
	}
	return keys
}

func searchPages(total int) int {
	return (total + searchview.PageSize - 1) / searchview.PageSize
}

// searchVisitor is an opaque per-browser key for co-searches: a hash of
// the CSRF cookie, which every visitor has; never a user id.
func searchVisitor(c echo.Context) string {
	tok := web.CSRFToken(c)
	if tok == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("search-visitor:" + tok))
	return hex.EncodeToString(sum[:8])
}

// notices explains what was changed in the request: a cut query, dropped
// parameters.
func (h *searchHandler) notices(ctx context.Context, st searchState, trimmed bool) []string {
	var out []string
	if st.Trimmed || trimmed {
		out = append(out, locales.T(ctx, "search.notice.trimmed", maxQueryRunes))
	}
	for _, key := range st.Dropped {
		out = append(out, locales.T(ctx, "search.notice.dropped", locales.T(ctx, key)))
	}
	return out
}

// addDiscovery adds recommendations ("为您推荐") and, when asked, the hot
// words; failures only leave them out.
func (h *searchHandler) addDiscovery(ctx context.Context, p *searchview.Props, region string, near []*search.Doc, hot bool) {
	lang := locales.Lang(ctx)
	if hot {
		words, _ := h.svc.HotWords(ctx, hotWordsShown)
		for _, w := range words {
			p.HotWords = append(p.HotWords, searchview.Link{Text: w, Href: searchState{Q: w}.URL()})
		}
	}
	recs, err := h.svc.Recommend(ctx, recRequest{Near: near, Region: region, Limit: recsShown})
	if err != nil {
		return
	}
	for _, r := range recs {
		p.Recs = append(p.Recs, searchview.Rec{Title: r.Doc.Title, Href: r.Doc.URL, Reason: h.recReason(ctx, r)})
	}
	if len(p.Recs) > 0 && region != "" {
		p.RecsRegion = h.regionLabel(region, lang)
	}
}
