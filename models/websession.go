package models

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// WebSession is one server-side session. Data is the encrypted, encoded
// session values: the cookie carries only the signed ID.
type WebSession struct {
	ID        string `gorm:"primaryKey"`
	Data      string
	ExpiresAt time.Time
	UpdatedAt time.Time
}

// TableName keeps the table name explicit.
func (WebSession) TableName() string { return "web_sessions" }

// LoadSession returns the unexpired session with id, or ErrNotFound.
func (s *Store) LoadSession(ctx context.Context, id string) (WebSession, error) {
	var ws WebSession
	err := s.DB.WithContext(ctx).Where("id = ? AND expires_at > ?", id, time.Now().UTC()).Take(&ws).Error
	return ws, notFound(err)
}

// SaveSession inserts or replaces a session row.
func (s *Store) SaveSession(ctx context.Context, ws WebSession) error {
	ws.UpdatedAt = time.Now().UTC()
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "id"}},
		DoUpdates: clause.AssignmentColumns([]string{"data", "expires_at", "updated_at"}),
	}).Create(&ws).Error
}

// DeleteSession removes a session (logout, rotation).
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.DB.WithContext(ctx).Where("id = ?", id).Delete(&WebSession{}).Error
}

// PurgeExpiredSessions deletes sessions past their expiry and returns how many.
func (s *Store) PurgeExpiredSessions(ctx context.Context) (int64, error) {
	res := s.DB.WithContext(ctx).Where("expires_at <= ?", time.Now().UTC()).Delete(&WebSession{})
	return res.RowsAffected, res.Error
}
