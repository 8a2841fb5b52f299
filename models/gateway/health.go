package gateway

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/users"
)

// Health states (8.3.4.3 c: 接口响应慢、接口报错、接口请求超时).
const (
	StateUnknown = "unknown"
	StateHealthy = "healthy"
	StateSlow    = "slow"
	StateError   = "error"
	StateTimeout = "timeout"
)

// States lists the health states, least severe first.
var States = []string{StateUnknown, StateHealthy, StateSlow, StateError, StateTimeout}

func severity(state string) int {
	for i, s := range States {
		if s == state {
			return i
		}
	}
	return 0
}

// Check is one health observation (interface_checks).
type Check struct {
	ID          int64
	InterfaceID int64
	CheckedAt   time.Time
	Kind        string // active | passive
	State       string
	LatencyMs   int
	Status      int
	Calls       int
	Errors      int
	Detail      string
}

// TableName keeps the table name explicit.
func (Check) TableName() string { return "interface_checks" }

// Alert is a notice for the interface admin (interface_alerts).
type Alert struct {
	ID          int64
	InterfaceID int64
	Kind        string // health | sensitive
	FromState   string
	ToState     string
	Detail      string
	CreatedAt   time.Time
	SeenAt      *time.Time
}

// TableName keeps the table name explicit.
func (Alert) TableName() string { return "interface_alerts" }

// probe makes an active check: a request to the source with no
// parameters; any HTTP answer in time counts as reachable (a missing
// parameter is the source's 102), a 5xx or no answer is an error.
func (s *Service) probe(ctx context.Context, it Interface) Check {
	c := Check{InterfaceID: it.ID, CheckedAt: s.now(), Kind: "active"}
	body := []byte(nil)
	if it.Method == http.MethodPost {
		body = []byte("{}")
	}
	up := s.forward(ctx, it, request{body: body, requestID: "health-check"}, false)
	c.LatencyMs, c.Status = int(up.took.Milliseconds()), up.status
	slow := time.Duration(max(it.SlowMs, 1)) * time.Millisecond
	switch {
	case up.failure == ErrUpstreamTimeout:
		c.State = StateTimeout
	case up.failure == ErrUpstreamDown || up.failure == ErrUpstreamBlocked || up.failure == ErrCircuitOpen ||
		(up.failure != nil && up.status >= 500):
		c.State = StateError
	case up.took > slow:
		c.State = StateSlow
	default:
		c.State = StateHealthy
	}
	if up.failure != nil {
		c.Detail = up.failure.Code
	}
	return c
}

// passive summarises the live calls of the last interval (nil when too
// few to judge).
func (s *Service) passive(ctx context.Context, it Interface, since time.Time) (*Check, error) {
	var agg struct {
		Calls    int
		Errors   int
		Timeouts int
		AvgUs    float64
	}
	err := s.St.DB.WithContext(ctx).Raw(`SELECT COUNT(*) AS calls,
		COALESCE(SUM(CASE WHEN error_code IN ('upstream_unreachable','upstream_error','upstream_not_json','upstream_bad_envelope','upstream_too_large','circuit_open') THEN 1 ELSE 0 END), 0) AS errors,
		COALESCE(SUM(CASE WHEN error_code = 'upstream_timeout' THEN 1 ELSE 0 END), 0) AS timeouts,
		COALESCE(AVG(upstream_us), 0) AS avg_us
		FROM gateway_calls WHERE interface_id = ? AND created_at >= ? AND consumer_app_id <> 0`, it.ID, since).Scan(&agg).Error
	if err != nil || agg.Calls < 5 {
		return nil, err
	}
	c := &Check{InterfaceID: it.ID, CheckedAt: s.now(), Kind: "passive", Calls: agg.Calls, Errors: agg.Errors + agg.Timeouts,
		LatencyMs: int(agg.AvgUs / 1000), State: StateHealthy}
	switch {
	case agg.Timeouts*2 >= agg.Calls:
		c.State = StateTimeout
	case (agg.Errors+agg.Timeouts)*2 >= agg.Calls:
		c.State = StateError
	case c.LatencyMs > it.SlowMs:
		c.State = StateSlow
	}
	return c, nil
}

// CheckOne runs the checks of one interface, records them and, when the
// state changes, records the transition and alerts (8.3.4.3 c).
func (s *Service) CheckOne(ctx context.Context, it Interface) (string, error) {
	a := s.probe(ctx, it)
	since := s.now().Add(-time.Duration(max(it.CheckIntervalS, 10)) * time.Second)
	p, err := s.passive(ctx, it, since)
	if err != nil {
		return "", err
	}
	state := a.State
	checks := []Check{a}
	if p != nil {
		checks = append(checks, *p)
		if severity(p.State) > severity(state) {
			state = p.State
		}
	}
	if err := s.St.DB.WithContext(ctx).Create(&checks).Error; err != nil {
		return "", err
	}
	return state, s.transition(ctx, it, state, a.Detail)
}

