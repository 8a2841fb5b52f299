package handlers_test

import (
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
)

// searchBenchPrefixes are what people type on the way to a query: Chinese
// prefixes, full pinyin prefixes and initials.
var searchBenchPrefixes = []string{"身", "身份", "身份证", "居民", "户口", "户口迁", "结婚", "婚姻", "驾", "驾照", "社保", "公积",
	"营业", "营业执照", "护照", "出生", "医保", "退休", "s", "sh", "shen", "shenf", "shenfenzheng", "sfz", "hk", "jz", "gjj",
	"yyzz", "hunyin", "jiehun", "shebao", "gongjijin", "y", "yh", "我想", "开公司", "ID"}

// BenchmarkSearchSuggest measures GET /api/v1/search/suggest through the
// full router over the demo catalog and reports p50/p95 (issue 4: p95 <
// 10 ms).
func BenchmarkSearchSuggest(b *testing.B) {
	benchSearchPath(b, func(i int) string {
		return "/api/v1/search/suggest?q=" + url.QueryEscape(searchBenchPrefixes[i%len(searchBenchPrefixes)])
	})
}

// BenchmarkSearchPage measures a whole results page (query, six tab
// counts, facets, suggestions, recommendations, rendering).
func BenchmarkSearchPage(b *testing.B) {
	benchSearchPath(b, func(i int) string {
		return "/search?q=" + url.QueryEscape(searchBenchPrefixes[i%len(searchBenchPrefixes)])
	})
}

// benchSearchPath requests path(i) b.N times, as one visitor per 20
// requests (many visitors, each searching a few times).
func benchSearchPath(b *testing.B, path func(i int) string) {
	env := handlertest.NewWithDemo(b)
	c := env.Client()
	for i := range searchBenchPrefixes { // warm up: connections, caches
		c.Get(path(i))
	}
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%20 == 0 {
			c = env.Client()
		}
		start := time.Now()
		r := c.Get(path(i))
		durs = append(durs, time.Since(start))
		if r.StatusCode != 200 {
			b.Fatalf("%s = %d", path(i), r.StatusCode)
		}
	}
	b.StopTimer()
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	pct := func(p float64) float64 { return float64(durs[int(p*float64(len(durs)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(.50), "p50-ms")
	b.ReportMetric(pct(.95), "p95-ms")
}
