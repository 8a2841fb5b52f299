package users

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

// Config is everything the account service is built from, assembled once in
// cmd/portal (or by tests).
type Config struct {
	Params   Params
	Codes    CodePolicy
	Throttle ThrottlePolicy
	Notifier Notifier         // delivers verification codes
	Identity IdentityVerifier // L3; nil = not offered
	Face     FaceVerifier     // L4; nil = not offered
	Now      func() time.Time // nil = time.Now
}

// DevConfig is the development and test configuration: the dev outbox and
// the test verifiers, all of which CheckProd refuses.
func DevConfig(st *models.Store) Config {
	return Config{Params: DefaultParams, Codes: DefaultCodePolicy, Throttle: DefaultThrottle,
		Notifier: DevOutbox{St: st}, Identity: TestIdentity{}, Face: TestFace{}}
}

// CheckProd returns an error naming every development or test adapter in
// cfg: PORTAL_ENV=prod must refuse to start with any of them.
func CheckProd(cfg Config) error {
	var errs []error
	if cfg.Notifier != nil && cfg.Notifier.Dev() {
		errs = append(errs, errors.New("the development outbox notifier is configured: set a real SMS or SMTP notifier"))
	}
	if cfg.Identity != nil && cfg.Identity.Test() {
		errs = append(errs, fmt.Errorf("the test identity verifier %q is configured", cfg.Identity.Name()))
	}
	if cfg.Face != nil && cfg.Face.Test() {
		errs = append(errs, fmt.Errorf("the test face verifier %q is configured", cfg.Face.Name()))
	}
	if cfg.Params.MemoryKiB < 8*1024 {
		errs = append(errs, errors.New("argon2 parameters below the production floor (m ≥ 8192 KiB)"))
	}
	return errors.Join(errs...)
}

// Service runs the account flows: registration, sign-in, password change
// and recovery, deletion.
type Service struct {
	St       *models.Store
	Cfg      Config
	Codes    *Codes
	Throttle *Throttle
	dummy    string
}