// transition moves the interface to state; only the process whose update
// wins records the alert and notifies the owner.
func (s *Service) transition(ctx context.Context, it Interface, state, detail string) error {
	if state == it.HealthState {
		return nil
	}
	now := s.now()
	res := s.St.DB.WithContext(ctx).Model(&Interface{}).Where("id = ? AND health_state = ?", it.ID, it.HealthState).
		Updates(map[string]any{"health_state": state, "health_changed_at": now})
	if res.Error != nil || res.RowsAffected != 1 {
		return res.Error
	}
	s.ifaces.drop(it.Code)
	if err := s.St.DB.WithContext(ctx).Create(&Alert{InterfaceID: it.ID, Kind: "health", FromState: it.HealthState,
		ToState: state, Detail: detail, CreatedAt: now}).Error; err != nil {
		return err
	}
	app, err := apps.Get(ctx, s.St, it.AppID)
	if err != nil || app.OwnerUserID == nil {
		return nil
	}
	title := fmt.Sprintf("接口“%s”状态：%s", it.Name, stateNames[state])
	body := fmt.Sprintf("接口 %s（%s）的健康状态由“%s”变为“%s”。%s", it.Name, it.Code, stateNames[it.HealthState], stateNames[state], detail)
	if s.Notify != nil {
		if err := s.Notify(ctx, *app.OwnerUserID, "interface_health", title, body, ""); err != nil {
			return err
		}
	}
	var email string
	s.St.DB.WithContext(ctx).Raw("SELECT email FROM users WHERE id = ?", *app.OwnerUserID).Scan(&email)
	if s.Email == nil || email == "" {
		return nil
	}
	return s.Email.Send(ctx, users.Message{Channel: users.ChannelEmail, To: email, Subject: title, Body: body})
}

var stateNames = map[string]string{StateUnknown: "未知", StateHealthy: "正常", StateSlow: "响应慢", StateError: "报错", StateTimeout: "超时"}

// CheckDue checks every active interface whose interval has passed.
func (s *Service) CheckDue(ctx context.Context) error {
	var list []Interface
	if err := s.St.DB.WithContext(ctx).Where("status = ?", StatusActive).Order("id").Limit(5000).Find(&list).Error; err != nil {
		return err
	}
	now := s.now()
	for _, it := range list {
		var last *time.Time
		s.St.DB.WithContext(ctx).Raw("SELECT MAX(checked_at) FROM interface_checks WHERE interface_id = ? AND kind = 'active'", it.ID).Scan(&last)
		if last != nil && now.Sub(*last) < time.Duration(it.CheckIntervalS)*time.Second {
			continue
		}
		if _, err := s.CheckOne(ctx, it); err != nil {
			return err
		}
	}
	return s.limiter.purge(ctx, now)
}

// Monitor runs the health checks until ctx ends (cmd/portal serve). tick
// is how often due interfaces are looked for; each interface is checked at
// its own interval (check_interval_s).
func (s *Service) Monitor(ctx context.Context, log *slog.Logger, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			s.Close()
			return
		case <-t.C:
			if err := s.CheckDue(ctx); err != nil && ctx.Err() == nil {
				log.Warn("interface health checks", "err", err)
			}
		}
	}
}

// History returns an interface's latest checks, newest first.
func (s *Service) History(ctx context.Context, id int64, limit int) ([]Check, error) {
	var out []Check
	err := s.St.DB.WithContext(ctx).Where("interface_id = ?", id).Order("checked_at DESC, id DESC").Limit(max(1, min(limit, 500))).Find(&out).Error
	return out, err
}

// DayUptime is the share of active checks of one day that found the
// interface up (healthy or slow).
type DayUptime struct {
	Day     string // YYYY-MM-DD, Beijing time
	Checks  int
	Percent int
}

// Uptime returns the last days of uptime, oldest first (days without
// checks included, with Checks 0).
func (s *Service) Uptime(ctx context.Context, id int64, days int) ([]DayUptime, error) {
	now := s.now()
	from := now.In(beijing).AddDate(0, 0, -(days - 1))
	from = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, beijing)
	var rows []Check
	if err := s.St.DB.WithContext(ctx).Select("checked_at, state").Where("interface_id = ? AND kind = 'active' AND checked_at >= ?", id, from.UTC()).
		Find(&rows).Error; err != nil {
		return nil, err
	}
	up, all := map[string]int{}, map[string]int{}
	for _, r := range rows {
		d := r.CheckedAt.In(beijing).Format("2006-01-02")
		all[d]++
		if r.State == StateHealthy || r.State == StateSlow {
			up[d]++
		}
	}
	out := make([]DayUptime, 0, days)
	for i := 0; i < days; i++ {
		d := from.AddDate(0, 0, i).Format("2006-01-02")
		u := DayUptime{Day: d, Checks: all[d]}
		if all[d] > 0 {
			u.Percent = up[d] * 100 / all[d]
		}
		out = append(out, u)
	}
	return out, nil
}

// Alerts lists the latest alerts inside the given interfaces (nil = all).
func (s *Service) Alerts(ctx context.Context, ids []int64, limit int) ([]Alert, error) {
	q := s.St.DB.WithContext(ctx).Order("created_at DESC, id DESC").Limit(max(1, min(limit, 200)))
	if ids != nil {
		q = q.Where("interface_id IN ?", ids)
	}
	var out []Alert
	return out, q.Find(&out).Error
}
