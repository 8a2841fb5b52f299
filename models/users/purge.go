package users

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
)

// Purge deletes what the account flows no longer need: verification codes
// older than a day (the daily limit looks back 24 h), sign-in counters idle
// past their window and lock, and development outbox messages older than a
// week. cmd/portal's housekeeping calls it every few minutes.
func Purge(ctx context.Context, st *models.Store) error {
	now := time.Now().UTC()
	db := st.DB.WithContext(ctx)
	if err := db.Where("created_at < ?", now.Add(-25*time.Hour)).Delete(&codeRow{}).Error; err != nil {
		return err
	}
	idle := DefaultThrottle.Window + DefaultThrottle.LockFor
	if err := db.Where("last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)", now.Add(-idle), now).Delete(&throttleRow{}).Error; err != nil {
		return err
	}
	return db.Where("created_at < ?", now.Add(-7*24*time.Hour)).Delete(&OutboxEntry{}).Error
}
