package messaging_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/messaging"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/usercenter"
)

func setup(t *testing.T, at string) (*models.Store, *messaging.Sender, *time.Time, int64) {
	t.Helper()
	st := modelstest.Open(t)
	st.DB.Exec(`INSERT INTO users (kind, phone, password_hash, name, level, session_epoch, created_at, updated_at)
		VALUES ('legal', '13900139000', 'x', '单位', 3, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')`)
	var id int64
	st.DB.Raw("SELECT id FROM users WHERE phone = '13900139000'").Scan(&id)
	now, _ := time.Parse(time.RFC3339, at)
	s := messaging.New(st)
	s.Now = func() time.Time { return now }
	return st, s, &now, id
}

func inbox(t *testing.T, st *models.Store, user int64) []usercenter.Message {
	t.Helper()
	list, _, err := usercenter.Messages(context.Background(), st, user, usercenter.MessageFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

var decided = map[string]string{"name": "浙里办", "decision": "approve", "id": "7"}

// C 0103 9.4 d: a message is built from its template, exactly.
func TestC94d_MessagesFollowTheirTemplates(t *testing.T) {
	st, s, _, user := setup(t, "2026-03-02T02:00:00Z") // 10:00 in China
	ctx := context.Background()
	if out, err := s.Send(ctx, user, "filing_decided", decided); err != nil || out != messaging.Sent {
		t.Fatalf("%s %v", out, err)
	}
	got := inbox(t, st, user)
	if len(got) != 1 || got[0].Title != "移动端备案审核结果：浙里办" || got[0].Link != "/developer/filings/7" ||
		got[0].Body != "您提交的政务服务移动端备案“浙里办”审核结果：已通过。请查看审核意见。" {
		t.Fatalf("%+v", got)
	}
	if _, err := s.Send(ctx, user, "filing_decided", map[string]string{"name": "x"}); err == nil {
		t.Fatal("a message with a missing parameter was sent")
	}
	if _, err := s.Send(ctx, user, "filing_decided", map[string]string{"name": "x", "decision": "approve", "id": "1", "extra": "y"}); err == nil {
		t.Fatal("a message with an unknown parameter was sent")
	}
	if _, err := s.Send(ctx, user, "no_such_template", nil); err == nil {
		t.Fatal("a message without a template was sent")
	}
	if len(inbox(t, st, user)) != 1 {
		t.Fatal("a refused message reached the inbox")
	}
}

// C 0103 9.4 d: per-user rate limits (an hour, a day), other users unaffected.
func TestC94d_PerUserRateLimit(t *testing.T) {
	st, s, now, user := setup(t, "2026-03-02T02:00:00Z")
	ctx := context.Background()
	s.Limits = messaging.Limits{PerHour: 3, PerDay: 4, Urgent: 2}
	for i := 0; i < 3; i++ {
		if _, err := s.Send(ctx, user, "filing_decided", decided); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := s.Send(ctx, user, "filing_decided", decided); !errors.Is(err, messaging.ErrRateLimited) || out != messaging.Dropped {
		t.Fatalf("4th in an hour: %s %v", out, err)
	}
	*now = now.Add(61 * time.Minute)
	if _, err := s.Send(ctx, user, "filing_decided", decided); err != nil {
		t.Fatalf("a new hour: %v", err)
	}
	if _, err := s.Send(ctx, user, "filing_decided", decided); !errors.Is(err, messaging.ErrRateLimited) {
		t.Fatalf("5th in a day must be dropped by the daily limit: %v", err)
	}
	if n := len(inbox(t, st, user)); n != 4 {
		t.Fatalf("inbox holds %d, want 4", n)
	}
	var dropped int64
	st.DB.Raw("SELECT COUNT(*) FROM message_queue WHERE status = 'dropped'").Scan(&dropped)
	if dropped != 2 {
		t.Fatalf("dropped recorded: %d", dropped)
	}
}

// C 0103 9.4 d: no message at night (22:00–07:00 China time) unless urgent;
// a deferred one arrives at 07:00, once, even with two flushers.
func TestC94d_NoMessagesAtNightExceptUrgent(t *testing.T) {
	st, s, now, user := setup(t, "2026-03-02T14:30:00Z") // 22:30 in China
	ctx := context.Background()
	if out, err := s.Send(ctx, user, "filing_decided", decided); err != nil || out != messaging.Deferred {
		t.Fatalf("night message: %s %v", out, err)
	}
	if out, err := s.Send(ctx, user, "security_alert", map[string]string{"time": "22:30", "event": "异地登录"}); err != nil || out != messaging.Sent {
		t.Fatalf("urgent message at night: %s %v", out, err)
	}
	if got := inbox(t, st, user); len(got) != 1 || got[0].Title != "账号安全提醒" {
		t.Fatalf("at night the inbox holds %+v", got)
	}
	if n, _ := s.Flush(ctx); n != 0 {
		t.Fatal("flushed during the quiet hours")
	}
	*now = time.Date(2026, 3, 2, 22, 59, 0, 0, time.UTC) // 06:59 next day in China
	if n, _ := s.Flush(ctx); n != 0 {
		t.Fatal("flushed before 07:00")
	}
	*now = time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC) // 07:00
	other := messaging.New(st)
	other.Now = s.Now
	n1, err1 := s.Flush(ctx)
	n2, err2 := other.Flush(ctx)
	if err1 != nil || err2 != nil || n1+n2 != 1 {
		t.Fatalf("flush at 07:00 delivered %d+%d (%v %v)", n1, n2, err1, err2)
	}
	if len(inbox(t, st, user)) != 2 {
		t.Fatal("the deferred message did not arrive")
	}
}

func TestQuietHoursBoundaries(t *testing.T) {
	for at, quiet := range map[string]bool{
		"2026-03-02T13:59:59Z": false, // 21:59:59
		"2026-03-02T14:00:00Z": true,  // 22:00
		"2026-03-02T18:00:00Z": true,  // 02:00
		"2026-03-02T22:59:59Z": true,  // 06:59:59
		"2026-03-02T23:00:00Z": false, // 07:00
	} {
		tm, _ := time.Parse(time.RFC3339, at)
		until, q := messaging.QuietUntil(tm)
		if q != quiet {
			t.Errorf("%s: quiet = %v", at, q)
		}
		if q && until.Format(time.RFC3339) != "2026-03-02T23:00:00Z" {
			t.Errorf("%s: until %s", at, until)
		}
	}
}
