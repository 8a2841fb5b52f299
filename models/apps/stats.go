package apps

import (
	"context"
	"time"
)

// Statistics per app and day (8.3.1: the container and the JSSDK feed the
// statistics function). Distinct users are counted by pseudonym, so the
// statistics tables hold no account ids.

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

func (s *Service) bump(ctx context.Context, appID int64, column string) error {
	// column is one of a fixed set chosen below, never user input.
	return s.St.DB.WithContext(ctx).Exec(`INSERT INTO app_stats (app_id, day, `+column+`) VALUES (?, ?, 1)
		ON CONFLICT (app_id, day) DO UPDATE SET `+column+` = app_stats.`+column+` + 1`, appID, day(s.now())).Error
}

func (s *Service) seeUser(ctx context.Context, app App, userID int64) error {
	if userID == 0 {
		return nil
	}
	return s.St.DB.WithContext(ctx).Exec(`INSERT INTO app_stat_users (app_id, day, user_key) VALUES (?, ?, ?)
		ON CONFLICT (app_id, day, user_key) DO NOTHING`, app.ID, day(s.now()), Pseudonym(app.PseudonymSalt+"/stats", userID)).Error
}

// RecordView counts one opening of the app (userID 0 = a visitor).
func (s *Service) RecordView(ctx context.Context, app App, userID int64) error {
	if err := s.bump(ctx, app.ID, "views"); err != nil {
		return err
	}
	return s.seeUser(ctx, app, userID)
}

// RecordError counts one error the app's page reported through the JSSDK.
func (s *Service) RecordError(ctx context.Context, app App) error {
	return s.bump(ctx, app.ID, "errors")
}

// RecordTicket counts one identity hand-off started.
func (s *Service) RecordTicket(ctx context.Context, app App, userID int64) error {
	if err := s.bump(ctx, app.ID, "tickets"); err != nil {
		return err
	}
	return s.seeUser(ctx, app, userID)
}

// DayStats is one day of one app.
type DayStats struct {
	Day     string
	Views   int64
	Users   int64
	Errors  int64
	Tickets int64
}

// Stats returns the last days of statistics of app, newest first, and their
// totals (Users in the totals is the sum of daily users). Two queries.
func (s *Service) Stats(ctx context.Context, appID int64, days int) ([]DayStats, DayStats, error) {
	if days <= 0 || days > 366 {
		days = 30
	}
	from := day(s.now().AddDate(0, 0, -days+1))
	db := s.St.DB.WithContext(ctx)
	var rows []DayStats
	if err := db.Table("app_stats").Select("day, views, errors, tickets").
		Where("app_id = ? AND day >= ?", appID, from).Order("day DESC").Scan(&rows).Error; err != nil {
		return nil, DayStats{}, err
	}
	var users []struct {
		Day string
		N   int64
	}
	if err := db.Table("app_stat_users").Select("day, COUNT(*) AS n").
		Where("app_id = ? AND day >= ?", appID, from).Group("day").Scan(&users).Error; err != nil {
		return nil, DayStats{}, err
	}
	byDay := map[string]int64{}
	for _, u := range users {
		byDay[u.Day] = u.N
	}
	var total DayStats
	for i := range rows {
		rows[i].Users = byDay[rows[i].Day]
		total.Views += rows[i].Views
		total.Users += rows[i].Users
		total.Errors += rows[i].Errors
		total.Tickets += rows[i].Tickets
	}
	return rows, total, nil
}
