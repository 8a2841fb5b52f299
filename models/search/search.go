package search

import (
	"context"
	"errors"
	"sync"
)

const (
	defaultLimit = 10
	maxLimit     = 100
	maxOffset    = 10000
)

// Search runs one query. Empty text lists the filtered set (the finder);
// a banned word refuses the query (Result.Banned); a query with a typo is
// searched in its corrected form when that finds more (Result.Corrected).
// Bad input never causes an error: only a cancelled context does.
func (e *Engine) Search(ctx context.Context, q Query) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	var res Result
	text, trimmed := trimQuery(q.Text)
	res.Trimmed = trimmed
	norm := normalize(text)
	limit, offset := q.Limit, max(q.Offset, 0)
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	if offset > maxOffset {
		offset = maxOffset
		limit = 0
	}

	e.mu.RLock()
	defer e.mu.RUnlock()
	key := cacheKey(q, text, offset, limit)
	if r, ok, stale := e.cache.get(key); ok {
		if stale {
			// A change in another process may alter it: evaluate it again
			// beside this answer (once, however many ask meanwhile). The
			// refresh is a flight of its own that nobody waits for: a search
			// holding the read lock must never wait for a goroutine that may
			// itself wait for the lock behind a writer.
			if f, leader := e.flights.join(staleRefresh + key); leader {
				go e.evaluate(key, f, q, norm, offset, limit, res)
			}
		}
		return r, nil
	}
	f, leader := e.flights.join(key)
	if !leader {
		// The same query is being evaluated (a hot word right after a start
		// or an index change): wait for it instead of evaluating it again.
		// Both hold the read lock, so both see the same index.
		select {
		case <-f.done:
			return f.res.copy(), f.err
		case <-ctx.Done():
			return Result{}, ctx.Err()
		}
	}
	return e.evaluateLocked(key, f, q, norm, offset, limit, res)
}

// staleRefresh prefixes the flight key of a stale answer's re-evaluation.
const staleRefresh = "\x00stale\x00"

// evaluate re-evaluates a stale answer in a goroutine of its own, for the
// flight f of staleRefresh+key.
func (e *Engine) evaluate(key string, f *flight, q Query, norm string, offset, limit int, res Result) {
	defer e.flights.leave(staleRefresh+key, f)
	e.mu.RLock()
	defer e.mu.RUnlock()
	_, _ = e.searchAndCache(key, q, norm, offset, limit, res) // nobody waits for it; the stale answer stays until it succeeds
}

// evaluateLocked evaluates a search for the flight it leads, caches the
// answer and hands it to the flight's waiters; e.mu is read-locked.
func (e *Engine) evaluateLocked(key string, f *flight, q Query, norm string, offset, limit int, res Result) (Result, error) {
	f.err = errAbandoned // until the evaluation below returns
	defer e.flights.leave(key, f)
	res, err := e.searchAndCache(key, q, norm, offset, limit, res)
	f.res, f.err = res.copy(), err
	return res, err
}

// searchAndCache evaluates a search and caches its answer; e.mu is
// read-locked.
func (e *Engine) searchAndCache(key string, q Query, norm string, offset, limit int, res Result) (Result, error) {
	e.evaluations.Add(1)
	res, dep, err := e.search(q, norm, offset, limit, res)
	if err == nil {
		e.cache.put(key, res, dep)
	}
	return res, err
}

// Evaluations is how many searches were evaluated rather than answered
// from the result cache or by an identical search in flight.
func (e *Engine) Evaluations() uint64 { return e.evaluations.Load() }

// errAbandoned is what waiters get when the evaluation they waited for
// panicked.
var errAbandoned = errors.New("search: evaluation abandoned")

// flights are the searches being evaluated, by cache key: identical
// concurrent cache misses share one evaluation. At 500 searches/s a broad
// query (登记: 30 ms over a million items) otherwise ran once per arrival
// until the first finished, and the queue took seconds to drain.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	done chan struct{}
	res  Result
	err  error
}

// join returns the flight of key and whether the caller leads it (and must
// call leave).
func (fs *flights) join(key string) (*flight, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if f, ok := fs.m[key]; ok {
		return f, false
	}
	if fs.m == nil {
		fs.m = map[string]*flight{}
	}
	f := &flight{done: make(chan struct{})}
	fs.m[key] = f
	return f, true
}

func (fs *flights) leave(key string, f *flight) {
	fs.mu.Lock()
	delete(fs.m, key)
	fs.mu.Unlock()
	close(f.done)
}

