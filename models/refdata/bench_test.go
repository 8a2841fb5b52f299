package refdata_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/zwfw/portal/models/refdata"
)

// Lookups are per-request work: they must stay allocation-free map and slice
// reads. Run with: go test -bench . -benchmem ./models/refdata/
func BenchmarkRegion(b *testing.B) {
	_, cat := seeded(b)
	codes := []string{"330106", "110101", "441900", "650100", "330106002", "3301", "999999"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		cat.Region(codes[i%len(codes)])
		i++
	}
}

func BenchmarkChildren(b *testing.B) {
	_, cat := seeded(b)
	codes := []string{refdata.National, "330000", "330100", "330106", "441900"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		cat.Children(codes[i%len(codes)])
		i++
	}
}

func BenchmarkPath(b *testing.B) {
	_, cat := seeded(b)
	b.ReportAllocs()
	for b.Loop() {
		cat.Path("330106002")
	}
}

// BenchmarkLoadWithVillages seeds all 665k regions once (reporting the
// village insert rate) and measures Load and the heap the catalog keeps.
// Slow: run it on purpose, -bench LoadWithVillages -benchtime 1x.
func BenchmarkLoadWithVillages(b *testing.B) {
	ctx := context.Background()
	st, _ := seeded(b)
	res, err := refdata.LoadVillages(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d villages in %s (%.0f rows/s)", st.Dialect, res.Inserted, res.Took, res.RowsPerSecond())
	var cat *refdata.Catalog
	for b.Loop() {
		if cat, err = refdata.Load(ctx, st); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.Logf("catalog: %d regions, %d villages", cat.RegionCount(), cat.VillageCount())
	runtime.KeepAlive(cat)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(before.HeapAlloc-after.HeapAlloc)/(1<<20), "MB-catalog")
	b.ReportMetric(float64(res.RowsPerSecond()), "village-rows/s")
}
