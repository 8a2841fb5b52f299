package search

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// recCache keeps recommendations for recTTL: they read the query log
// (co-searches) and scan the popular docs of a theme or of the whole index,
// which at a million items costs far more than the search they sit beside.
// Any index change empties it (Engine.invalidate). An entry older than
// recTTL, or from before a log flush, is still served while it is
// recomputed in the background: a page never waits for co-searches it had a
// minute ago (at 500 searches/s, 40 hot words' recommendations expiring
// together stalled the pages for 1.5 s). A co-search may show a minute or
// two late, which is harmless.
type recCache struct {
	mu         sync.Mutex
	m          map[string]recEntry
	gen        uint64          // clears so far: a result computed across a clear is not kept
	refreshing map[string]bool // keys being recomputed in the background
}

type recEntry struct {
	at   time.Time
	recs []Recommendation
}

const (
	recTTL     = time.Minute
	recCacheN  = 4096
	recKeySep  = "\x00"
	recHistMax = 3
)

func recKey(r RecommendRequest) string {
	h := r.History
	if len(h) > recHistMax {
		h = h[:recHistMax]
	}
	return r.DocID + recKeySep + r.Region + recKeySep + strings.Join(h, "\x01") + recKeySep + strconv.Itoa(r.Limit)
}

// get returns the entry of key, if any, and whether it is fresh (younger
// than recTTL and not expired by a log flush).
func (c *recCache) get(key string, now time.Time) (recs []Recommendation, fresh, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok {
		return nil, false, false
	}
	return append([]Recommendation(nil), e.recs...), !e.at.IsZero() && now.Sub(e.at) <= recTTL, true
}

// maxRefreshing bounds the background recomputations running at once: when
// many entries go stale together (a log flush) they are refreshed one by
// one as pages read them, not all at once beside the searches.
const maxRefreshing = 1

// startRefresh reports whether the caller should recompute key now (nobody
// else is, and a refresh slot is free); it must then call endRefresh.
func (c *recCache) startRefresh(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.refreshing[key] || len(c.refreshing) >= maxRefreshing {
		return false
	}
	if c.refreshing == nil {
		c.refreshing = map[string]bool{}
	}
	c.refreshing[key] = true
	return true
}

func (c *recCache) endRefresh(key string) {
	c.mu.Lock()
	delete(c.refreshing, key)
	c.mu.Unlock()
}

// expire marks every entry stale: still served, recomputed beside the page
// that reads it (the log has new co-searches; the index is unchanged).
func (c *recCache) expire() {
	c.mu.Lock()
	for k, e := range c.m {
		e.at = time.Time{}
		c.m[k] = e
	}
	c.gen++
	c.mu.Unlock()
}

// generation is what put must be given for a result computed from now on.
func (c *recCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *recCache) put(key string, now time.Time, recs []Recommendation, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.m == nil || len(c.m) >= recCacheN {
		c.m = map[string]recEntry{}
	}
	c.m[key] = recEntry{at: now, recs: append([]Recommendation(nil), recs...)}
}

func (c *recCache) clear() {
	c.mu.Lock()
	c.m = nil
	c.gen++
	c.mu.Unlock()
}
