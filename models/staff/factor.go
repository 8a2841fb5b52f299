package staff

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/users"
)

// VerifyTOTP checks the second factor of an enrolled account and, on
// success, records the sign-in. A code is accepted once: the step it
// belongs to is stored with a compare-and-set, so two requests racing with
// the same code cannot both pass.
func (svc *Service) VerifyTOTP(ctx context.Context, id int64, code, ip string) (Staff, error) {
	s, err := svc.Get(ctx, id)
	if err != nil || s.Disabled || !s.TOTPEnabled {
		return Staff{}, ErrBadCredentials
	}
	return svc.checkCode(ctx, s, code, ip, "login")
}

// StartEnrolment returns the account's pending TOTP secret, creating one
// the first time, so reloading the enrolment page shows the same QR code.
// An account already enrolled gets models.ErrConflict.
func (svc *Service) StartEnrolment(ctx context.Context, id int64) (string, error) {
	s, err := svc.Get(ctx, id)
	if err != nil {
		return "", err
	}
	if s.TOTPEnabled {
		return "", models.ErrConflict
	}
	if s.TOTPSecret != "" {
		return svc.open(s)
	}
	secret := NewTOTPSecret()
	sealed, err := svc.seal(s.ID, secret)
	if err != nil {
		return "", err
	}
	err = svc.st.DB.WithContext(ctx).Model(&Staff{}).Where("id = ? AND totp_enabled = ?", id, false).
		Updates(map[string]any{"totp_secret": sealed, "updated_at": svc.now().UTC()}).Error
	return secret, err
}

// ConfirmEnrolment switches TOTP on once the person typed a code from the
// pending secret, proving their app holds it; that also signs them in.
func (svc *Service) ConfirmEnrolment(ctx context.Context, id int64, code, ip string) (Staff, error) {
	s, err := svc.Get(ctx, id)
	if err != nil || s.Disabled || s.TOTPEnabled || s.TOTPSecret == "" {
		return Staff{}, ErrBadCredentials
	}
	return svc.checkCode(ctx, s, code, ip, "totp.enrol")
}

func (svc *Service) checkCode(ctx context.Context, s Staff, code, ip, action string) (Staff, error) {
	keys := throttleKeys(s.Username, ip)
	v, err := svc.throttle.Allowed(ctx, keys...)
	if err != nil {
		return Staff{}, err
	}
	if v.Locked || v.Wait > 0 {
		return Staff{}, users.ThrottledError{Verdict: v}
	}
	secret, err := svc.open(s)
	if err != nil {
		return Staff{}, err
	}
	now := svc.now().UTC()
	step, ok := matchTOTP(secret, code, now, s.TOTPLastStep)
	if !ok {
		if ferr := svc.throttle.Fail(ctx, keys...); ferr != nil {
			return Staff{}, ferr
		}
		return Staff{}, ErrBadCode
	}
	err = svc.st.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Staff{}).Where("id = ? AND totp_last_step < ?", s.ID, step).
			Updates(map[string]any{"totp_last_step": step, "totp_enabled": true, "last_login_at": now, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrBadCode
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: s.Actor(ip), Action: action, ObjectType: "staff", ObjectID: s.Username})
		return err
	})
	if err != nil {
		return Staff{}, err
	}
	if err := svc.throttle.Reset(ctx, keys[0]); err != nil {
		return Staff{}, err
	}
	s.TOTPEnabled, s.TOTPLastStep, s.LastLoginAt = true, step, &now
	return s, nil
}

// ResetTOTP clears another account's second factor (a lost phone): it
// enrols again at its next sign-in. Its sessions end.
func (svc *Service) ResetTOTP(ctx context.Context, actor Staff, ip string, id int64) error {
	if !actor.Can(PermStaff) {
		return models.ErrForbidden
	}
	target, err := svc.GetInScope(ctx, actor.Scope(), id)
	if err != nil {
		return err
	}
	return svc.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Staff{}).Where("id = ?", id).Updates(map[string]any{"totp_secret": "", "totp_enabled": false,
			"session_epoch": gorm.Expr("session_epoch + 1"), "updated_at": time.Now().UTC()}).Error; err != nil {
			return err
		}
		after := target
		after.TOTPEnabled = false
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: actor.Actor(ip), Action: "staff.totp_reset",
			ObjectType: "staff", ObjectID: target.Username, Before: target.view(), After: after.view()})
		return err
	})
}
