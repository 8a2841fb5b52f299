package handlers

import (
	"context"

	"github.com/zwfw/portal/models/search"
)

// searchService is everything the search pages need from models/search.
// The pages are built against this interface so that the engine can grow
// behind it; engineService adapts *search.Engine to it.
type searchService interface {
	Search(ctx context.Context, q search.Query) (search.Result, error)
	Suggest(ctx context.Context, prefix string, limit int) ([]search.Suggestion, error)
	// HotWords lists the most searched queries (time-decayed, banned words
	// excluded, staff-pinned first).
	HotWords(ctx context.Context, limit int) ([]string, error)
	// Recommend lists related documents with the reason each is offered.
	Recommend(ctx context.Context, r recRequest) ([]recommendation, error)
	// LogQuery records one real query and its answer; it must not block
	// the request (the engine buffers and writes in batches).
	LogQuery(q search.Query, r search.Result, visitor string)
}

// recRequest asks for recommendations around a query's best hits.
type recRequest struct {
	Near   []*search.Doc // the query's top hits: related by theme, department, co-search
	Region string        // visitor's region ("" when unknown)
	Limit  int
}

// recommendation is one related document and why it is offered.
type recommendation struct {
	Doc    *search.Doc
	Reason string // "theme_n" | "theme_l" | "dept" | "cosearch" | "history" | "region" | "popular"
	Value  string // the theme or department code, the earlier query or the region code
}

// engineService adapts the engine.
type engineService struct {
	e *search.Engine
}

func (s engineService) Search(ctx context.Context, q search.Query) (search.Result, error) {
	return s.e.Search(ctx, q)
}

func (s engineService) Suggest(ctx context.Context, prefix string, limit int) ([]search.Suggestion, error) {
	return s.e.Suggest(ctx, prefix, limit)
}

func (s engineService) HotWords(ctx context.Context, limit int) ([]string, error) {
	words, err := s.e.HotWords(ctx, limit)
	out := make([]string, 0, len(words))
	for _, w := range words {
		out = append(out, w.Text)
	}
	return out, err
}

func (s engineService) LogQuery(q search.Query, r search.Result, visitor string) {
	s.e.LogQuery(search.EntryFor(q, r, visitor))
}

// Recommend asks the engine about the best hit (co-searches, its theme and
// department, then what is most used in the visitor's region); on the
// empty page, only the latter.
func (s engineService) Recommend(ctx context.Context, r recRequest) ([]recommendation, error) {
	req := search.RecommendRequest{Region: r.Region, Limit: r.Limit + len(r.Near)}
	if len(r.Near) > 0 {
		req.DocID = r.Near[0].ID
	}
	recs, err := s.e.Recommend(ctx, req)
	seen := map[string]bool{}
	for _, d := range r.Near {
		seen[d.Title] = true // the hits themselves are on the page already
	}
	out := make([]recommendation, 0, len(recs))
	for _, rc := range recs {
		if len(out) == r.Limit || seen[rc.Doc.Title] {
			continue
		}
		seen[rc.Doc.Title] = true
		reason := rc.Reason
		switch {
		case reason == search.ReasonTheme && searchHas(rc.Doc.Facets["theme_l"], rc.Via) && !searchHas(rc.Doc.Facets["theme_n"], rc.Via):
			reason = "theme_l"
		case reason == search.ReasonTheme:
			reason = "theme_n"
		case reason == search.ReasonPopular && rc.Via != "":
			reason = "region"
		}
		out = append(out, recommendation{Doc: rc.Doc, Reason: reason, Value: rc.Via})
	}
	return out, err
}
