package search

import "slices"

// countFacets counts, for each requested key, the values of the docs in
// the result set (counts are over the filtered set, CONTRACTS Query.Facets).
// The result set is a list or a bitset (n docs). A small set is counted doc
// by doc; a large one by testing each value's posting list against the set,
// which reads memory in order instead of jumping from doc to doc.
func (ix *index) countFacets(keys []string, list []uint32, set bitset, n int) map[string][]FacetCount {
	if len(keys) == 0 {
		return nil
	}
	want := make([]bool, len(ix.keys.strs))
	any := false
	for _, k := range keys {
		if id, ok := ix.keys.lookup(k); ok {
			want[id] = true
			any = true
		}
	}
	out := make(map[string][]FacetCount, len(keys))
	for _, k := range keys {
		out[k] = []FacetCount{}
	}
	if !any {
		return out
	}
	counts := make([]uint32, len(ix.facetKey))
	postings := 0
	for id, w := range want {
		if w {
			postings += ix.keyPostings[id]
		}
	}
	perDoc := n * (len(ix.facetArena)/max(len(ix.docs), 1) + 1)
	if 8*perDoc < postings || n == 0 {
		count := func(d uint32) {
			r := &ix.docs[d]
			for _, fid := range ix.facetArena[r.facetOff : r.facetOff+uint32(r.facetN)] {
				if want[ix.facetKey[fid]] {
					counts[fid]++
				}
			}
		}
		if set != nil {
			set.each(count)
		}
		for _, d := range list {
			count(d)
		}
	} else {
		if set == nil {
			set = newBitset(len(ix.docs))
			for _, d := range list {
				set.set(d)
			}
		}
		for fid, kid := range ix.facetKey {
			if !want[kid] {
				continue
			}
			c := uint32(0)
			for _, d := range ix.facetPosts[fid] {
				if set[d>>6]&(1<<(d&63)) != 0 {
					c++
				}
			}
			counts[fid] = c
		}
	}
	for fid, n := range counts {
		if n == 0 {
			continue
		}
		k := ix.keys.strs[ix.facetKey[fid]]
		v := ix.facets.strs[fid][len(k)+1:]
		out[k] = append(out[k], FacetCount{Value: v, Count: int(n)})
	}
	for k, fc := range out {
		slices.SortFunc(fc, func(a, b FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			if a.Value < b.Value {
				return -1
			}
			if a.Value > b.Value {
				return 1
			}
			return 0
		})
		out[k] = fc
	}
	return out
}
