package messaging

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
)

// Outcomes of Send.
const (
	Sent     = "sent"
	Deferred = "deferred"
	Dropped  = "dropped"
)

// ErrRateLimited is returned when a message is dropped by the rate limit.
var ErrRateLimited = errors.New("messaging: per-user rate limit reached")

// Limits are the per-user rate limits.
type Limits struct {
	PerHour int // non-urgent messages per user per rolling hour
	PerDay  int // non-urgent messages per user per rolling day
	Urgent  int // urgent messages per user per rolling hour
}

// DefaultLimits are the portal's rules.
var DefaultLimits = Limits{PerHour: 5, PerDay: 20, Urgent: 10}

// Quiet hours in China time (UTC+8, no daylight saving).
var china = time.FixedZone("CST", 8*3600)

const (
	quietFrom = 22 // 22:00
	quietTo   = 7  // 07:00
)

// QuietUntil reports whether t falls in the quiet hours and, if so, when
// they end (the next 07:00 China time).
func QuietUntil(t time.Time) (time.Time, bool) {
	l := t.In(china)
	h := l.Hour()
	if h >= quietTo && h < quietFrom {
		return time.Time{}, false
	}
	day := l
	if h >= quietFrom {
		day = l.AddDate(0, 0, 1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), quietTo, 0, 0, 0, china).UTC(), true
}

// Queued is one message request as recorded.
type Queued struct {
	ID        int64
	UserID    int64
	Template  string
	Params    string
	Urgent    bool
	Status    string
	DueAt     time.Time
	SentAt    *time.Time
	CreatedAt time.Time
}

// TableName keeps the table name explicit.
func (Queued) TableName() string { return "message_queue" }

// Sender applies the rules. Now is replaceable for tests.
type Sender struct {
	st     *models.Store
	Limits Limits
	Now    func() time.Time
}

// New returns a Sender with the default limits.
func New(st *models.Store) *Sender {
	return &Sender{st: st, Limits: DefaultLimits, Now: func() time.Time { return time.Now().UTC() }}
}

// Send asks for one message to userID from a template: it is delivered
// now, deferred out of the quiet hours, or dropped over the rate limit
// (ErrRateLimited). The outcome is returned either way.
func (s *Sender) Send(ctx context.Context, userID int64, key string, params map[string]string) (string, error) {
	t, ok := Templates[key]
	if !ok {
		return "", fmt.Errorf("messaging: no template %q", key)
	}
	msg, err := t.Render(params)
	if err != nil {
		return "", err
	}
	now := s.Now()
	status, due := Sent, now
	if until, quiet := QuietUntil(now); quiet && !t.Urgent {
		status, due = Deferred, until
	}
	if over, err := s.overLimit(ctx, userID, t.Urgent, now); err != nil {
		return "", err
	} else if over {
		status = Dropped
	}
	body, _ := json.Marshal(params)
	q := Queued{UserID: userID, Template: key, Params: string(body), Urgent: t.Urgent, Status: status, DueAt: due, CreatedAt: now}
	if status == Sent {
		if err := usercenter.Notify(ctx, s.st, userID, t.Kind, msg.Title, msg.Body, msg.Link); err != nil {
			return "", err
		}
		q.SentAt = &now
	}
	if err := s.st.DB.WithContext(ctx).Create(&q).Error; err != nil {
		return "", err
	}
	if status == Dropped {
		return status, ErrRateLimited
	}
	return status, nil
}

// overLimit counts the user's recent messages that were not dropped.
func (s *Sender) overLimit(ctx context.Context, userID int64, urgent bool, now time.Time) (bool, error) {
	count := func(since time.Time) (int64, error) {
		var n int64
		err := s.st.DB.WithContext(ctx).Model(&Queued{}).
			Where("user_id = ? AND urgent = ? AND status <> ? AND created_at > ?", userID, urgent, Dropped, since).Count(&n).Error
		return n, err
	}
	hour, err := count(now.Add(-time.Hour))
	if err != nil {
		return false, err
	}
	if urgent {
		return hour >= int64(s.Limits.Urgent), nil
	}
	if hour >= int64(s.Limits.PerHour) {
		return true, nil
	}
	day, err := count(now.Add(-24 * time.Hour))
	return day >= int64(s.Limits.PerDay), err
}

// Flush delivers deferred messages that are due (after the quiet hours)
// and returns how many it delivered. Run it every few minutes; several
// processes may run it at once (each row is claimed before delivery).
func (s *Sender) Flush(ctx context.Context) (int, error) {
	now := s.Now()
	if _, quiet := QuietUntil(now); quiet {
		return 0, nil
	}
	var due []Queued
	if err := s.st.DB.WithContext(ctx).Where("status = ? AND due_at <= ?", Deferred, now).Order("id").Limit(500).Find(&due).Error; err != nil {
		return 0, err
	}
	n := 0
	for _, q := range due {
		res := s.st.DB.WithContext(ctx).Model(&Queued{}).Where("id = ? AND status = ?", q.ID, Deferred).
			Updates(map[string]any{"status": Sent, "sent_at": now})
		if res.Error != nil {
			return n, res.Error
		}
		if res.RowsAffected == 0 {
			continue // another process took it
		}
		var params map[string]string
		_ = json.Unmarshal([]byte(q.Params), &params)
		t, ok := Templates[q.Template]
		if !ok {
			continue
		}
		msg, err := t.Render(params)
		if err != nil {
			continue
		}
		if err := usercenter.Notify(ctx, s.st, q.UserID, t.Kind, msg.Title, msg.Body, msg.Link); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Run flushes deferred messages every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, interval time.Duration, onErr func(error)) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if _, err := s.Flush(ctx); err != nil && onErr != nil {
				onErr(err)
			}
		}
	}
}
