package users

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gmcrypto"
)

// Code purposes: a code issued for one never works for another.
const (
	PurposeRegister = "register"
	PurposeRecover  = "recover"
)

// CodePolicy is how verification codes behave (reference.md §7: codes that
// expire say so and can be extended, for 适老化).
type CodePolicy struct {
	TTL           time.Duration // lifetime of a fresh code
	ResendAfter   time.Duration // wait before another code may be sent
	Extension     time.Duration // added by each "延长有效期"
	MaxExtensions int
	MaxAttempts   int // wrong entries before the code is dead
	PerDay        int // codes per phone number and purpose per 24 h
}

// DefaultCodePolicy: 5 minutes, resend after 60 s, two 5-minute extensions,
// five tries, ten codes a day.
var DefaultCodePolicy = CodePolicy{TTL: 5 * time.Minute, ResendAfter: 60 * time.Second, Extension: 5 * time.Minute,
	MaxExtensions: 2, MaxAttempts: 5, PerDay: 10}

// CodeError is a verification failure the form shows beside the code field;
// its text is the locale key of the message.
type CodeError string

func (e CodeError) Error() string { return string(e) }

// Each way a code can fail has its own message (issue 5, bad input).
const (
	ErrCodeMissing    CodeError = "account.err.code.missing"    // none was sent
	ErrCodeFormat     CodeError = "account.err.code.format"     // not 6 digits
	ErrCodeWrong      CodeError = "account.err.code.wrong"      // does not match
	ErrCodeExpired    CodeError = "account.err.code.expired"    // right code, too late
	ErrCodeUsed       CodeError = "account.err.code.used"       // right code, already used once
	ErrCodeSuperseded CodeError = "account.err.code.superseded" // an older code after a resend
	ErrCodeLocked     CodeError = "account.err.code.locked"     // too many wrong entries
	ErrCodeDaily      CodeError = "account.err.code.daily"      // daily sending limit reached
)

// WaitError says a code was asked for again too soon.
type WaitError struct{ Wait time.Duration }

func (e WaitError) Error() string { return fmt.Sprintf("resend allowed in %s", e.Wait) }

// CodeStatus is what the verification page tells the user about their code.
type CodeStatus struct {
	Sent       bool
	ExpiresAt  time.Time
	ResendAt   time.Time
	Extensions int
	CanExtend  bool
	Expired    bool
}

// codeRow is verification_codes.
type codeRow struct {
	ID         int64
	Purpose    string
	TargetHash string
	Salt       string
	CodeHash   string
	Attempts   int
	Extensions int
	CreatedAt  time.Time
	ExpiresAt  time.Time
	UsedAt     *time.Time
}

func (codeRow) TableName() string { return "verification_codes" }

// targetHash keeps phone numbers out of the codes table.
func targetHash(phone string) string { return gmcrypto.SM3Hex([]byte("code-target:" + phone)) }

func codeHash(salt, code string) string { return gmcrypto.SM3Hex([]byte(salt + ":" + code)) }

// Codes issues and checks verification codes.
type Codes struct {
	st     *models.Store
	policy CodePolicy
	now    func() time.Time
}

// NewCodes builds the code service; now may be nil (time.Now).
func NewCodes(st *models.Store, policy CodePolicy, now func() time.Time) *Codes {
	if now == nil {
		now = time.Now
	}
	return &Codes{st: st, policy: policy, now: now}
}

// Policy returns the rules in force (the page states them).
func (c *Codes) Policy() CodePolicy { return c.policy }

func (c *Codes) recent(ctx context.Context, purpose, phone string, limit int) ([]codeRow, error) {
	var rows []codeRow
	err := c.st.DB.WithContext(ctx).Where("target_hash = ? AND purpose = ?", targetHash(phone), purpose).
		Order("created_at DESC, id DESC").Limit(limit).Find(&rows).Error
	return rows, err
}

// Issue creates a code for phone and returns it for the notifier; it
// refuses within ResendAfter of the previous one (WaitError) and beyond
// PerDay codes a day (ErrCodeDaily).
func (c *Codes) Issue(ctx context.Context, purpose, phone string) (string, CodeStatus, error) {
	now := c.now().UTC()
	rows, err := c.recent(ctx, purpose, phone, c.policy.PerDay)
	if err != nil {
		return "", CodeStatus{}, err
	}
	if len(rows) > 0 {
		if next := rows[0].CreatedAt.Add(c.policy.ResendAfter); now.Before(next) {
			return "", c.status(rows[0], now), WaitError{Wait: next.Sub(now).Round(time.Second)}
		}
		if len(rows) >= c.policy.PerDay && now.Sub(rows[len(rows)-1].CreatedAt) < 24*time.Hour {
			return "", c.status(rows[0], now), ErrCodeDaily
		}
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", CodeStatus{}, err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", CodeStatus{}, err
	}
	row := codeRow{Purpose: purpose, TargetHash: targetHash(phone), Salt: hex.EncodeToString(salt),
		CreatedAt: now, ExpiresAt: now.Add(c.policy.TTL)}
	row.CodeHash = codeHash(row.Salt, code)
	if err := c.st.DB.WithContext(ctx).Create(&row).Error; err != nil {
		return "", CodeStatus{}, err
	}
	return code, c.status(row, now), nil
}

