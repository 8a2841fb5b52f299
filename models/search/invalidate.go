package search

import "time"

// Selective invalidation. A console edit or a NOTIFY from another process
// changes one document; emptying every cached result for it made the next
// second of searches evaluate cold (at 500 searches/s over a million items:
// p95 1 s after each change). A cached answer is dropped only when a changed
// document — its old version or its new one — could be part of it: it
// passes the query's filters and holds one of the query's terms (or, for a
// filtered list without text, just passes the filters). Answers that
// weighed a typo correction depend on the index's titles and are always
// dropped. Global statistics (document count, term frequencies) move by
// one document, which can shift scores by a hair but not what matches.

// dependence is what a cached answer depends on.
type dependence struct {
	q      Query    // filters, scope and region
	keys   []string // term keys (field byte + term) of the query's plan
	browse bool     // a filtered list without text: every doc passing the filters counts
	always bool     // any change may alter it
}

// maxSelective: a larger batch of changes empties the caches instead.
const maxSelective = 64

// termKeys returns the term keys of every matcher of the plan, without
// the body keys of the clauses in skipBody (outcome.bodyIrrelevant): a
// broad word (登记) is matched in titles only, and every guide's text holds
// it, so counting its body keys would drop its answer on any change.
func (p *plan) termKeys(skipBody uint16) []string {
	var keys []string
	for ci := range p.clauses {
		for mi := range p.clauses[ci].alts {
			for _, ft := range p.clauses[ci].alts[mi].fields {
				if ft.field == fBody && skipBody&(1<<ci) != 0 {
					continue
				}
				for _, k := range ft.keys {
					keys = append(keys, string(ft.field)+k)
				}
			}
		}
	}
	return keys
}

// contains reports whether doc is in the posting list.
func (p *posting) contains(doc uint32) bool {
	if p.n == 0 || doc > p.last {
		return false
	}
	it := newIter(p)
	return it.advance(doc) && it.doc == doc
}

// passesFilters mirrors filterSet for one document (live or tombstoned).
func (ix *index) passesFilters(d uint32, q Query) bool {
	r := &ix.docs[d]
	has := func(key, v string) bool {
		fid, ok := ix.facets.lookup(key + "\x00" + v)
		if !ok {
			return false
		}
		for _, x := range ix.facetArena[r.facetOff : r.facetOff+uint32(r.facetN)] {
			if x == fid {
				return true
			}
		}
		return false
	}
	for key, vals := range q.Filters {
		if len(vals) == 0 {
			continue
		}
		ok := false
		for _, v := range vals {
			ok = ok || has(key, v)
		}
		if !ok {
			return false
		}
	}
	if sf, ok := scopeFilters[q.Scope]; ok && !has(sf[0], sf[1]) {
		return false
	}
	if q.Region != "" && allDigits(q.Region) {
		in := false
		if rid, ok := ix.regions.lookup(q.Region); ok {
			for i := 0; i < int(r.regionN); i++ {
				in = in || r.region[i] == rid
			}
		}
		for _, a := range regionAncestors(q.Region) {
			if aid, ok := ix.regions.lookup(a); ok && ix.hot[d].region == aid {
				in = true
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// remoteStale is how long an answer a change made in another process could
// alter may still be served, while it is evaluated again in the background
// (Search): every process learns of such a change a moment late anyway, and
// the broad words' answers are then not evaluated while visitors wait. A
// change made in this process is never answered from before it.
const remoteStale = time.Second

// invalidateDocs drops the cached answers the changed internal doc ids
// (old and new versions) could be part of — or, for a remote change, marks
// them stale for remoteStale; e.mu is held for writing. Recommendations are
// kept but recomputed before they are served again.
func (e *Engine) invalidateDocs(changed []uint32, remote bool) {
	if len(changed) > maxSelective {
		e.invalidate()
		return
	}
	ix := e.ix
	holds := map[string]bool{} // term key → a changed doc holds it
	holdsKey := func(key string) bool {
		v, ok := holds[key]
		if !ok {
			if tid, found := ix.termID([]byte(key), false); found {
				for _, d := range changed {
					v = v || ix.posts[tid].contains(d)
				}
			}
			holds[key] = v
		}
		return v
	}
	affected := func(dep *dependence) bool {
		if dep.always {
			return true
		}
		if !dep.browse && len(dep.keys) == 0 {
			return false
		}
		passes := false
		for _, d := range changed {
			passes = passes || ix.passesFilters(d, dep.q)
		}
		if !passes || dep.browse {
			return passes
		}
		for _, k := range dep.keys {
			if holdsKey(k) {
				return true
			}
		}
		return false
	}
	if remote {
		e.cache.markStale(affected, time.Now().Add(remoteStale))
	} else {
		e.cache.evict(affected)
	}
	e.counts.evict(affected)
	e.recs.expire()
}
