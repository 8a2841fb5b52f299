package catalog_test

import (
	"context"
	"os"
	"runtime"
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
	url := os.Getenv("BENCH_DATABASE_URL")
	if url == "" {
		b.Skip("BENCH_DATABASE_URL not set")
	}
	ctx := context.Background()
	st, err := models.Open(ctx, url, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close() //nolint:errcheck
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		start := time.Now()
		e, err := search.Open(ctx, st.DB, nil, catalog.NewSearchSource(st, ref), sites.NewSearchSource(st, ref))
		if err != nil {
			b.Fatal(err)
		}
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
