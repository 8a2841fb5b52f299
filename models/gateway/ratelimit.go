package gateway

import (
	"context"
	"sync"
	"time"

	"github.com/zwfw/portal/models"
)

// limiter enforces per-consumer limits per minute across every portal
// process. The count lives in gateway_rate; a process leases a block of
// the window's allowance with one statement and spends it locally, so a
// call costs a database write only once per block. Leased but unspent
// calls lapse with the window: the limit may under-admit a little across
// processes, never over-admit.
type limiter struct {
	st *models.Store
	mu sync.Mutex
	m  map[string]*bucket
}

type bucket struct {
	mu        sync.Mutex
	window    int64
	tokens    int64
	exhausted bool
}

func newLimiter(st *models.Store) *limiter { return &limiter{st: st, m: map[string]*bucket{}} }

func (l *limiter) bucket(key string) *bucket {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.m[key]
	if b == nil {
		if len(l.m) > 100_000 {
			l.m = map[string]*bucket{}
		}
		b = &bucket{}
		l.m[key] = b
	}
	return b
}

// allow takes one call from key's allowance of limit per minute.
func (l *limiter) allow(ctx context.Context, key string, limit int, now time.Time) (bool, time.Duration, error) {
	w := now.Unix() / 60 * 60
	retry := time.Duration(w+60-now.Unix()) * time.Second
	b := l.bucket(key)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.window != w {
		b.window, b.tokens, b.exhausted = w, 0, false
	}
	if b.tokens > 0 {
		b.tokens--
		return true, 0, nil
	}
	if b.exhausted {
		return false, retry, nil
	}
	chunk := int64(max(1, min(limit/20, 500)))
	var used int64
	err := l.st.DB.WithContext(ctx).Raw(`INSERT INTO gateway_rate (bucket, window_start, used) VALUES (?, ?, ?)
		ON CONFLICT (bucket, window_start) DO UPDATE SET used = gateway_rate.used + excluded.used
		RETURNING used`, key, w, chunk).Scan(&used).Error
	if err != nil {
		return false, 0, err
	}
	granted := min(max(int64(limit)-(used-chunk), 0), chunk)
	if granted == 0 {
		b.exhausted = true
		return false, retry, nil
	}
	b.tokens = granted - 1
	return true, 0, nil
}

// purge drops windows older than an hour.
func (l *limiter) purge(ctx context.Context, now time.Time) error {
	return l.st.DB.WithContext(ctx).Exec("DELETE FROM gateway_rate WHERE window_start < ?", now.Add(-time.Hour).Unix()).Error
}