// NewService builds the service. It hashes a random password once so that
// signing in with an unknown name costs the same hash as a known one.
func NewService(st *models.Store, cfg Config) (*Service, error) {
	if cfg.Params.MemoryKiB == 0 {
		cfg.Params = DefaultParams
	}
	if cfg.Codes.TTL == 0 {
		cfg.Codes = DefaultCodePolicy
	}
	if cfg.Throttle.Window == 0 {
		cfg.Throttle = DefaultThrottle
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	dummy, err := cfg.Params.Hash(hex.EncodeToString(b))
	if err != nil {
		return nil, err
	}
	return &Service{St: st, Cfg: cfg, Codes: NewCodes(st, cfg.Codes, cfg.Now), Throttle: NewThrottle(st, cfg.Throttle, cfg.Now),
		dummy: dummy}, nil
}

// ErrBadCredentials is every failed sign-in, whatever the cause (C 0103
// 9.4 f: the message is exactly 用户名或密码不正确).
var ErrBadCredentials = errors.New("bad credentials")

// ThrottledError means sign-in is refused for now (back-off or lock).
type ThrottledError struct{ Verdict }

func (e ThrottledError) Error() string { return "sign-in throttled" }

// NormalizeLogin turns what was typed in the account field into a phone
// number or an upper-case ID number.
func NormalizeLogin(s string) string {
	if p := NormalizePhone(s); phoneRe.MatchString(p) {
		return p
	}
	return refdata.NormalizeIDNumber(s)
}

// Authenticate checks a sign-in. Unknown names, wrong passwords, disabled
// accounts all return ErrBadCredentials after the same argon2id work.
func (s *Service) Authenticate(ctx context.Context, login, password, ip string) (User, error) {
	login = NormalizeLogin(login)
	acct, ipk := AccountKey(login), IPKey(ip)
	v, err := s.Throttle.Allowed(ctx, acct, ipk)
	if err != nil {
		return User{}, err
	}
	if v.Locked || v.Wait > 0 {
		return User{}, ThrottledError{v}
	}
	u, err := ByLogin(ctx, s.St, login)
	hash := u.PasswordHash
	if errors.Is(err, models.ErrNotFound) || hash == "" {
		hash = s.dummy
	} else if err != nil {
		return User{}, err
	}
	ok, rehash, verr := s.Cfg.Params.VerifyPassword(hash, password)
	if verr != nil || !ok || u.ID == 0 || !u.Active() {
		if ferr := s.Throttle.Fail(ctx, acct, ipk); ferr != nil {
			return User{}, ferr
		}
		return User{}, ErrBadCredentials
	}
	if err := s.Throttle.Reset(ctx, acct); err != nil {
		return User{}, err
	}
	if rehash {
		if h, err := s.Cfg.Params.Hash(password); err == nil {
			_ = update(ctx, s.St.DB, u.ID, map[string]any{"password_hash": h})
		}
	}
	return u, nil
}

// ChangePassword replaces the password after checking the current one and
// ends every other session by moving the session epoch on; it returns the
// new epoch for the caller's own session.
func (s *Service) ChangePassword(ctx context.Context, u User, current, next, confirm string) (int, error) {
	var v models.ValidationError
	ok, _, err := s.Cfg.Params.VerifyPassword(u.PasswordHash, current)
	if err != nil || !ok {
		v.Add("current_password", "account.err.password.current")
	}
	CheckPassword(&v, "password", next, u.Phone)
	if next != "" && next == current {
		v.Add("password", "account.err.password.same")
	}
	if next != confirm {
		v.Add("password_confirm", "account.err.password.mismatch")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	h, err := s.Cfg.Params.Hash(next)
	if err != nil {
		return 0, err
	}
	if err := update(ctx, s.St.DB, u.ID, map[string]any{"password_hash": h, "session_epoch": u.SessionEpoch + 1}); err != nil {
		return 0, err
	}
	return u.SessionEpoch + 1, nil
}

// ResetPassword sets a new password for the account registered with phone,
// using up a PurposeRecover code; every session of the account ends.
func (s *Service) ResetPassword(ctx context.Context, phone, code, next, confirm string) error {
	var v models.ValidationError
	CheckPassword(&v, "password", next, phone)
	if next != confirm {
		v.Add("password_confirm", "account.err.password.mismatch")
	}
	if v.Err() != nil {
		if cerr := s.Codes.Check(ctx, PurposeRecover, phone, code); cerr != nil {
			addCodeError(&v, cerr)
		}
		return orderFirst(&v, "code")
	}
	h, err := s.Cfg.Params.Hash(next)
	if err != nil {
		return err
	}
	err = s.St.InTx(ctx, func(tx *gorm.DB) error {
		if err := s.Codes.Use(ctx, tx, PurposeRecover, phone, code); err != nil {
			return err
		}
		return tx.Model(&userRow{}).Where("phone = ? AND deleted_at IS NULL", phone).Updates(map[string]any{
			"password_hash": h, "session_epoch": gorm.Expr("session_epoch + 1"), "updated_at": time.Now().UTC()}).Error
	})
	if _, ok := IsCodeError(err); ok {
		addCodeError(&v, err)
		return v.Err()
	}
	if err == nil {
		err = s.Throttle.Reset(ctx, AccountKey(phone))
	}
	return err
}

// addCodeError puts a code failure on the form's code field.
func addCodeError(v *models.ValidationError, err error) {
	if key, ok := IsCodeError(err); ok {
		v.Add("code", key)
	}
}

// orderFirst moves field to the front of the error summary order (the
// code field comes first on the recovery form).
func orderFirst(v *models.ValidationError, field string) error {
	for i, f := range v.Order {
		if f == field && i > 0 {
			v.Order = append([]string{field}, append(v.Order[:i:i], v.Order[i+1:]...)...)
			break
		}
	}
	return v.Err()
}
