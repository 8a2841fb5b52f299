package staff

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/users"
)

// Errors of sign-in. The console shows one message for both credentials
// errors, so it never tells which usernames exist.
var (
	ErrBadCredentials = errors.New("staff: wrong username or password")
	ErrBadCode        = errors.New("staff: wrong or used TOTP code")
)

// Config builds a Service.
type Config struct {
	Secret   []byte               // the portal secret (PORTAL_SECRET_KEY): seals TOTP secrets
	Params   users.Params         // argon2id cost; zero → users.DefaultParams
	Throttle users.ThrottlePolicy // zero → users.DefaultThrottle
	Now      func() time.Time     // nil → time.Now
	Ref      *refdata.Catalog     // validates regions and departments of new accounts
}

// Service manages staff accounts and their sign-in.
type Service struct {
	st       *models.Store
	ref      *refdata.Catalog
	key      []byte
	params   users.Params
	throttle *users.Throttle
	now      func() time.Time
}

// NewService builds the service. The TOTP key is derived from the portal
// secret, so rotating PORTAL_SECRET_KEY means re-enrolling staff TOTP.
func NewService(st *models.Store, cfg Config) (*Service, error) {
	if len(cfg.Secret) < 16 {
		return nil, errors.New("staff: the portal secret must be at least 16 bytes")
	}
	if cfg.Params.KeyLen == 0 {
		cfg.Params = users.DefaultParams
	}
	if cfg.Throttle.Window == 0 {
		cfg.Throttle = users.DefaultThrottle
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	key := gmcrypto.SM3(append([]byte("staff-totp:"), cfg.Secret...))[:16]
	return &Service{st: st, ref: cfg.Ref, key: key, params: cfg.Params,
		throttle: users.NewThrottle(st, cfg.Throttle, cfg.Now), now: cfg.Now}, nil
}

// seal encrypts a TOTP secret bound to its account: a sealed secret copied
// to another row does not open.
func (svc *Service) seal(id int64, secret string) (string, error) {
	b, err := gmcrypto.SealSM4(svc.key, []byte(secret), []byte("staff:"+strconv.FormatInt(id, 10)))
	return base64.StdEncoding.EncodeToString(b), err
}

func (svc *Service) open(s Staff) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(s.TOTPSecret)
	if err != nil {
		return "", fmt.Errorf("staff %d: TOTP secret: %w", s.ID, err)
	}
	b, err := gmcrypto.OpenSM4(svc.key, raw, []byte("staff:"+strconv.FormatInt(s.ID, 10)))
	return string(b), err
}

func throttleKeys(username, ip string) []string {
	return []string{users.AccountKey("staff:" + username), users.IPKey(ip)}
}

// Authenticate checks the first factor. The account still needs its TOTP
// code (VerifyTOTP) or its enrolment (StartEnrolment) before it is signed
// in. Failures count towards the shared sign-in back-off and lock.
func (svc *Service) Authenticate(ctx context.Context, username, password, ip string) (Staff, error) {
	username = NormalizeUsername(username)
	keys := throttleKeys(username, ip)
	v, err := svc.throttle.Allowed(ctx, keys...)
	if err != nil {
		return Staff{}, err
	}
	if v.Locked || v.Wait > 0 {
		return Staff{}, users.ThrottledError{Verdict: v}
	}
	var s Staff
	err = svc.st.DB.WithContext(ctx).Where("username = ?", username).Take(&s).Error
	if err != nil && !errors.Is(notFound(err), models.ErrNotFound) {
		return Staff{}, err
	}
	ok := false
	if err == nil && !s.Disabled {
		ok, _, _ = svc.params.VerifyPassword(s.PasswordHash, password)
	} else {
		_, _ = svc.params.Hash(password) // same time whether or not the name exists
	}
	if !ok {
		if ferr := svc.throttle.Fail(ctx, keys...); ferr != nil {
			return Staff{}, ferr
		}
		return Staff{}, ErrBadCredentials
	}
	return s, nil
}