func (c *Codes) status(r codeRow, now time.Time) CodeStatus {
	return CodeStatus{Sent: true, ExpiresAt: r.ExpiresAt, ResendAt: r.CreatedAt.Add(c.policy.ResendAfter),
		Extensions: r.Extensions, Expired: !now.Before(r.ExpiresAt),
		CanExtend: r.UsedAt == nil && now.Before(r.ExpiresAt) && r.Extensions < c.policy.MaxExtensions}
}

// Status reports on the latest code sent to phone for purpose.
func (c *Codes) Status(ctx context.Context, purpose, phone string) (CodeStatus, error) {
	rows, err := c.recent(ctx, purpose, phone, 1)
	if err != nil || len(rows) == 0 {
		return CodeStatus{}, err
	}
	return c.status(rows[0], c.now().UTC()), nil
}

// Extend adds one Extension to the latest live code (适老化: more time to
// read and type it).
func (c *Codes) Extend(ctx context.Context, purpose, phone string) (CodeStatus, error) {
	now := c.now().UTC()
	rows, err := c.recent(ctx, purpose, phone, 1)
	if err != nil {
		return CodeStatus{}, err
	}
	if len(rows) == 0 {
		return CodeStatus{}, ErrCodeMissing
	}
	r := rows[0]
	switch {
	case r.UsedAt != nil:
		return c.status(r, now), ErrCodeUsed
	case !now.Before(r.ExpiresAt):
		return c.status(r, now), ErrCodeExpired
	case r.Extensions >= c.policy.MaxExtensions:
		return c.status(r, now), nil
	}
	r.ExpiresAt = r.ExpiresAt.Add(c.policy.Extension)
	r.Extensions++
	err = c.st.DB.WithContext(ctx).Model(&codeRow{}).Where("id = ?", r.ID).
		Updates(map[string]any{"expires_at": r.ExpiresAt, "extensions": r.Extensions}).Error
	return c.status(r, now), err
}

// Check tells whether code is the live code for phone without using it up
// (a form with other mistakes is shown again and the code still works);
// Use checks and consumes it inside tx.
func (c *Codes) Check(ctx context.Context, purpose, phone, code string) error {
	return c.verify(ctx, c.st.DB.WithContext(ctx), purpose, phone, code, false)
}

// Use checks the code and marks it used, in tx, so it works exactly once.
func (c *Codes) Use(ctx context.Context, tx *gorm.DB, purpose, phone, code string) error {
	return c.verify(ctx, tx.WithContext(ctx), purpose, phone, code, true)
}

func (c *Codes) verify(ctx context.Context, db *gorm.DB, purpose, phone, code string, consume bool) error {
	if len(code) != 6 || !digitsRe.MatchString(code) {
		return ErrCodeFormat
	}
	now := c.now().UTC()
	var rows []codeRow
	if err := db.Where("target_hash = ? AND purpose = ?", targetHash(phone), purpose).
		Order("created_at DESC, id DESC").Limit(5).Find(&rows).Error; err != nil {
		return err
	}
	if len(rows) == 0 {
		return ErrCodeMissing
	}
	latest := rows[0]
	if latest.UsedAt == nil && latest.Attempts >= c.policy.MaxAttempts {
		return ErrCodeLocked
	}
	for i, r := range rows {
		if subtle.ConstantTimeCompare([]byte(codeHash(r.Salt, code)), []byte(r.CodeHash)) != 1 {
			continue
		}
		switch {
		case r.UsedAt != nil:
			return ErrCodeUsed
		case i > 0:
			return ErrCodeSuperseded
		case !now.Before(r.ExpiresAt):
			return ErrCodeExpired
		}
		if !consume {
			return nil
		}
		res := db.Model(&codeRow{}).Where("id = ? AND used_at IS NULL", r.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrCodeUsed // used by a concurrent request a moment ago
		}
		return nil
	}
	if latest.UsedAt != nil {
		return ErrCodeWrong
	}
	if err := db.Model(&codeRow{}).Where("id = ?", latest.ID).Update("attempts", gorm.Expr("attempts + 1")).Error; err != nil {
		return err
	}
	if !now.Before(latest.ExpiresAt) {
		return ErrCodeExpired
	}
	if latest.Attempts+1 >= c.policy.MaxAttempts {
		return ErrCodeLocked
	}
	return ErrCodeWrong
}

// IsCodeError reports whether err is a CodeError and returns its key.
func IsCodeError(err error) (string, bool) {
	var ce CodeError
	if errors.As(err, &ce) {
		return string(ce), true
	}
	return "", false
}
