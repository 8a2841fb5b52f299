package users

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gmcrypto"
)

// ThrottlePolicy is the sign-in brute-force defence: per account identifier
// and per client IP, counters live in the database so that every portal
// process enforces the same limits. Failures older than Window are
// forgotten.
type ThrottlePolicy struct {
	Window        time.Duration // failures older than this are forgotten
	BackoffFrom   int           // account failures before back-off starts
	BackoffBase   time.Duration // wait after the BackoffFrom-th failure, doubling after each further one
	AccountLockAt int           // account failures that lock it
	IPLockAt      int           // failures from one IP that lock the IP
	LockFor       time.Duration
}

// DefaultThrottle: from the 3rd failure wait 5 s, then 10 s; the 5th locks
// the account name for 15 minutes; 30 failures lock an IP (a shared office
// NAT must not lock out honest colleagues too soon).
var DefaultThrottle = ThrottlePolicy{Window: 15 * time.Minute, BackoffFrom: 3, BackoffBase: 5 * time.Second,
	AccountLockAt: 5, IPLockAt: 30, LockFor: 15 * time.Minute}

// Throttle counts failed sign-ins.
type Throttle struct {
	st     *models.Store
	policy ThrottlePolicy
	now    func() time.Time
}

// NewThrottle builds the throttle; now may be nil.
func NewThrottle(st *models.Store, p ThrottlePolicy, now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{st: st, policy: p, now: now}
}

// Policy returns the limits in force (the sign-in page states them).
func (t *Throttle) Policy() ThrottlePolicy { return t.policy }

// throttleRow is login_throttle.
type throttleRow struct {
	ThrottleKey   string `gorm:"primaryKey"`
	Failures      int
	LastFailureAt time.Time
	LockedUntil   *time.Time
}

func (throttleRow) TableName() string { return "login_throttle" }

// AccountKey and IPKey name the counters; the account name (a phone or ID
// number) is hashed so the table holds no personal data.
func AccountKey(login string) string { return "acct:" + gmcrypto.SM3Hex([]byte("login:"+login)) }

// IPKey is the counter of one client address.
func IPKey(ip string) string { return "ip:" + ip }

// Verdict says whether a sign-in may be tried now.
type Verdict struct {
	Locked bool          // locked: wait until Until
	Wait   time.Duration // back-off still to wait (0 = go ahead)
	Until  time.Time
}

// Allowed reports whether a sign-in may be attempted for every key.
func (t *Throttle) Allowed(ctx context.Context, keys ...string) (Verdict, error) {
	var rows []throttleRow
	if err := t.st.DB.WithContext(ctx).Where("throttle_key IN ?", keys).Find(&rows).Error; err != nil {
		return Verdict{}, err
	}
	now := t.now().UTC()
	var v Verdict
	for _, r := range rows {
		if r.LockedUntil != nil && now.Before(*r.LockedUntil) {
			if !v.Locked || r.LockedUntil.After(v.Until) {
				v = Verdict{Locked: true, Until: *r.LockedUntil, Wait: r.LockedUntil.Sub(now)}
			}
			continue
		}
		if v.Locked || now.Sub(r.LastFailureAt) > t.policy.Window {
			continue
		}
		if next := r.LastFailureAt.Add(t.backoff(r.ThrottleKey, r.Failures)); now.Before(next) && next.Sub(now) > v.Wait {
			v.Wait, v.Until = next.Sub(now), next
		}
	}
	return v, nil
}

// backoff is the wait after n failures of key (IPs only lock).
func (t *Throttle) backoff(key string, n int) time.Duration {
	if len(key) < 5 || key[:5] != "acct:" || n < t.policy.BackoffFrom {
		return 0
	}
	return t.policy.BackoffBase << (n - t.policy.BackoffFrom)
}

// Fail records one failed sign-in against every key, atomically across
// processes, and locks a key that reaches its limit.
func (t *Throttle) Fail(ctx context.Context, keys ...string) error {
	now := t.now().UTC()
	forget := now.Add(-t.policy.Window)
	for _, k := range keys {
		var n int
		err := t.st.DB.WithContext(ctx).Raw(`INSERT INTO login_throttle (throttle_key, failures, last_failure_at) VALUES (?, 1, ?)
			ON CONFLICT (throttle_key) DO UPDATE SET
				failures = CASE WHEN login_throttle.last_failure_at < ? THEN 1 ELSE login_throttle.failures + 1 END,
				last_failure_at = excluded.last_failure_at
			RETURNING failures`, k, now, forget).Scan(&n).Error
		if err != nil {
			return err
		}
		limit := t.policy.AccountLockAt
		if k[:3] == "ip:" {
			limit = t.policy.IPLockAt
		}
		if n >= limit {
			if err := t.st.DB.WithContext(ctx).Model(&throttleRow{}).Where("throttle_key = ?", k).
				Updates(map[string]any{"locked_until": now.Add(t.policy.LockFor), "failures": 0}).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// Reset forgets the failures of key (a successful sign-in).
func (t *Throttle) Reset(ctx context.Context, key string) error {
	return t.st.DB.WithContext(ctx).Where("throttle_key = ?", key).Delete(&throttleRow{}).Error
}
