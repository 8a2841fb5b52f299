package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// facetDocs are docs with dense values (type, online), sparse ones (dept,
// region) and a multi-valued key (theme).
type facetDocs int

func (facetDocs) Kind() string { return "matter" }
func (facetDocs) Get(context.Context, string) (Doc, bool, error) {
	return Doc{}, false, nil
}
func (n facetDocs) All(_ context.Context, emit func(Doc) error) error {
	for i := range int(n) {
		if err := emit(facetDoc(i)); err != nil {
			return err
		}
	}
	return nil
}

func facetDoc(i int) Doc {
	return Doc{ID: fmt.Sprint("m", i), Title: "居民身份证换领", Body: "材料", Facets: map[string][]string{
		"type": {fmt.Sprint("0", i%3)}, "online": {fmt.Sprint(i % 2)}, "dept": {fmt.Sprint("D", i%97)},
		"region": {fmt.Sprint(330100 + i%211)}, "theme": {fmt.Sprint("t", i%5), fmt.Sprint("t", i%7+5)}}}
}

// Facet counts are the same whichever way they are counted (doc by doc,
// value lists, dense bitsets) and stay right after documents are added and
// removed: each is checked against the documents themselves.
func TestFacetCountsMatchTheDocuments(t *testing.T) {
	e := NewEngine()
	if err := e.Load(context.Background(), facetDocs(5000)); err != nil {
		t.Fatal(err)
	}
	ix := e.ix
	dense := 0
	for _, b := range ix.facetBits {
		if b != nil {
			dense++
		}
	}
	if dense < 5 {
		t.Fatalf("%d dense facet values: the bitset path is not tested", dense)
	}
	var more []Doc
	for i := 5000; i < 5300; i++ {
		d := facetDoc(i)
		d.Facets["type"] = []string{"09"} // a new value after the build
		more = append(more, d)
	}
	e.Upsert(more...)
	e.Delete("m7", "m8")
	keys := []string{"type", "online", "dept", "region", "theme"}
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{3, 40, 600, 5000} {
		var list []uint32
		ix.live.each(func(d uint32) {
			if r.IntN(5298) < size {
				list = append(list, d)
			}
		})
		want := map[string]map[string]int{}
		for _, d := range list {
			for k, vs := range ix.doc(d).Facets {
				if want[k] == nil {
					want[k] = map[string]int{}
				}
				for _, v := range vs {
					want[k][v]++
				}
			}
		}
		for _, asSet := range []bool{false, true} {
			var got map[string][]FacetCount
			if asSet {
				set := newBitset(len(ix.docs))
				for _, d := range list {
					set.set(d)
				}
				got = ix.countFacets(keys, nil, set, len(list))
			} else {
				got = ix.countFacets(keys, list, nil, len(list))
			}
			for _, k := range keys {
				n := 0
				for i, fc := range got[k] {
					n++
					if fc.Count != want[k][fc.Value] {
						t.Errorf("size %d set %v: %s=%s counted %d, want %d", size, asSet, k, fc.Value, fc.Count, want[k][fc.Value])
					}
					if i > 0 && (got[k][i-1].Count < fc.Count || got[k][i-1].Count == fc.Count && got[k][i-1].Value > fc.Value) {
						t.Errorf("%s: %v before %v", k, got[k][i-1], fc)
					}
				}
				if n != len(want[k]) {
					t.Errorf("size %d set %v: %d values of %s, want %d", size, asSet, n, k, len(want[k]))
				}
			}
		}
	}
	// A filter on a dense value selects exactly its live docs.
	res, err := e.Search(context.Background(), Query{Filters: map[string][]string{"online": {"1"}, "type": {"09", "00"}}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	ix.live.each(func(d uint32) {
		f := ix.doc(d).Facets
		if f["online"][0] == "1" && (f["type"][0] == "09" || f["type"][0] == "00") {
			want++
		}
	})
	if res.Total != want || want == 0 {
		t.Errorf("filtered total %d, want %d", res.Total, want)
	}
}
