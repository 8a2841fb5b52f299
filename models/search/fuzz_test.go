package search_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/zwfw/portal/models/search"
)

var (
	fuzzOnce   sync.Once
	fuzzEngine *search.Engine
)

// FuzzSearch: no input makes Search or Suggest fail or break the result's
// invariants (go test -fuzz FuzzSearch ./models/search). The seed corpus is
// in testdata/fuzz/FuzzSearch.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "身份证", "sfz", "shenfen zheng", "身分证", "我想换身份证需要带什么", "'; DROP TABLE matters; --",
		".*+?[](){}|^$\\", "\x00\x01\x1b[31m", "😀🙏", "身份zheng😀", "杭州 身份证换领", strings.Repeat("证", 1001), "\xff\xfe\xfd"} {
		f.Add(s, "330106", 0)
	}
	f.Fuzz(func(t *testing.T, text, region string, offset int) {
		fuzzOnce.Do(func() { fuzzEngine = fixtureEngine(t) })
		e := fuzzEngine
		r, err := e.Search(context.Background(), search.Query{Text: text, Region: region, Offset: offset, Limit: 5,
			Facets: []string{"type"}, Filters: map[string][]string{"dept": {region}}})
		if err != nil {
			t.Fatalf("Search(%q): %v", text, err)
		}
		if len(r.Hits) > 5 || len(r.Hits) > r.Total {
			t.Fatalf("Search(%q): %d hits of %d", text, len(r.Hits), r.Total)
		}
		if r.Trimmed != (utf8.RuneCountInString(strings.ToValidUTF8(text, "\uFFFD")) > search.MaxQueryRunes) && utf8.ValidString(text) {
			t.Fatalf("Search(%q): trimmed = %v", text, r.Trimmed)
		}
		if r.Banned && r.Total != 0 {
			t.Fatalf("banned query with results")
		}
		if _, err := e.Search(context.Background(), search.Query{Text: text}); err != nil {
			t.Fatalf("Search(%q): %v", text, err)
		}
		s, err := e.Suggest(context.Background(), text, 8)
		if err != nil || len(s) > 8 {
			t.Fatalf("Suggest(%q): %d, %v", text, len(s), err)
		}
	})
}
