package handlers

import (
	"context"
	"net/url"
	"time"

	"github.com/zwfw/portal/models/search"
)

// Cache warming (issue 4: query p95 < 30 ms at 500 searches/s). Any index
// change empties the engine's result cache, and a start begins with it
// empty: at 500/s the broad hot words (登记, 许可: 20–40 ms each over a
// million items) then queued for seconds. The warmer computes the search
// page of every hot word as an anonymous visitor asks for it — results,
// scope tabs, suggestions, recommendations — once before the portal takes
// traffic and again after each change.

// warmWords is how many hot words are warmed (search.HotWords keeps at
// most 100).
const warmWords = 100

// warmDebounce: changes arrive in bursts (an import, a NOTIFY storm); one
// warm follows a burst. A variable so tests wait less.
var warmDebounce = 2 * time.Second

type searchWarmer struct {
	h    *searchHandler
	kick chan struct{}
}

func newSearchWarmer(h *searchHandler, e *search.Engine) *searchWarmer {
	w := &searchWarmer{h: h, kick: make(chan struct{}, 1)}
	if e != nil {
		e.OnChange(func(string) {
			select {
			case w.kick <- struct{}{}:
			default: // a warm is already due
			}
		})
	}
	return w
}

// warm computes the hot words' pages; it stops early when ctx ends or the
// index changes again (what it computed is gone then). It returns how many
// pages it computed.
func (w *searchWarmer) warm(ctx context.Context) int {
	words, err := w.h.svc.HotWords(ctx, warmWords)
	if err != nil {
		return 0
	}
	// The empty search box: hot words and general recommendations.
	_, _ = w.h.svc.Recommend(ctx, recRequest{Limit: recsShown}) // warming only fills caches: an error leaves one cold
	n := 0
	for _, word := range words {
		if ctx.Err() != nil || len(w.kick) > 0 {
			break
		}
		st := parseSearchState(w.h.ref, url.Values{"q": {word}}, "")
		res, _, _, err := w.h.run(ctx, &st, "")
		if err != nil || res.Banned {
			continue
		}
		var near []*search.Doc
		for i := 0; i < len(res.Hits) && i < 3; i++ {
			near = append(near, res.Hits[i].Doc)
		}
		_, _ = w.h.svc.Recommend(ctx, recRequest{Near: near, Limit: recsShown}) // as above
		n++
	}
	return n
}

// follow warms again after each change of the index until ctx ends.
func (w *searchWarmer) follow(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.kick:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(warmDebounce):
		}
		select {
		case <-w.kick: // changes during the pause: one warm covers them
		default:
		}
		w.warm(ctx)
	}
}

// WarmSearch computes the search pages of the hot words now, so the first
// visitors after a start are answered from cache, then keeps doing so
// after every index change until ctx ends (in a goroutine of its own). It
// returns how many pages it computed now. cmd/portal calls it before
// taking traffic; tests do not, so their caches start empty.
func (a *App) WarmSearch(ctx context.Context) int {
	if a.searchWarmer == nil {
		return 0
	}
	// Changes seen so far are covered by this warm.
	select {
	case <-a.searchWarmer.kick:
	default:
	}
	n := a.searchWarmer.warm(ctx)
	go a.searchWarmer.follow(ctx)
	return n
}