// search runs a query the cache did not answer; e.mu is read-locked. It
// also returns what the answer depends on, for the result cache.
func (e *Engine) search(q Query, norm string, offset, limit int, res Result) (Result, dependence, error) {
	ix, voc := e.ix, e.voc
	dep := dependence{q: q}
	if norm != "" && voc.bannedIn(norm) != "" {
		res.Banned = true
		return res, dependence{}, nil // the vocabulary's answer: only a vocabulary change (a full clear) affects it
	}
	filter := ix.filterSet(q)
	if filter != nil {
		filter.and(ix.live)
	}
	sc := <-e.scratches // waits while every scratch is in use
	defer func() { e.scratches <- sc }()

	if norm == "" {
		dep.browse = true
		return e.browse(ix, q, filter, offset, limit, res, sc), dep, nil
	}
	p := voc.parse(norm)
	res.Terms = p.terms()
	if len(p.clauses) == 0 {
		if p.region != "" && q.Region == "" {
			// Only a place was typed (杭州): list what is offered there.
			q.Region = p.region
			f := ix.filterSet(q)
			f.and(ix.live)
			dep.q, dep.browse = q, true
			return e.browse(ix, q, f, offset, limit, res, sc), dep, nil
		}
		res.Facets = ix.countFacets(q.Facets, nil, nil, 0)
		return res, dependence{}, nil
	}
	df := newDocFilter(filter)
	out := ix.evaluate(p, sc, df)
	if !q.Exact && needsCorrection(p, out) {
		// Corrections come from the index's titles: any change may alter them.
		dep.always = true
		if cp, cout, ok := e.correct(ix, voc, p, out, sc, df); ok {
			p, out = cp, cout
			res.Corrected = cp.text
			res.Terms = p.terms()
		} else {
			// correct re-used the scratch: evaluate the original again.
			out = ix.evaluate(p, sc, df)
		}
	}
	dep.keys = p.termKeys(out.bodyIrrelevant)
	region := q.Region
	if region == "" {
		region = p.region
	}
	rr := ix.newRegionRanker(region)
	exact := ix.exactTitles(p)
	cands := sc.cands[:0]
	for _, d := range out.docs {
		sl := &sc.slots[d]
		c := cand{doc: d, tier: ix.titleTier(exact, d, sl.tmask, out.full), score: sl.score}
		if rr.active() {
			c.reg = rr.rank(d)
		}
		cands = append(cands, c)
	}
	sc.cands = cands
	res.Total = len(out.docs)
	if !q.CountOnly {
		res.Hits = ix.hits(ix.top(q.Sort, offset+limit, cands, sc), offset, p)
	}
	res.Facets = ix.countFacets(q.Facets, out.docs, nil, len(out.docs))
	return res, dep, nil
}

// browse lists the filtered set without text: the finder of H5 and an empty
// search box. Relevance order is region closeness, then popularity. The
// count and facet counts of a filtered set are kept until the index changes
// (issue 3: over 1,000,000 items the finder's counts are computed once per
// change, not once per page, sort order or visitor).
func (e *Engine) browse(ix *index, q Query, filter bitset, offset, limit int, res Result, sc *scratch) Result {
	set := filter
	if set == nil {
		set = ix.live
	} else {
		set.and(ix.live)
	}
	key := countKey(q)
	if c, ok, _ := e.counts.get(key); ok { // never stale: changes evict counts
		res.Total, res.Facets = c.Total, c.Facets
	} else {
		res.Total = set.count()
		res.Facets = ix.countFacets(q.Facets, nil, set, res.Total)
		e.counts.put(key, Result{Total: res.Total, Facets: res.Facets}, dependence{q: q, browse: true})
	}
	if q.CountOnly {
		return res
	}
	rr := ix.newRegionRanker(q.Region)
	cands := sc.cands[:0]
	set.each(func(d uint32) { cands = append(cands, cand{doc: d, reg: rr.rank(d), score: ix.hot[d].pop}) })
	sc.cands = cands
	hits := ix.top(q.Sort, offset+limit, cands, sc)
	res.Hits = ix.hits(hits, offset, nil)
	return res
}

// countKey identifies a browse's filtered set and the facets asked for.
func countKey(q Query) string {
	q.Text, q.Sort, q.Exact, q.CountOnly = "", "", false, false
	return cacheKey(q, "", 0, 0)
}

func (ix *index) hits(cs []cand, offset int, p *plan) []Hit {
	if offset >= len(cs) {
		return nil
	}
	cs = cs[offset:]
	out := make([]Hit, len(cs))
	for i, c := range cs {
		d := ix.doc(c.doc)
		out[i] = Hit{Doc: d, Score: float64(c.score), Snippet: snippet(d.Body, p)}
	}
	return out
}

// top returns the first k candidates in the order of sort mode s.
func (ix *index) top(s string, k int, cands []cand, sc *scratch) []cand {
	ix.setKeys(s, cands)
	if s == SortRelevance {
		for len(sc.best) < len(ix.titles.strs) {
			sc.best = append(sc.best, -1)
		}
		ix.markBest(cands, sc.best)
	}
	return topK(k, cands)
}

// newScratches fills the bounded set of query scratch spaces (Engine.scratches).
func newScratches(n int) chan *scratch {
	ch := make(chan *scratch, n)
	for range n {
		ch <- &scratch{}
	}
	return ch
}
