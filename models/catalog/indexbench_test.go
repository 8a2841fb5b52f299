package catalog_test

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
)

// BenchmarkIndexBuildFromDatabase measures what a portal does at start
// (issue 4: index build ≥ 20,000 items/s, resident memory < 2 GB): search.Open
// over the catalog and site sources of BENCH_DATABASE_URL, a database seeded by
// `portal seed scale --items 1000000` (make bench-pg does that). Skipped
// without it. Run alone: peakRssMB is the process's high-water mark.
//
//	BENCH_DATABASE_URL=postgres://… GOMEMLIMIT=1800MiB go test ./models/catalog -run '^$' -bench IndexBuildFromDatabase -benchtime 1x
func BenchmarkIndexBuildFromDatabase(b *testing.B) {
	st, ref := benchDatabase(b)
	for b.Loop() {
		start := time.Now()
		e := openIndex(b, st, ref)
		el := time.Since(start)
		n := e.Len()
		b.ReportMetric(float64(n), "items")
		b.ReportMetric(float64(n)/el.Seconds(), "items/s")
		runtime.GC()
		b.ReportMetric(procStatusMB("VmRSS:"), "rssMB")
		b.ReportMetric(procStatusMB("VmHWM:"), "peakRssMB")
		runtime.KeepAlive(e)
	}
}

// benchDatabase opens BENCH_DATABASE_URL and its reference catalog, or
// skips the benchmark without it.
func benchDatabase(b *testing.B) (*models.Store, *refdata.Catalog) {
	url := os.Getenv("BENCH_DATABASE_URL")
	if url == "" {
		b.Skip("BENCH_DATABASE_URL not set")
	}
	st, err := models.Open(context.Background(), url, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() }) //nolint:errcheck
	ref, err := refdata.Load(context.Background(), st)
	if err != nil {
		b.Fatal(err)
	}
	return st, ref
}

// openIndex builds the search index from the database as a start does.
func openIndex(b *testing.B, st *models.Store, ref *refdata.Catalog) *search.Engine {
	e, err := search.Open(context.Background(), st.DB, nil, catalog.NewSearchSource(st, ref), sites.NewSearchSource(st, ref))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// procStatusMB reads one size line of /proc/self/status (Linux) in MB.
func procStatusMB(field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// pageFacets are the facet keys a search page asks for (handlers/search_state.go
// searchFilters, then search.ScopeFacets for the scope tabs).
var pageFacets = []string{"type", "dept", "region", "audience", "theme_n", "theme_l", "level", "scope", "online", "kind", "group"}

// BenchmarkSearchFromDatabase evaluates every query of the relevance suite
// as a search page asks it (facet counts included) with the result cache
// off, one at a time, over the index of BENCH_DATABASE_URL: what each query
// costs the first time after a start or an index change. It reports the
// p50, p95 and slowest query and logs the ten slowest. BENCH_QUERIES
// (comma-separated) replaces the queries.
func BenchmarkSearchFromDatabase(b *testing.B) {
	ctx := context.Background()
	st, ref := benchDatabase(b)
	e := openIndex(b, st, ref)
	e.SetResultCache(0)
	queries := append(relevanceQueries(b), broadQueries...)
	if qs := os.Getenv("BENCH_QUERIES"); qs != "" { // e.g. BENCH_QUERIES=登记,许可 to profile a few
		queries = strings.Split(qs, ",")
	}
	type timing struct {
		q string
		d time.Duration
	}
	times := make([]timing, len(queries))
	b.ResetTimer()
	for b.Loop() {
		for i, q := range queries {
			start := time.Now()
			if _, err := e.Search(ctx, search.Query{Text: q, Limit: 10, Facets: pageFacets}); err != nil {
				b.Fatal(err)
			}
			if d := time.Since(start); d > times[i].d {
				times[i] = timing{q, d}
			}
		}
	}
	b.StopTimer()
	slices.SortFunc(times, func(x, y timing) int { return int(x.d - y.d) })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(times[len(times)/2].d), "p50-ms")
	b.ReportMetric(ms(times[len(times)*95/100].d), "p95-ms")
	b.ReportMetric(ms(times[len(times)-1].d), "max-ms")
	for _, t := range times[max(0, len(times)-10):] {
		b.Logf("%8.2f ms  %s", ms(t.d), t.q)
	}
}

// broadQueries match a large part of a million items: the costliest to
// evaluate.
var broadQueries = []string{"登记", "许可", "申请材料", "证明", "办理", "申请", "变更", "注销", "备案", "审批", "居民", "企业", "身份证", "sfz", "dengji"}

// relevanceQueries are the queries of the search relevance suite.
func relevanceQueries(b *testing.B) []string {
	data, err := os.ReadFile("../search/testdata/relevance.tsv")
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for line := range strings.SplitSeq(string(data), "\n") {
		if q, _, _ := strings.Cut(line, "\t"); q != "" && !strings.HasPrefix(line, "#") {
			out = append(out, q)
		}
	}
	return out
}
