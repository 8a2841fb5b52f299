package search

// scopeFilters maps Query.Scope (C 0103 7.4: 应用服务, 自然人服务, 法人服务,
// 办事指南, 行政权力, plus 政策) to a facet condition.
var scopeFilters = map[string][2]string{
	ScopeApp:     {"kind", "app"},
	ScopeNatural: {"audience", "natural"},
	ScopeLegal:   {"audience", "legal"},
	ScopeGuide:   {"kind", "matter"},
	ScopePower:   {"group", "power"},
	ScopePolicy:  {"kind", "policy"},
}

// KnownScope reports whether s is a scope Search understands ("" included).
func KnownScope(s string) bool {
	_, ok := scopeFilters[s]
	return ok || s == ScopeAll
}

// docFilter is the set of docs a query's filters allow.
type docFilter struct {
	bits bitset
	n    int
	list []uint32
}

func newDocFilter(b bitset) *docFilter {
	if b == nil {
		return nil
	}
	return &docFilter{bits: b, n: b.count()}
}

// sorted returns the allowed docs in increasing order.
func (f *docFilter) sorted() []uint32 {
	if f.list == nil {
		f.list = make([]uint32, 0, f.n)
		f.bits.each(func(d uint32) { f.list = append(f.list, d) })
	}
	return f.list
}

// filterSet returns the docs allowed by the query's filters, scope and
// region, or nil when nothing is filtered. Filters are ANDed across keys and
// ORed within a key.
func (ix *index) filterSet(q Query) bitset {
	var acc bitset
	and := func(b bitset) {
		if acc == nil {
			acc = b
		} else {
			acc.and(b)
		}
	}
	for key, vals := range q.Filters {
		if len(vals) == 0 {
			continue
		}
		b := newBitset(len(ix.docs))
		for _, v := range vals {
			if fid, ok := ix.facets.lookup(key + "\x00" + v); ok {
				ix.orFacet(b, fid)
			}
		}
		and(b)
	}
	if sf, ok := scopeFilters[q.Scope]; ok {
		b := newBitset(len(ix.docs))
		if fid, ok := ix.facets.lookup(sf[0] + "\x00" + sf[1]); ok {
			ix.orFacet(b, fid)
		}
		and(b)
	}
	if q.Region != "" && allDigits(q.Region) {
		and(ix.regionSet(q.Region))
	}
	return acc
}

// regionSet is CONTRACTS' Query.Region: docs at the region, below it, at one
// of its ancestors, or national.
func (ix *index) regionSet(code string) bitset {
	b := newBitset(len(ix.docs))
	if rid, ok := ix.regions.lookup(code); ok {
		for _, d := range ix.rpathPosts[rid] {
			b.set(d)
		}
	}
	for _, a := range regionAncestors(code) {
		rid, ok := ix.regions.lookup(a)
		if !ok {
			continue
		}
		// Docs whose own region is the ancestor: rpathPosts lists the
		// whole subtree, so keep only those whose first path entry is a.
		for _, d := range ix.rpathPosts[rid] {
			if ix.hot[d].region == rid {
				b.set(d)
			}
		}
	}
	return b
}

// regionRanker orders docs by closeness to a region: the region itself,
// then below it, then its ancestors (not the nation), then the rest.
type regionRanker struct {
	self  uint32
	ok    bool
	below bitset
	anc   []uint32
	ix    *index
}

func (ix *index) newRegionRanker(code string) *regionRanker {
	r := &regionRanker{ix: ix}
	if code == "" {
		return r
	}
	r.self, r.ok = ix.regions.lookup(code)
	if r.ok {
		r.below = newBitset(len(ix.docs))
		for _, d := range ix.rpathPosts[r.self] {
			r.below.set(d)
		}
	}
	for _, a := range regionAncestors(code) {
		if a == nationalCode {
			continue
		}
		if id, ok := ix.regions.lookup(a); ok {
			r.anc = append(r.anc, id)
		}
	}
	return r
}

// active reports whether ranking by region can tell docs apart.
func (r *regionRanker) active() bool { return r.ok || len(r.anc) > 0 }

func (r *regionRanker) rank(d uint32) uint8 {
	own := r.ix.hot[d].region
	switch {
	case r.ok && own == r.self:
		return 3
	case r.below != nil && r.below.has(d):
		return 2
	}
	for _, a := range r.anc {
		if own == a {
			return 1
		}
	}
	return 0
}

// ScopeFacets are the facet keys whose counts give every scope's total
// (ScopeCounts): one unscoped query asking for them replaces one search per
// scope tab.
var ScopeFacets = []string{"kind", "audience", "group"}

// ScopeCounts returns the number of results in each scope, from an unscoped
// result that asked for ScopeFacets: a scope filters on one facet value, so
// its total is that value's count in the unscoped set.
func ScopeCounts(r Result) map[string]int {
	out := map[string]int{ScopeAll: r.Total}
	for sc, f := range scopeFilters {
		out[sc] = 0
		for _, fc := range r.Facets[f[0]] {
			if fc.Value == f[1] {
				out[sc] = fc.Count
			}
		}
	}
	return out
}
