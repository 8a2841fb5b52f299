package search

import (
	"context"
	"testing"
	"time"
)

// A search arriving while the same search is being evaluated waits for that
// evaluation and gets its result, instead of evaluating it again.
func TestIdenticalSearchesInFlightShareOneEvaluation(t *testing.T) {
	e := NewEngine()
	ctx := context.Background()
	if err := e.Load(ctx, facetDocs(100)); err != nil {
		t.Fatal(err)
	}
	q := Query{Text: "身份证", Limit: 10}
	f, leader := e.flights.join(cacheKey(q, q.Text, 0, 10))
	if !leader {
		t.Fatal("no search should be in flight")
	}
	got := make(chan Result, 1)
	go func() {
		r, err := e.Search(ctx, q)
		if err != nil {
			t.Error(err)
		}
		got <- r
	}()
	select {
	case <-got:
		t.Fatal("the second search evaluated instead of waiting")
	case <-time.After(100 * time.Millisecond):
	}
	f.res = Result{Total: 4242}
	e.flights.leave(cacheKey(q, q.Text, 0, 10), f)
	if r := <-got; r.Total != 4242 {
		t.Fatalf("total %d: the waiting search did not get the evaluation's result", r.Total)
	}
	// Nothing in flight now: the search is evaluated (100 docs match).
	if r, _ := e.Search(ctx, Query{Text: "身份证", Limit: 10, Offset: 0}); r.Total != 100 {
		t.Fatalf("total %d after the flight, want 100", r.Total)
	}
}
