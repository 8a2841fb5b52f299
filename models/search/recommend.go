package search

import (
	"context"
	"time"
)

// Smart recommendations (C 0103 7.4 智能推荐): matters related to the one a
// visitor is reading, by co-searches (visitors whose searches led to this
// matter also searched …), shared theme and department, and, when known,
// the visitor's recent searches and region. Each comes with its reason so
// the page can say why it is shown.

// Recommendation reasons.
const (
	ReasonCoSearch = "cosearch" // Via: ""
	ReasonTheme    = "theme"    // Via: theme code (theme_n or theme_l value)
	ReasonDept     = "dept"     // Via: department code
	ReasonHistory  = "history"  // Via: the visitor's earlier query
	ReasonPopular  = "popular"  // Via: the visitor's region code, or ""
)

// RecommendRequest says what is known about the visitor.
type RecommendRequest struct {
	DocID   string   // the doc being read ("" on the search page)
	Region  string   // visitor's region
	History []string // visitor's recent queries, most recent first
	Limit   int      // default 6, at most 20
}

// Recommendation is one recommended doc with its reason.
type Recommendation struct {
	Doc    *Doc
	Reason string
	Via    string
}

const perReason = 2

// Recommend returns related docs, at most perReason for each reason before
// popular ones fill the list; never the doc itself or another copy of its
// title.
func (e *Engine) Recommend(ctx context.Context, req RecommendRequest) ([]Recommendation, error) {
	key, now := recKey(req), e.now()
	recs, fresh, ok := e.recs.get(key, now)
	if ok && !fresh && e.recs.startRefresh(key) {
		go func() { // #nosec G118 -- the refresh outlives the page that found the entry stale; recRefreshTimeout bounds it
			defer e.recs.endRefresh(key)
			ctx, cancel := context.WithTimeout(context.Background(), recRefreshTimeout)
			defer cancel()
			_, _ = e.computeRecs(ctx, key, req) // on error the stale entry stays; the next page tries again
		}()
	}
	if ok {
		return recs, nil
	}
	return e.computeRecs(ctx, key, req)
}

// recRefreshTimeout bounds a background recomputation.
const recRefreshTimeout = 10 * time.Second

// computeRecs computes and caches the recommendations of req.
func (e *Engine) computeRecs(ctx context.Context, key string, req RecommendRequest) ([]Recommendation, error) {
	now := e.now()
	gen := e.recs.generation() // a change or a log flush meanwhile: not kept
	recs, err := e.recommend(ctx, req)
	if err == nil {
		e.recs.put(key, now, recs, gen)
	}
	return recs, err
}

