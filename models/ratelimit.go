package models

import (
	"context"
	"time"
)

// HitRate counts one hit for bucket in the current fixed window and reports
// whether the count is still within limit. Counters live in the database so
// that a limit holds across every portal process (ARCHITECTURE.md §1).
func (s *Store) HitRate(ctx context.Context, bucket string, limit int, window time.Duration) (allowed bool, retryAfter time.Duration, err error) {
	now := time.Now().UTC()
	w := int64(window / time.Second)
	start := now.Unix() / w * w
	var hits int
	err = s.DB.WithContext(ctx).Raw(`INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, 1)
		ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + 1
		RETURNING hits`, bucket, start).Scan(&hits).Error
	if err != nil {
		return true, 0, err
	}
	if hits > limit {
		return false, time.Duration(start+w-now.Unix()) * time.Second, nil
	}
	return true, 0, nil
}

// PurgeRateCounters drops windows older than maxAge.
func (s *Store) PurgeRateCounters(ctx context.Context, maxAge time.Duration) error {
	cut := time.Now().UTC().Add(-maxAge).Unix()
	return s.DB.WithContext(ctx).Exec("DELETE FROM rate_counters WHERE window_start < ?", cut).Error
}
