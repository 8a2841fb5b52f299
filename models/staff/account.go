package staff

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
)

// Staff is one staff account (table staff_users).
type Staff struct {
	ID           int64
	Username     string
	DisplayName  string
	PasswordHash string
	Role         Role
	RegionCode   string
	DeptCode     string
	TOTPSecret   string `gorm:"column:totp_secret"` // SM4-sealed, base64; "" before enrolment
	TOTPEnabled  bool   `gorm:"column:totp_enabled"`
	TOTPLastStep int64  `gorm:"column:totp_last_step"`
	SessionEpoch int
	Disabled     bool
	LastLoginAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TableName keeps the table name explicit.
func (Staff) TableName() string { return "staff_users" }

// Scope is the part of the portal the account's role applies to.
func (s Staff) Scope() Scope { return Scope{Region: s.RegionCode, Dept: s.DeptCode} }

// Name is what the console and the audit log call the account.
func (s Staff) Name() string {
	if s.DisplayName != "" {
		return s.DisplayName
	}
	return s.Username
}

// Actor identifies the account in audit entries.
func (s Staff) Actor(ip string) audit.Actor {
	return audit.Actor{ID: s.ID, Name: s.Username, IP: ip}
}

// view is what the audit log keeps of an account: never the password hash
// or the TOTP secret.
func (s Staff) view() map[string]any {
	return map[string]any{"id": s.ID, "username": s.Username, "display_name": s.DisplayName, "role": s.Role,
		"region": s.RegionCode, "dept": s.DeptCode, "totp": s.TOTPEnabled, "disabled": s.Disabled}
}

var usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// NormalizeUsername lower-cases and trims a username as typed.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Get returns an account by id.
func (svc *Service) Get(ctx context.Context, id int64) (Staff, error) {
	var s Staff
	err := svc.st.DB.WithContext(ctx).Where("id = ?", id).Take(&s).Error
	return s, notFound(err)
}

// GetInScope returns an account inside scope, or ErrNotFound.
func (svc *Service) GetInScope(ctx context.Context, scope Scope, id int64) (Staff, error) {
	var s Staff
	q := scope.Where(svc.st.DB.WithContext(ctx), "region_code", "dept_code")
	err := q.Where("id = ?", id).Take(&s).Error
	if err == nil && !scope.Covers(s.Scope()) {
		return Staff{}, models.ErrNotFound
	}
	return s, notFound(err)
}

// List returns the accounts inside scope, by username, and how many match.
func (svc *Service) List(ctx context.Context, scope Scope, offset, limit int) ([]Staff, int64, error) {
	// Scope.Where selects exactly the accounts the scope Covers: a scoped
	// admin never sees a platform-level account or another department's.
	q := scope.Where(svc.st.DB.WithContext(ctx).Model(&Staff{}), "region_code", "dept_code")
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []Staff
	err := q.Order("username").Offset(max(offset, 0)).Limit(limit).Find(&out).Error
	return out, total, err
}

// SetDisabled disables or re-enables an account inside the actor's scope;
// disabling ends its sessions (the epoch changes).
func (svc *Service) SetDisabled(ctx context.Context, actor Staff, ip string, id int64, disabled bool) error {
	if !actor.Can(PermStaff) {
		return models.ErrForbidden
	}
	target, err := svc.GetInScope(ctx, actor.Scope(), id)
	if err != nil {
		return err
	}
	if target.ID == actor.ID {
		return models.ErrForbidden
	}
	return svc.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Staff{}).Where("id = ?", id).Updates(map[string]any{"disabled": disabled,
			"session_epoch": gorm.Expr("session_epoch + 1"), "updated_at": svc.now().UTC()}).Error; err != nil {
			return err
		}
		after := target
		after.Disabled = disabled
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: actor.Actor(ip), Action: "staff.disable",
			ObjectType: "staff", ObjectID: target.Username, Before: target.view(), After: after.view()})
		return err
	})
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}
