package handlers_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
)

// Issue 4 (query p95 < 30 ms at 500/s, also right after a start or an index
// change): the hot words' search pages are computed before the first
// visitor asks, and again after the index changes, so a visitor's search
// for a hot word is answered without evaluating it.
func TestHotWordSearchPagesAreWarmBeforeVisitorsAndAfterChanges(t *testing.T) {
	defer handlers.SetWarmDebounce(10 * time.Millisecond)()
	var eng *search.Engine
	env := handlertest.NewWithDemo(t, func(d *handlers.Deps) {
		ref, err := refdata.Load(context.Background(), d.Store)
		if err != nil {
			t.Fatal(err)
		}
		eng = search.NewEngine(search.WithDB(d.Store.DB))
		if err := eng.Load(context.Background(), catalog.NewSearchSource(d.Store, ref), sites.NewSearchSource(d.Store, ref)); err != nil {
			t.Fatal(err)
		}
		d.Search = eng
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hot := []string{"结婚登记", "居住证", "营业执照"}
	for i, w := range hot {
		if err := eng.PinHotWord(ctx, w, i, time.Time{}, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := env.App.WarmSearch(ctx); n != len(hot) {
		t.Fatalf("warmed %d pages, want %d", n, len(hot))
	}
	c := env.Client()
	visit := func(word string) uint64 {
		t.Helper()
		before := eng.Evaluations()
		d := searchGet(t, c, "/search?q="+url.QueryEscape(word))
		if d.Find(".zw-search-hit").Length() == 0 {
			t.Fatalf("%s: no results", word)
		}
		return eng.Evaluations() - before
	}
	for _, w := range hot {
		if n := visit(w); n != 0 {
			t.Errorf("%s after the start: %d evaluations, want the warmed page", w, n)
		}
	}
	if n := visit("户口迁移"); n == 0 {
		t.Error("a word that is not hot was not evaluated: the counter proves nothing")
	}
	// An index change drops the cached pages it could alter (the changed
	// item's own page at least); the warmer computes them again after a pause.
	top, err := eng.Search(ctx, search.Query{Text: "居住证", Limit: 1})
	if err != nil || len(top.Hits) == 0 {
		t.Fatal("no item to change", err)
	}
	base := eng.Evaluations()
	if err := eng.Changed(ctx, top.Hits[0].Doc.ID); err != nil { // as the console does after an edit
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for eng.Evaluations() == base {
		if time.Now().After(deadline) {
			t.Fatal("the page of the changed item was not warmed again")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for last := uint64(0); last != eng.Evaluations(); time.Sleep(200 * time.Millisecond) {
		last = eng.Evaluations() // until the warm is over
	}
	for _, w := range hot {
		if n := visit(w); n != 0 {
			t.Errorf("%s after an index change: %d evaluations, want the page warmed again", w, n)
		}
	}
}
