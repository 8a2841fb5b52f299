package search

import (
	"container/list"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// defaultCacheSize is how many results the engine keeps: searches follow
// the hot words, so a small cache answers a large share of them. Any index
// or vocabulary change empties it.
const defaultCacheSize = 2048

// defaultCountsSize is how many filtered sets keep their facet counts
// (Engine.browse): one per finder URL without page and sort.
const defaultCountsSize = 4096

// WithResultCache sets how many results are cached (0 disables the cache).
func WithResultCache(n int) Option { return func(e *Engine) { e.cache = newResultCache(n) } }

// SetResultCache replaces the result cache with an empty one of n entries
// (0 turns caching off).
func (e *Engine) SetResultCache(n int) {
	e.mu.Lock()
	e.cache = newResultCache(n)
	e.mu.Unlock()
}

type resultCache struct {
	mu  sync.Mutex
	max int
	m   map[string]*list.Element
	ll  *list.List
}

type cacheEntry struct {
	key string
	res Result
	dep dependence
	// staleUntil, when set, is the end of the time this answer may still be
	// served (a remote change could alter it: invalidateDocs); after it the
	// entry is a miss.
	staleUntil time.Time
}

func newResultCache(n int) *resultCache {
	return &resultCache{max: n, m: map[string]*list.Element{}, ll: list.New()}
}

// cacheKey identifies a query with its clamped paging.
func cacheKey(q Query, text string, offset, limit int) string {
	var b strings.Builder
	b.WriteString(text)
	for _, s := range []string{q.Scope, q.Region, q.Sort, strconv.Itoa(offset), strconv.Itoa(limit), strconv.FormatBool(q.Exact), strconv.FormatBool(q.CountOnly)} {
		b.WriteByte(0)
		b.WriteString(s)
	}
	for _, k := range slices.Sorted(maps.Keys(q.Filters)) {
		b.WriteString("\x00f" + k)
		for _, v := range q.Filters[k] {
			b.WriteString("\x01" + v)
		}
	}
	for _, k := range q.Facets {
		b.WriteString("\x00a" + k)
	}
	return b.String()
}

// get returns the cached answer of key and whether it is stale (to be
// evaluated again; see cacheEntry.staleUntil).
func (c *resultCache) get(key string) (r Result, ok, stale bool) {
	if c == nil || c.max == 0 {
		return Result{}, false, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.m[key]
	if !ok {
		return Result{}, false, false
	}
	e := el.Value.(*cacheEntry)
	if !e.staleUntil.IsZero() {
		if time.Now().After(e.staleUntil) {
			c.ll.Remove(el)
			delete(c.m, key)
			return Result{}, false, false
		}
		stale = true
	}
	c.ll.MoveToFront(el)
	return e.res.copy(), true, stale
}

// markStale marks the entries for which affected is true stale until the
// given time (an entry already stale keeps its earlier end).
func (c *resultCache) markStale(affected func(*dependence) bool, until time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.ll.Front(); el != nil; el = el.Next() {
		if e := el.Value.(*cacheEntry); e.staleUntil.IsZero() && affected(&e.dep) {
			e.staleUntil = until
		}
	}
}

func (c *resultCache) put(key string, r Result, dep dependence) {
	if c == nil || c.max == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[key]; ok {
		el.Value.(*cacheEntry).res, el.Value.(*cacheEntry).dep, el.Value.(*cacheEntry).staleUntil = r.copy(), dep, time.Time{}
		c.ll.MoveToFront(el)
		return
	}
	c.m[key] = c.ll.PushFront(&cacheEntry{key: key, res: r.copy(), dep: dep})
	if c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.m, last.Value.(*cacheEntry).key)
	}
}

// evict removes the entries for which affected is true.
func (c *resultCache) evict(affected func(*dependence) bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.ll.Front(); el != nil; {
		next := el.Next()
		if e := el.Value.(*cacheEntry); affected(&e.dep) {
			c.ll.Remove(el)
			delete(c.m, e.key)
		}
		el = next
	}
}

// each calls fn for every entry's dependence.
func (c *resultCache) each(fn func(*dependence)) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.ll.Front(); el != nil; el = el.Next() {
		fn(&el.Value.(*cacheEntry).dep)
	}
}

func (c *resultCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	clear(c.m)
	c.ll.Init()
	c.mu.Unlock()
}

// copy gives the caller its own hits, terms and facet map (Docs and facet
// count lists are shared and must be treated as read-only).
func (r Result) copy() Result {
	r.Hits = slices.Clone(r.Hits)
	r.Terms = slices.Clone(r.Terms)
	if r.Facets != nil {
		// A fresh map, the same counts: callers read facet counts and never
		// change them, and cloning every value list (a region facet holds
		// thousands at a million items) cost 12% of a search page's CPU.
		f := make(map[string][]FacetCount, len(r.Facets))
		for k, v := range r.Facets {
			f[k] = v
		}
		r.Facets = f
	}
	return r
}