func (e *Engine) recommend(ctx context.Context, req RecommendRequest) ([]Recommendation, error) {
	limit := req.Limit
	if limit <= 0 {
		limit = 6
	}
	limit = min(limit, 20)
	co, err := e.coSearched(ctx, req.DocID)
	if err != nil {
		return nil, err
	}
	var out []Recommendation
	seen := map[string]bool{}
	for i, q := range req.History {
		if i == 3 || len(out) >= perReason {
			break
		}
		r, err := e.Search(ctx, Query{Text: q, Region: req.Region, Limit: 3})
		if err != nil {
			return nil, err
		}
		for _, h := range r.Hits {
			if h.Doc.ID != req.DocID && !seen[h.Doc.Title] {
				seen[h.Doc.Title] = true
				out = append(out, Recommendation{Doc: h.Doc, Reason: ReasonHistory, Via: q})
				break
			}
		}
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	ix := e.ix
	rr := ix.newRegionRanker(req.Region)
	var line bitset
	if req.Region != "" {
		line = ix.regionSet(req.Region)
	}
	add := func(d uint32, reason, via string) bool {
		title := ix.title(d)
		if seen[title] || ix.docs[d].ext == req.DocID || !ix.live.has(d) || line != nil && !line.has(d) {
			return false
		}
		seen[title] = true
		out = append(out, Recommendation{Doc: ix.doc(d), Reason: reason, Via: via})
		return true
	}
	self, known := ix.byExt[req.DocID]
	if known {
		seen[ix.title(self)] = true
		n := 0
		for _, ext := range co {
			if d, ok := ix.byExt[ext]; ok && n < perReason && add(d, ReasonCoSearch, "") {
				n++
			}
		}
		for _, key := range []string{"theme_n", "theme_l", "dept"} {
			reason := ReasonTheme
			if key == "dept" {
				reason = ReasonDept
			}
			n := 0
			for _, v := range ix.facetValues(self, key) {
				fid, _ := ix.facets.lookup(key + "\x00" + v)
				for _, c := range ix.bestOf(ix.facetPosts[fid], rr, 4*perReason) {
					if n < perReason && add(c.doc, reason, v) {
						n++
					}
				}
			}
		}
	}
	if len(out) < limit {
		for _, c := range ix.bestOf(nil, rr, 4*limit) {
			if len(out) < limit {
				add(c.doc, ReasonPopular, req.Region)
			}
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// facetValues returns a doc's values for one facet key.
func (ix *index) facetValues(d uint32, key string) []string {
	r := &ix.docs[d]
	var out []string
	for _, fid := range ix.facetArena[r.facetOff : r.facetOff+uint32(r.facetN)] {
		s := ix.facets.strs[fid]
		if len(s) > len(key) && s[:len(key)] == key && s[len(key)] == 0 {
			out = append(out, s[len(key)+1:])
		}
	}
	return out
}

// bestOf returns the k docs of a posting list (nil: every live doc) closest
// to the region and most popular. Candidates are ranked a chunk at a time
// against the best so far, so a theme of 300,000 items or the whole index
// never becomes one slice of candidates.
func (ix *index) bestOf(docs []uint32, rr *regionRanker, k int) []cand {
	const chunk = 4096
	cands := make([]cand, 0, k+chunk)
	add := func(d uint32) {
		cands = append(cands, cand{doc: d, reg: rr.rank(d), score: ix.hot[d].pop})
		if len(cands) == cap(cands) {
			ix.setKeys(SortRelevance, cands[len(cands)-chunk:])
			cands = append(cands[:0], topK(k, cands)...)
		}
	}
	if docs == nil {
		ix.live.each(add)
	}
	for _, d := range docs {
		if ix.live.has(d) {
			add(d)
		}
	}
	ix.setKeys(SortRelevance, cands)
	return topK(k, cands)
}

// coSearchVisitors bounds the visitors whose searches a co-search reads.
const coSearchVisitors = 500

// coSearched lists docs that were the top hit for visitors whose searches
// also led to docID, most shared visitors first (last 90 days).
func (e *Engine) coSearched(ctx context.Context, docID string) ([]string, error) {
	if e.db == nil || docID == "" {
		return nil, nil
	}
	since := unixDay(e.now().Add(-90 * 24 * time.Hour))
	var rows []struct {
		TopDoc string
		N      int
	}
	// Visitors are taken once each (the most recent coSearchVisitors), and
	// each visitor's other top docs once each: joining the log to itself
	// row by row grew with the square of a visitor's searches (3,809 rows
	// took 3.35 s).
	err := e.db.WithContext(ctx).Raw("SELECT top_doc, COUNT(*) AS n FROM (SELECT DISTINCT b.visitor, b.top_doc FROM query_log b "+
		"WHERE b.visitor IN (SELECT visitor FROM query_log WHERE top_doc = ? AND visitor <> '' AND log_day >= ? "+
		"GROUP BY visitor ORDER BY MAX(id) DESC LIMIT ?) "+
		"AND b.log_day >= ? AND b.top_doc <> '' AND b.top_doc <> ?) p GROUP BY top_doc ORDER BY n DESC, top_doc LIMIT 10",
		docID, since, coSearchVisitors, since, docID).Scan(&rows).Error
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.TopDoc)
	}
	return out, err
}
