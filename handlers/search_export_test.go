package handlers

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
)

// FakeSearch is a small scripted search service so the page tests can pin
// down what the page does with each part of an answer (corrections, bans,
// facets, hot words, recommendations) independently of ranking.
type FakeSearch struct {
	Docs   []search.Doc
	Hot    []string
	Banned string // a query containing it is refused
	Typos  map[string]string

	mu     sync.Mutex
	logged []string
}

// UseFakeSearch re-registers the search routes of app over f.
func UseFakeSearch(app *App, ref *refdata.Catalog, f *FakeSearch) {
	h := &searchHandler{site: app.Site, ref: ref, svc: f, region: func(c echo.Context) string { return c.QueryParam("visitor") },
		geo: mustCountyLocator()}
	app.Echo.GET("/search", h.page)
	app.Echo.GET("/api/v1/search/suggest", h.suggest)
	app.Echo.GET("/api/v1/search/messages", h.messages)
	app.Echo.GET("/api/v1/search/nearest", h.nearest)
}

// Logged returns the texts of the logged queries.
func (f *FakeSearch) Logged() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.logged...)
}

func (f *FakeSearch) Search(ctx context.Context, q search.Query) (search.Result, error) {
	var res search.Result
	text := q.Text
	if f.Banned != "" && strings.Contains(text, f.Banned) {
		res.Banned = true
		return res, nil
	}
	if r := []rune(text); len(r) > 1000 {
		text, res.Trimmed = string(r[:1000]), true
	}
	if c, ok := f.Typos[text]; ok && !q.Exact {
		text, res.Corrected = c, c
	}
	var hits []search.Hit
	for i := range f.Docs {
		d := &f.Docs[i]
		if searchFakeMatches(d, text, q) {
			hits = append(hits, search.Hit{Doc: d, Snippet: d.Body})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		return q.Region != "" && hits[i].Doc.Facets["region"][0] == q.Region && hits[j].Doc.Facets["region"][0] != q.Region
	})
	res.Total = len(hits)
	res.Facets = map[string][]search.FacetCount{}
	for _, key := range q.Facets {
		counts := map[string]int{}
		for _, h := range hits {
			for _, v := range h.Doc.Facets[key] {
				counts[v]++
			}
		}
		for v, n := range counts {
			res.Facets[key] = append(res.Facets[key], search.FacetCount{Value: v, Count: n})
		}
		sort.Slice(res.Facets[key], func(i, j int) bool {
			a, b := res.Facets[key][i], res.Facets[key][j]
			return a.Count > b.Count || a.Count == b.Count && a.Value < b.Value
		})
	}
	if q.Offset < len(hits) {
		hits = hits[q.Offset:]
		if len(hits) > q.Limit {
			hits = hits[:q.Limit]
		}
		res.Hits = hits
	}
	return res, nil
}

func searchFakeMatches(d *search.Doc, text string, q search.Query) bool {
	if text != "" {
		hay := d.Title + " " + strings.Join(d.Keywords, " ")
		found := false
		for _, term := range strings.Fields(text) {
			found = found || strings.Contains(hay, term)
		}
		if !found {
			return false
		}
	}
	scopeOK := map[string]bool{"": true, "app": d.Kind == "app", "guide": d.Kind == "matter", "policy": d.Kind == "policy",
		"natural": searchHas(d.Facets["audience"], "natural"), "legal": searchHas(d.Facets["audience"], "legal"),
		"power": searchHas(d.Facets["group"], "power")}
	if !scopeOK[q.Scope] {
		return false
	}
	for key, vals := range q.Filters {
		any := false
		for _, v := range vals {
			any = any || searchHas(d.Facets[key], v)
		}
		if !any {
			return false
		}
	}
	if q.Region != "" && !searchHas(d.RegionPath, q.Region) && !searchHas(searchFakeLineage(q.Region), d.RegionPath[0]) {
		return false
	}
	return true
}

// fakeLineage is a region, its ancestors and the nation, by code prefix.
func searchFakeLineage(code string) []string {
	return []string{code, code[:4] + "00", code[:2] + "0000", refdata.National}
}

func (f *FakeSearch) Suggest(ctx context.Context, prefix string, limit int) ([]search.Suggestion, error) {
	var out []search.Suggestion
	for _, d := range f.Docs {
		if len(out) < limit && (strings.HasPrefix(d.Title, prefix) || searchHas(d.Keywords, prefix) || strings.Contains(d.Title, prefix)) {
			out = append(out, search.Suggestion{Text: d.Title, Kind: "title", URL: d.URL})
		}
	}
	return out, nil
}

func (f *FakeSearch) HotWords(ctx context.Context, limit int) ([]string, error) {
	if len(f.Hot) > limit {
		return f.Hot[:limit], nil
	}
	return f.Hot, nil
}

func (f *FakeSearch) Recommend(ctx context.Context, r recRequest) ([]recommendation, error) {
	var out []recommendation
	for i := range f.Docs {
		d := &f.Docs[i]
		if len(out) < r.Limit && (len(r.Near) == 0 || r.Near[0].ID != d.ID) && len(d.Facets["dept"]) > 0 {
			out = append(out, recommendation{Doc: d, Reason: "dept", Value: d.Facets["dept"][0]})
		}
	}
	return out, nil
}

func (f *FakeSearch) LogQuery(q search.Query, r search.Result, visitor string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logged = append(f.logged, q.Text)
}
