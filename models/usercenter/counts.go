package usercenter

import (
	"context"

	"github.com/zwfw/portal/models"
)

// Counts are the numbers the user-center dashboard shows beside its links.
type Counts struct {
	Favourites int
	Unread     int
	Footprints int
}

// CountAll returns the dashboard numbers in one query.
func CountAll(ctx context.Context, st *models.Store, userID int64) (Counts, error) {
	var c Counts
	err := st.DB.WithContext(ctx).Raw(`SELECT
		(SELECT COUNT(*) FROM user_favourites WHERE user_id = ?) AS favourites,
		(SELECT COUNT(*) FROM user_messages WHERE user_id = ? AND deleted_at IS NULL AND read_at IS NULL) AS unread,
		(SELECT COUNT(*) FROM user_footprints WHERE user_id = ?) AS footprints`, userID, userID, userID).Scan(&c).Error
	return c, err
}
