package search_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/search"
)

// relevanceCase is one line of testdata/relevance.tsv.
type relevanceCase struct {
	query, want, region, kind string
}

func loadRelevance(t testing.TB) []relevanceCase {
	t.Helper()
	f, err := os.Open("testdata/relevance.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []relevanceCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 4 {
			t.Fatalf("relevance.tsv: want 4 columns: %q", line)
		}
		out = append(out, relevanceCase{c[0], c[1], c[2], c[3]})
	}
	return out
}

// hitMatches: the hit has the expected title and, for region-qualified
// queries, lies in that region.
func hitMatches(h search.Hit, c relevanceCase) bool {
	return h.Doc.Title == c.want && (c.region == "" || slices.Contains(h.Doc.RegionPath, c.region))
}

// TestRelevance runs the relevance suite of issue 4 item 11 (C 0103 7.4:
// pinyin, initials, typos, 政务主题词库 synonyms, whole sentences, mixed
// scripts, region-qualified queries) over the demo data the portal ships,
// prints precision@3 overall and per kind, and fails below 0.9.
func TestRelevance(t *testing.T) {
	cases := loadRelevance(t)
	if len(cases) < 150 {
		t.Fatalf("%d relevance queries, want ≥ 150", len(cases))
	}
	e, _ := demoEngine(t)
	ctx := context.Background()
	hits, perKind, totalKind := 0, map[string]int{}, map[string]int{}
	for _, c := range cases {
		r, err := e.Search(ctx, search.Query{Text: c.query, Limit: 3})
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		totalKind[c.kind]++
		found := slices.ContainsFunc(r.Hits, func(h search.Hit) bool { return hitMatches(h, c) })
		if found {
			hits++
			perKind[c.kind]++
			continue
		}
		var got []string
		for _, h := range r.Hits {
			got = append(got, h.Doc.Title+"@"+h.Doc.RegionPath[0])
		}
		t.Logf("miss [%s] %q (corrected %q, terms %v): want %s%s, got %v", c.kind, c.query, r.Corrected, r.Terms,
			c.want, c.region, got)
	}
	p := float64(hits) / float64(len(cases))
	var kinds []string
	for k := range totalKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d/%d", k, perKind[k], totalKind[k]))
	}
	fmt.Printf("search relevance: precision@3 = %.3f (%d/%d queries; %s)\n", p, hits, len(cases), strings.Join(parts, ", "))
	if p < 0.9 {
		t.Errorf("precision@3 = %.3f, want ≥ 0.9", p)
	}
}
