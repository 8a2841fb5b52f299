package apps

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/zwfw/portal/models"
)

// MonitorPolicy says when monitoring takes an online app offline (8.3.5:
// 对政务服务应用不稳定…的应用予以下线): over Window, with at least MinProbes
// probes, availability below MinAvailability or mean latency above
// MaxLatency.
type MonitorPolicy struct {
	Window          time.Duration
	MinProbes       int
	MinAvailability float64
	MaxLatency      time.Duration
}

// DefaultMonitorPolicy: 30 minutes, ≥ 6 probes, 90 % available, 3 s.
var DefaultMonitorPolicy = MonitorPolicy{Window: 30 * time.Minute, MinProbes: 6, MinAvailability: 0.9, MaxLatency: 3 * time.Second}

// RecordProbe stores one availability probe.
func (s *Service) RecordProbe(ctx context.Context, appID int64, ok bool, latency time.Duration) error {
	return s.St.DB.WithContext(ctx).Table("app_probes").Create(map[string]any{"app_id": appID, "probed_at": s.now(),
		"ok": ok, "latency_ms": latency.Milliseconds()}).Error
}

// ProbeOnline probes the entry URL of every online app once.
func (s *Service) ProbeOnline(ctx context.Context, c *Checker, limit int) error {
	online, err := InStates(ctx, s.St, []string{Online}, limit)
	if err != nil {
		return err
	}
	for _, a := range online {
		res, _, took, err := c.fetch(ctx, a.EntryURL, 1<<20)
		ok := err == nil && res.StatusCode >= 200 && res.StatusCode < 400
		if err := s.RecordProbe(ctx, a.ID, ok, took); err != nil {
			return err
		}
	}
	return nil
}

// Evaluate takes offline every online app whose probes in the window break
// the policy and returns their ids. One aggregate query.
func (s *Service) Evaluate(ctx context.Context, p MonitorPolicy) ([]int64, error) {
	var rows []struct {
		AppID int64
		N     int64
		OK    int64
		MeanM float64
	}
	err := s.St.DB.WithContext(ctx).Table("app_probes p").
		Select("p.app_id, COUNT(*) AS n, SUM(CASE WHEN p.ok THEN 1 ELSE 0 END) AS ok, AVG(p.latency_ms) AS mean_m").
		Joins("JOIN apps a ON a.id = p.app_id").
		Where("a.status = ? AND p.probed_at >= ?", Online, s.now().Add(-p.Window)).
		Group("p.app_id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	var off []int64
	for _, r := range rows {
		if r.N < int64(p.MinProbes) {
			continue
		}
		avail := float64(r.OK) / float64(r.N)
		if avail >= p.MinAvailability && r.MeanM <= float64(p.MaxLatency.Milliseconds()) {
			continue
		}
		note := fmt.Sprintf("monitoring: availability %.0f%%, mean latency %.0f ms over %s", avail*100, r.MeanM, p.Window)
		if _, err := s.Transition(ctx, r.AppID, EvTakeOffline, Actor{Role: RoleSystem}, note); errors.Is(err, models.ErrConflict) {
			continue // another process or a reviewer moved it first
		} else if err != nil {
			return off, err
		}
		off = append(off, r.AppID)
	}
	return off, nil
}

// RunMonitor probes, evaluates and purges every interval until ctx ends.
// Several portal processes may run it: the conditional state update makes
// a double take-offline harmless.
func (s *Service) RunMonitor(ctx context.Context, log *slog.Logger, c *Checker, p MonitorPolicy, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := s.ProbeOnline(ctx, c, 500); err != nil {
			log.Warn("app probes failed", "err", err)
		}
		if off, err := s.Evaluate(ctx, p); err != nil {
			log.Warn("app monitoring failed", "err", err)
		} else if len(off) > 0 {
			log.Info("apps taken offline by monitoring", "apps", off)
		}
		if err := s.Purge(ctx); err != nil {
			log.Warn("app purge failed", "err", err)
		}
	}
}

// Monitor runs the availability monitoring of every online app until ctx
// ends, probing each minute with the default policy; cmd/portal's serve
// starts it with one line. allowPrivate lets development probe loopback
// apps.
func Monitor(ctx context.Context, st *models.Store, secret []byte, log *slog.Logger, allowPrivate bool) {
	svc, err := NewService(st, secret, nil)
	if err != nil {
		log.Error("app monitoring disabled", "err", err)
		return
	}
	svc.RunMonitor(ctx, log, NewChecker(allowPrivate), DefaultMonitorPolicy, time.Minute)
}
