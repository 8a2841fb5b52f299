package search

import (
	"context"
	"testing"
	"time"
)

// A change another process made (its NOTIFY) may be answered from before it
// for at most remoteStale while the answer is evaluated again beside it; a
// change made through this engine is answered from after it at once.
func TestRemoteChangesMayBeAnsweredStaleBriefly(t *testing.T) {
	ctx := context.Background()
	e := NewEngine()
	if err := e.Load(ctx, threeMatters{}); err != nil {
		t.Fatal(err)
	}
	total := func(text string) int {
		r, err := e.Search(ctx, Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return r.Total
	}
	if n := total("结婚登记"); n != 1 {
		t.Fatalf("结婚登记: %d", n)
	}
	// Another process renamed item:a: the first answer may be the old one…
	e.upsert(true, Doc{ID: "item:a", Title: "收养登记", Body: "材料", Facets: map[string][]string{"type": {"07"}}})
	if n := total("结婚登记"); n != 1 {
		t.Fatalf("right after a remote change: %d, want the cached answer (1)", n)
	}
	// …and the answer from after the change follows within remoteStale.
	deadline := time.Now().Add(remoteStale)
	for total("结婚登记") != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("still the old answer %s after the remote change", remoteStale)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A change made here is answered from after it at once.
	if n := total("收养登记"); n != 1 {
		t.Fatalf("收养登记: %d", n)
	}
	e.Upsert(Doc{ID: "item:a", Title: "结婚登记", Body: "材料", Facets: map[string][]string{"type": {"07"}}})
	if n := total("收养登记"); n != 0 {
		t.Fatalf("after a local change: %d, want 0 at once", n)
	}
	// A stale answer nobody asked for within remoteStale is not served.
	total("结婚登记")
	e.upsert(true, Doc{ID: "item:a", Title: "收养登记", Body: "材料", Facets: map[string][]string{"type": {"07"}}})
	time.Sleep(remoteStale + 50*time.Millisecond)
	if n := total("结婚登记"); n != 0 {
		t.Fatalf("%s after a remote change: %d, want the answer from after it", remoteStale, n)
	}
}
