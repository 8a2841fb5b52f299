package users

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// Account kinds.
const (
	Natural = "natural" // 自然人
	Legal   = "legal"   // 法人和其他组织 (the account is its operator's)
)

// User is one account. A legal-person account belongs to an operator (经办
// 人: Name, Phone) acting for an organization (OrgName, CreditCode) whose
// legal representative is RepName.
type User struct {
	ID               int64
	Kind             string
	Phone            string
	PasswordHash     string
	Name             string
	IDNumber         string
	Level            int    // trust level 1–5 (reference.md §5)
	VerifiedBy       string // adapter that verified L3/L4, e.g. "test"
	OrgName          string
	CreditCode       string
	RepName          string
	RepIDNumber      string
	Email            string
	Postcode         string
	Address          string
	RegionCode       string
	SessionEpoch     int
	FootprintsPaused bool
	Disabled         bool
	Deleted          bool
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// DisplayName is what the header and the user center call the user: the
// organization for a legal person, else the name, else the masked phone.
func (u User) DisplayName() string {
	switch {
	case u.Kind == Legal && u.OrgName != "":
		return u.OrgName
	case u.Name != "":
		return u.Name
	}
	return MaskPhone(u.Phone)
}

// Active reports whether the account may sign in and hold a session.
func (u User) Active() bool { return !u.Disabled && !u.Deleted }

// userRow is the users table; nullable columns are pointers.
type userRow struct {
	ID               int64
	Kind             string
	Phone            *string
	PasswordHash     string
	Name             string
	IDNumber         *string
	Level            int
	VerifiedBy       string
	OrgName          string
	CreditCode       string
	RepName          string
	RepIDNumber      string
	Email            string
	Postcode         string
	Address          string
	RegionCode       string
	SessionEpoch     int
	FootprintsPaused bool
	Disabled         bool
	DeletedAt        *time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (userRow) TableName() string { return "users" }

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (r userRow) user() User {
	return User{ID: r.ID, Kind: r.Kind, Phone: str(r.Phone), PasswordHash: r.PasswordHash, Name: r.Name,
		IDNumber: str(r.IDNumber), Level: r.Level, VerifiedBy: r.VerifiedBy, OrgName: r.OrgName,
		CreditCode: r.CreditCode, RepName: r.RepName, RepIDNumber: r.RepIDNumber, Email: r.Email,
		Postcode: r.Postcode, Address: r.Address, RegionCode: r.RegionCode, SessionEpoch: r.SessionEpoch,
		FootprintsPaused: r.FootprintsPaused, Disabled: r.Disabled, Deleted: r.DeletedAt != nil,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func rowOf(u User) userRow {
	return userRow{ID: u.ID, Kind: u.Kind, Phone: nullable(u.Phone), PasswordHash: u.PasswordHash, Name: u.Name,
		IDNumber: nullable(u.IDNumber), Level: u.Level, VerifiedBy: u.VerifiedBy, OrgName: u.OrgName,
		CreditCode: u.CreditCode, RepName: u.RepName, RepIDNumber: u.RepIDNumber, Email: u.Email,
		Postcode: u.Postcode, Address: u.Address, RegionCode: u.RegionCode, SessionEpoch: u.SessionEpoch,
		FootprintsPaused: u.FootprintsPaused, Disabled: u.Disabled, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// Get returns the account with id (deleted ones too; callers check Active).
func Get(ctx context.Context, st *models.Store, id int64) (User, error) {
	var r userRow
	if err := st.DB.WithContext(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return User{}, notFound(err)
	}
	return r.user(), nil
}

// ByLogin finds the account a sign-in name points at: a mobile number or an
// ID number (already normalized).
func ByLogin(ctx context.Context, st *models.Store, login string) (User, error) {
	var r userRow
	q := st.DB.WithContext(ctx).Where("deleted_at IS NULL")
	if phoneRe.MatchString(login) {
		q = q.Where("phone = ?", login)
	} else {
		q = q.Where("id_number = ?", login)
	}
	if err := q.Take(&r).Error; err != nil {
		return User{}, notFound(err)
	}
	return r.user(), nil
}

// ByPhone finds the active account registered with phone.
func ByPhone(ctx context.Context, st *models.Store, phone string) (User, error) {
	var r userRow
	if err := st.DB.WithContext(ctx).Where("phone = ? AND deleted_at IS NULL", phone).Take(&r).Error; err != nil {
		return User{}, notFound(err)
	}
	return r.user(), nil
}

// insert writes a new account; a taken phone or ID number is ErrConflict.
func insert(tx *gorm.DB, u *User) error {
	now := time.Now().UTC()
	u.CreatedAt, u.UpdatedAt = now, now
	if u.SessionEpoch == 0 {
		u.SessionEpoch = 1
	}
	r := rowOf(*u)
	if err := tx.Create(&r).Error; err != nil {
		if models.IsUniqueViolation(err) {
			return models.ErrConflict
		}
		return err
	}
	u.ID = r.ID
	return nil
}

// update sets columns of one account and bumps updated_at.
func update(ctx context.Context, db *gorm.DB, id int64, cols map[string]any) error {
	cols["updated_at"] = time.Now().UTC()
	res := db.WithContext(ctx).Model(&userRow{}).Where("id = ? AND deleted_at IS NULL", id).Updates(cols)
	if res.Error != nil {
		if models.IsUniqueViolation(res.Error) {
			return models.ErrConflict
		}
		return res.Error
	}
	if res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return nil
}

// Profile is the part of an account its owner edits: the source of the
// fields other forms fill in for them (C 0103 7.5.1 咨询人信息).
type Profile struct {
	Name       string // editable only below L3; verified names are locked
	Email      string
	Postcode   string
	Address    string
	RegionCode string
}

// UpdateProfile validates and saves the profile. Below L3 the name may
// change; from L3 on it is the verified name and stays.
func UpdateProfile(ctx context.Context, st *models.Store, u User, p Profile) error {
	var v models.ValidationError
	cols := map[string]any{"email": p.Email, "postcode": p.Postcode, "address": p.Address, "region_code": p.RegionCode}
	if u.Level < 3 && u.Kind == Natural {
		CheckName(&v, "name", p.Name)
		cols["name"] = p.Name
	}
	CheckContact(&v, p.Email, p.Postcode, p.Address)
	if err := v.Err(); err != nil {
		return err
	}
	return update(ctx, st.DB, u.ID, cols)
}

// SetFootprintsPaused switches recording of 我的足迹 off or on.
func SetFootprintsPaused(ctx context.Context, st *models.Store, id int64, paused bool) error {
	return update(ctx, st.DB, id, map[string]any{"footprints_paused": paused})
}

// SetDisabled disables or re-enables an account; disabling ends its sessions.
func SetDisabled(ctx context.Context, st *models.Store, id int64, disabled bool) error {
	return update(ctx, st.DB, id, map[string]any{"disabled": disabled, "session_epoch": gorm.Expr("session_epoch + 1")})
}
