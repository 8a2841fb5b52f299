package search

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/zwfw/portal/models/modelstest"
)

// threeMatters are three docs with different titles (a doc's own title is
// never recommended).
type threeMatters struct{}

func (threeMatters) Kind() string                                   { return "matter" }
func (threeMatters) Get(context.Context, string) (Doc, bool, error) { return Doc{}, false, nil }
func (threeMatters) All(_ context.Context, emit func(Doc) error) error {
	for i, title := range []string{"结婚登记", "户口迁移", "居民身份证换领"} {
		d := Doc{ID: "item:" + string(rune('a'+i)), Title: title, Body: "材料", Facets: map[string][]string{"type": {"07"}}}
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

func hasCoSearch(recs []Recommendation, id string) bool {
	for _, r := range recs {
		if r.Reason == ReasonCoSearch && r.Doc.ID == id {
			return true
		}
	}
	return false
}

// Recommendations past their time (or from before new co-searches were
// written) are served at once and recomputed in the background: the page
// never waits for them, and the new co-search shows shortly after.
func TestStaleRecommendationsAreServedWhileRecomputed(t *testing.T) {
	st := modelstest.Open(t)
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	e := NewEngine(WithDB(st.DB), WithClock(clock))
	t.Cleanup(func() { e.Close() })
	if err := e.Load(ctx, threeMatters{}); err != nil {
		t.Fatal(err)
	}
	req := RecommendRequest{DocID: "item:a"}
	first, err := e.Recommend(ctx, req)
	if err != nil || hasCoSearch(first, "item:b") {
		t.Fatalf("before any search: %+v, %v", first, err)
	}
	for _, v := range []string{"v1", "v2"} {
		e.LogQuery(LogEntry{Query: "结婚登记", Results: 1, Visitor: v, TopDoc: "item:a"})
		e.LogQuery(LogEntry{Query: "户口迁移", Results: 1, Visitor: v, TopDoc: "item:b"})
	}
	e.qlog.write() // in the database; the cached recommendation does not know yet
	mu.Lock()
	now = now.Add(recTTL + time.Second)
	mu.Unlock()
	stale, err := e.Recommend(ctx, req)
	if err != nil || hasCoSearch(stale, "item:b") || len(stale) != len(first) {
		t.Fatalf("past its time: %+v, %v; want the cached list served as it was", stale, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		recs, err := e.Recommend(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if hasCoSearch(recs, "item:b") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the co-search never showed: %+v", recs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A background flush marks the entries stale the same way.
	e.LogQuery(LogEntry{Query: "身份证", Results: 1, Visitor: "v1", TopDoc: "item:c"})
	e.LogQuery(LogEntry{Query: "身份证", Results: 1, Visitor: "v2", TopDoc: "item:c"})
	e.qlog.write()
	e.recs.expire()
	if recs, _ := e.Recommend(ctx, req); hasCoSearch(recs, "item:c") {
		t.Fatal("an expired entry was recomputed before it was served")
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if recs, _ := e.Recommend(ctx, req); hasCoSearch(recs, "item:c") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the expired entry was never recomputed")
		}
	}
}
