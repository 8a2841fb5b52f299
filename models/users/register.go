package users

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

// Registration is the sign-up form (C 0103 7.7 a). A natural person gives a
// name; a legal person's operator gives their own name and the
// organization's name, 统一社会信用代码 and legal representative.
type Registration struct {
	Kind            string
	Phone           string // verified by the code
	Code            string
	Name            string
	OrgName         string
	CreditCode      string
	RepName         string
	Password        string
	PasswordConfirm string
	Consent         bool // the privacy policy, explicitly ticked
}

// Register validates the form, uses up the code and creates an L1 account
// with its privacy consent recorded, in one transaction. Every field error
// is reported at once, code included (checked without using it up, so it
// still works when the form is sent again).
func (s *Service) Register(ctx context.Context, r Registration) (User, error) {
	var v models.ValidationError
	if r.Kind != Natural && r.Kind != Legal {
		v.Add("kind", "account.err.kind.required")
	}
	CheckPhone(&v, "phone", r.Phone)
	codeAt := len(v.Order)
	CheckName(&v, "name", r.Name)
	if r.Kind == Legal {
		CheckOrgName(&v, "org_name", r.OrgName)
		CheckCreditCode(&v, "credit_code", r.CreditCode)
		CheckName(&v, "rep_name", r.RepName)
	}
	CheckPassword(&v, "password", r.Password, r.Phone)
	if r.Password != r.PasswordConfirm {
		v.Add("password_confirm", "account.err.password.mismatch")
	}
	if !r.Consent {
		v.Add("consent", "account.err.consent.required")
	}
	if v.Err() != nil {
		if err := s.Codes.Check(ctx, PurposeRegister, r.Phone, r.Code); err != nil {
			addCodeError(&v, err)
			// The code field sits right after the phone on the form.
			last := v.Order[len(v.Order)-1]
			v.Order = append(v.Order[:codeAt:codeAt], append([]string{last}, v.Order[codeAt:len(v.Order)-1]...)...)
		}
		return User{}, v.Err()
	}
	h, err := s.Cfg.Params.Hash(r.Password)
	if err != nil {
		return User{}, err
	}
	u := User{Kind: r.Kind, Phone: r.Phone, PasswordHash: h, Name: r.Name, Level: L1}
	if r.Kind == Legal {
		u.OrgName, u.CreditCode, u.RepName = r.OrgName, r.CreditCode, r.RepName
	}
	err = s.St.InTx(ctx, func(tx *gorm.DB) error {
		if err := s.Codes.Use(ctx, tx, PurposeRegister, r.Phone, r.Code); err != nil {
			return err
		}
		if err := insert(tx, &u); err != nil {
			return err
		}
		return tx.Create(&Consent{UserID: u.ID, Purpose: ConsentPrivacy, Version: PrivacyVersion, Granted: true,
			CreatedAt: time.Now().UTC()}).Error
	})
	switch {
	case errors.Is(err, models.ErrConflict):
		v.Add("phone", "account.err.phone.taken")
		return User{}, v.Err()
	case err != nil:
		if _, ok := IsCodeError(err); ok {
			addCodeError(&v, err)
			return User{}, v.Err()
		}
		return User{}, err
	}
	return u, nil
}

// PhoneTaken reports whether an active account uses phone (registration
// says so before sending a code).
func PhoneTaken(ctx context.Context, st *models.Store, phone string) (bool, error) {
	_, err := ByPhone(ctx, st, phone)
	if errors.Is(err, models.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// NewAccount is an account made by an operator (portal users create) or the
// demo data, not through the sign-up form.
type NewAccount struct {
	Kind       string
	Phone      string
	Password   string
	Name       string
	IDNumber   string
	Level      int
	VerifiedBy string // who vouches for L3+ (e.g. "cli", "demo")
	OrgName    string
	CreditCode string
	RepName    string
}

// Create validates and inserts an operator-made account; L2 and above need
// a valid ID number (or credit code for a legal person).
func (s *Service) Create(ctx context.Context, a NewAccount) (User, error) {
	if a.Kind == "" {
		a.Kind = Natural
	}
	if a.Level == 0 {
		a.Level = L1
	}
	a.Phone, a.IDNumber = NormalizePhone(a.Phone), refdata.NormalizeIDNumber(a.IDNumber)
	a.CreditCode = refdata.NormalizeCreditCode(a.CreditCode)
	var v models.ValidationError
	CheckPhone(&v, "phone", a.Phone)
	CheckPassword(&v, "password", a.Password, a.Phone)
	if a.Name != "" || a.Level >= L2 {
		CheckName(&v, "name", a.Name)
	}
	if a.Level < L1 || a.Level > MaxLevel {
		v.Add("level", "account.err.level.range")
	}
	if a.Level >= L2 && a.Kind == Natural || a.IDNumber != "" {
		CheckIDNumber(&v, "id_number", a.IDNumber)
	}
	if a.Kind == Legal {
		CheckOrgName(&v, "org_name", a.OrgName)
		CheckCreditCode(&v, "credit_code", a.CreditCode)
	}
	if err := v.Err(); err != nil {
		return User{}, err
	}
	h, err := s.Cfg.Params.Hash(a.Password)
	if err != nil {
		return User{}, err
	}
	u := User{Kind: a.Kind, Phone: a.Phone, PasswordHash: h, Name: a.Name, IDNumber: a.IDNumber, Level: a.Level,
		OrgName: a.OrgName, CreditCode: a.CreditCode, RepName: a.RepName}
	if a.Level >= L3 {
		u.VerifiedBy = a.VerifiedBy
	}
	err = s.St.InTx(ctx, func(tx *gorm.DB) error { return insert(tx, &u) })
	if errors.Is(err, models.ErrConflict) {
		return User{}, fmt.Errorf("phone or ID number already registered: %w", models.ErrConflict)
	}
	return u, err
}

// Delete erases an account after checking its password (C 0103 9.4 h; the
// privacy policy's 注销账号): erase removes the user's other data in the same
// transaction; the row itself stays, with every personal field emptied, as
// the anonymised record that later cases and the consent log refer to.
func (s *Service) Delete(ctx context.Context, u User, password string, erase func(tx *gorm.DB) error) error {
	ok, _, err := s.Cfg.Params.VerifyPassword(u.PasswordHash, password)
	if err != nil || !ok {
		var v models.ValidationError
		v.Add("password", "account.err.password.current")
		return v.Err()
	}
	now := time.Now().UTC()
	return s.St.InTx(ctx, func(tx *gorm.DB) error {
		if erase != nil {
			if err := erase(tx); err != nil {
				return err
			}
		}
		return tx.Model(&userRow{}).Where("id = ?", u.ID).Updates(map[string]any{
			"phone": nil, "id_number": nil, "password_hash": "", "name": "", "org_name": "", "credit_code": "",
			"rep_name": "", "rep_id_number": "", "email": "", "postcode": "", "address": "", "region_code": "",
			"verified_by": "", "disabled": true, "deleted_at": now, "updated_at": now,
			"session_epoch": gorm.Expr("session_epoch + 1"),
		}).Error
	})
}
