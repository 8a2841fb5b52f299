package search

import "slices"

// countFacets counts, for each requested key, the values of the docs in
// the result set (counts are over the filtered set, CONTRACTS Query.Facets).
func (ix *index) countFacets(keys []string, docs func(yield func(uint32))) map[string][]FacetCount {
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
	docs(func(d uint32) {
		r := &ix.docs[d]
		for _, fid := range ix.facetArena[r.facetOff : r.facetOff+uint32(r.facetN)] {
			if want[ix.facetKey[fid]] {
				counts[fid]++
			}
		}
	})
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
