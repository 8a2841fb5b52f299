package gateway

import (
	"sync"
	"time"
)

// Circuit breaker (issue 10 §4): after BreakerFailures consecutive upstream
// failures an interface is not forwarded to for BreakerCooldown; then one
// trial call is let through, and its outcome closes or reopens the circuit.
// State is per process: each process protects its own callers.
const (
	BreakerFailures = 5
	BreakerCooldown = 10 * time.Second
)

type breakers struct {
	mu sync.Mutex
	m  map[int64]*breaker
}

type breaker struct {
	fails    int
	openTill time.Time
	trial    bool // a half-open trial is in flight
}

func newBreakers() *breakers { return &breakers{m: map[int64]*breaker{}} }

// allow reports whether a call to interface id may go upstream now.
func (bs *breakers) allow(id int64, now time.Time) bool {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	b := bs.m[id]
	if b == nil || b.fails < BreakerFailures {
		return true
	}
	if now.Before(b.openTill) || b.trial {
		return false
	}
	b.trial = true
	return true
}

// abandon records a call that ended without an outcome (the consumer left):
// a half-open trial may be made again, the failure count stays.
func (bs *breakers) abandon(id int64) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if b := bs.m[id]; b != nil {
		b.trial = false
	}
}

// done records a call's outcome.
func (bs *breakers) done(id int64, failed bool, now time.Time) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	b := bs.m[id]
	if b == nil {
		if !failed {
			return
		}
		b = &breaker{}
		bs.m[id] = b
	}
	b.trial = false
	if !failed {
		b.fails = 0
		return
	}
	b.fails++
	if b.fails >= BreakerFailures {
		b.openTill = now.Add(BreakerCooldown)
	}
}
