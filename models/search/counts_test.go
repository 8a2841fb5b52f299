package search_test

import (
	"testing"

	"github.com/zwfw/portal/models/search"
)

// Issue 4: the search page's scope tabs come from one unscoped query's
// facet counts; each must equal what a search in that scope finds.
func TestScopeCountsMatchScopedSearches(t *testing.T) {
	e, _ := demoEngine(t)
	for _, text := range []string{"身份证", "shenfenzheng", "营业执照", "社保", "我想换身份证需要带什么", "政策", "zzzz"} {
		all := search1(t, e, search.Query{Text: text, Limit: 1, CountOnly: true, Facets: search.ScopeFacets})
		counts := search.ScopeCounts(all)
		for _, sc := range []string{search.ScopeAll, search.ScopeApp, search.ScopeNatural, search.ScopeLegal,
			search.ScopeGuide, search.ScopePower, search.ScopePolicy} {
			r := search1(t, e, search.Query{Text: text, Scope: sc, Limit: 1})
			if counts[sc] != r.Total {
				t.Errorf("%q scope %q: tab count %d, scoped search %d", text, sc, counts[sc], r.Total)
			}
		}
		if len(all.Hits) != 0 {
			t.Errorf("%q: CountOnly returned %d hits", text, len(all.Hits))
		}
	}
}

// Issue 3: a browse's facet counts are kept until the index changes, and
// a change is visible in them at once.
func TestBrowseCountsFollowChanges(t *testing.T) {
	e := fixtureEngine(t)
	q := search.Query{Scope: search.ScopeGuide, Facets: []string{"type", "dept"}, Limit: 5}
	before := search1(t, e, q)
	page2 := search1(t, e, search.Query{Scope: q.Scope, Facets: q.Facets, Limit: 5, Offset: 5, Sort: search.SortName})
	if page2.Total != before.Total || len(page2.Facets["type"]) != len(before.Facets["type"]) {
		t.Fatalf("another page of the same set counts differently: %d vs %d", page2.Total, before.Total)
	}
	e.Upsert(search.Doc{ID: "item:NEW-1", Kind: "matter", Title: "新增测试事项", URL: "/matters/NEW-1",
		Facets: map[string][]string{"type": {"07"}, "dept": {"ZZTEST"}}, RegionPath: []string{"000000"}})
	after := search1(t, e, search.Query{Scope: q.Scope, Facets: q.Facets, Limit: 1, CountOnly: true})
	if after.Total != before.Total+1 {
		t.Errorf("after an upsert total = %d, want %d", after.Total, before.Total+1)
	}
	found := false
	for _, fc := range after.Facets["dept"] {
		found = found || fc.Value == "ZZTEST" && fc.Count == 1
	}
	if !found {
		t.Errorf("new department not counted: %v", after.Facets["dept"])
	}
	e.Delete("item:NEW-1")
	if r := search1(t, e, q); r.Total != before.Total {
		t.Errorf("after delete total = %d, want %d", r.Total, before.Total)
	}
}
