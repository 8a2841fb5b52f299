package search_test

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"github.com/zwfw/portal/models/search"
)

func TestZZHeap(t *testing.T) {
	if os.Getenv("SEARCH_BENCH_DOCS") == "" {
		t.Skip()
	}
	e := search.NewEngine()
	if err := e.Load(context.Background(), synthSource{benchDocs()}); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	f, _ := os.Create("/tmp/h6heap.out")
	pprof.Lookup("heap").WriteTo(f, 0)
	f.Close()
	runtime.KeepAlive(e)
}
