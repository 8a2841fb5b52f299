package search_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/zwfw/portal/models/search"
)

func TestZZTiming(t *testing.T) {
	if os.Getenv("SEARCH_BENCH_DOCS") == "" {
		t.Skip()
	}
	e := search.NewEngine()
	if err := e.Load(context.Background(), synthSource{benchDocs()}); err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 2; round++ {
		for _, q := range benchQueries {
			q.Limit = 10
			c0 := cpuSeconds()
			st := time.Now()
			r, _ := e.Search(context.Background(), q)
			fmt.Printf("%-40q %-8s total=%7d wall=%6.1fms cpu=%6.1fms corr=%q\n", q.Text, q.Region, r.Total, float64(time.Since(st).Microseconds())/1000, (cpuSeconds()-c0)*1000, r.Corrected)
		}
	}
}
