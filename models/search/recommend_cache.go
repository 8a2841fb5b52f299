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
// Any index change empties it (Engine.invalidate), and a co-search may show
// up to recTTL late, which is harmless.
type recCache struct {
	mu  sync.Mutex
	m   map[string]recEntry
	gen uint64 // clears so far: a result computed across a clear is not kept
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

func (c *recCache) get(key string, now time.Time) ([]Recommendation, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || now.Sub(e.at) > recTTL {
		return nil, false
	}
	return append([]Recommendation(nil), e.recs...), true
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
