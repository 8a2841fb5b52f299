package users

import (
	"context"
	"errors"
	"strings"

	"github.com/zwfw/portal/models"
)

// Trust levels (reference.md §5, a [decision] after a provincial scheme
// until C 0114-2018 3.1 is available). C 0103 7.2 and 7.5: handling
// matters, consulting and complaining need at least L3.
const (
	L1 = 1 // 注册用户: verified phone number
	L2 = 2 // 实名登记: name + ID number, format and GB 11643 check digit only
	L3 = 3 // 实名核验: verified against an authoritative identity source
	L4 = 4 // 实人核验: L3 plus a live face match
	L5 = 5 // 最高: digital certificate or in-person at a service window
)

// MinLevelForServices is the level C 0103 7.2 / 7.5 require at least.
const MinLevelForServices = L3

// MaxLevel is the highest level.
const MaxLevel = L5

// Check is the outcome of an identity or face verification.
type Check struct {
	OK     bool
	Reason string // locale key explaining a refusal
}

// PersonClaim is what a natural person claims to be.
type PersonClaim struct{ Name, IDNumber string }

// OrgClaim is what a legal-person account claims: the organization and its
// legal representative.
type OrgClaim struct{ OrgName, CreditCode, RepName, RepIDNumber string }

// IdentityVerifier checks a claim against an authoritative source (the
// population database; the market-regulation register for organizations).
// Test reports a test adapter: pages label it and prod refuses it.
type IdentityVerifier interface {
	VerifyPerson(ctx context.Context, c PersonClaim) (Check, error)
	VerifyOrg(ctx context.Context, c OrgClaim) (Check, error)
	Name() string
	Test() bool
}

// FaceVerifier matches a live face against the claimed person (实人核验).
// A real adapter hands over to the provider's liveness SDK and receives a
// signed result; token is that result.
type FaceVerifier interface {
	VerifyFace(ctx context.Context, c PersonClaim, token string) (Check, error)
	Name() string
	Test() bool
}

// TestIdentity is the development and test identity verifier: it checks
// nothing but the format, refuses any name containing "不符" (so tests and
// demos can see a refusal), and says on every page that it is not real.
type TestIdentity struct{}

// VerifyPerson accepts well-formed claims unless the name contains "不符".
func (TestIdentity) VerifyPerson(_ context.Context, c PersonClaim) (Check, error) {
	if strings.Contains(c.Name, "不符") {
		return Check{Reason: "account.trust.refused.mismatch"}, nil
	}
	return Check{OK: true}, nil
}

// VerifyOrg accepts well-formed claims unless a name contains "不符".
func (TestIdentity) VerifyOrg(_ context.Context, c OrgClaim) (Check, error) {
	if strings.Contains(c.OrgName+c.RepName, "不符") {
		return Check{Reason: "account.trust.refused.mismatch"}, nil
	}
	return Check{OK: true}, nil
}

// Name identifies the adapter in the account's verified_by column.
func (TestIdentity) Name() string { return "test" }

// Test is true.
func (TestIdentity) Test() bool { return true }

// TestFace is the development and test face verifier: the token "fail"
// fails, anything else passes.
type TestFace struct{}

// VerifyFace passes unless token is "fail".
func (TestFace) VerifyFace(_ context.Context, _ PersonClaim, token string) (Check, error) {
	if token == "fail" {
		return Check{Reason: "account.trust.refused.face"}, nil
	}
	return Check{OK: true}, nil
}

// Name identifies the adapter.
func (TestFace) Name() string { return "test-face" }

// Test is true.
func (TestFace) Test() bool { return true }

// ErrNoVerifier means no verifier is configured for that level.
var ErrNoVerifier = errors.New("no verifier configured")

// ErrLevelOrder means the user must reach the previous level first.
var ErrLevelOrder = errors.New("previous level required")

// ErrRefused carries the reason a verifier gave.
type ErrRefused struct{ Reason string }

func (e ErrRefused) Error() string { return "verification refused: " + e.Reason }

// RegisterIdentity raises a natural person to L2 with a name and ID number
// whose format and check digit are right (GB 11643); an ID number already
// on another account is ErrConflict on field id_number.
func RegisterIdentity(ctx context.Context, st *models.Store, u User, name, idNumber string) error {
	var v models.ValidationError
	CheckName(&v, "name", name)
	CheckIDNumber(&v, "id_number", idNumber)
	if err := v.Err(); err != nil {
		return err
	}
	if u.Level >= L3 {
		return ErrLevelOrder // a verified identity is never overwritten
	}
	err := update(ctx, st.DB, u.ID, map[string]any{"name": name, "id_number": idNumber, "level": max(u.Level, L2)})
	if errors.Is(err, models.ErrConflict) {
		v.Add("id_number", "account.err.id.taken")
		return v.Err()
	}
	return err
}

// RegisterOrg raises a legal-person account to L2: organization name,
// 统一社会信用代码 with its check character (GB 32100) and the legal
// representative's name and ID number.
func RegisterOrg(ctx context.Context, st *models.Store, u User, c OrgClaim) error {
	var v models.ValidationError
	CheckOrgName(&v, "org_name", c.OrgName)
	CheckCreditCode(&v, "credit_code", c.CreditCode)
	CheckName(&v, "rep_name", c.RepName)
	CheckIDNumber(&v, "rep_id_number", c.RepIDNumber)
	if err := v.Err(); err != nil {
		return err
	}
	if u.Level >= L3 {
		return ErrLevelOrder
	}
	return update(ctx, st.DB, u.ID, map[string]any{"org_name": c.OrgName, "credit_code": c.CreditCode,
		"rep_name": c.RepName, "rep_id_number": c.RepIDNumber, "level": max(u.Level, L2)})
}

// VerifyIdentity raises an L2 account to L3 through iv, recording the
// consent to send the identity to the verifier first (C 0103 9.4 h).
func VerifyIdentity(ctx context.Context, st *models.Store, iv IdentityVerifier, u User) error {
	if iv == nil {
		return ErrNoVerifier
	}
	if u.Level < L2 {
		return ErrLevelOrder
	}
	if u.Level >= L3 {
		return nil
	}
	if err := RecordConsent(ctx, st, u.ID, ConsentIdentityCheck, true); err != nil {
		return err
	}
	var chk Check
	var err error
	if u.Kind == Legal {
		chk, err = iv.VerifyOrg(ctx, OrgClaim{OrgName: u.OrgName, CreditCode: u.CreditCode, RepName: u.RepName, RepIDNumber: u.RepIDNumber})
	} else {
		chk, err = iv.VerifyPerson(ctx, PersonClaim{Name: u.Name, IDNumber: u.IDNumber})
	}
	if err != nil {
		return err
	}
	if !chk.OK {
		return ErrRefused{Reason: chk.Reason}
	}
	return update(ctx, st.DB, u.ID, map[string]any{"level": L3, "verified_by": iv.Name()})
}

// VerifyFace raises an L3 account to L4 through fv (for a legal person, the
// face of the legal representative), recording the consent first.
func VerifyFace(ctx context.Context, st *models.Store, fv FaceVerifier, u User, token string) error {
	if fv == nil {
		return ErrNoVerifier
	}
	if u.Level < L3 {
		return ErrLevelOrder
	}
	if u.Level >= L4 {
		return nil
	}
	if err := RecordConsent(ctx, st, u.ID, ConsentFaceCheck, true); err != nil {
		return err
	}
	claim := PersonClaim{Name: u.Name, IDNumber: u.IDNumber}
	if u.Kind == Legal {
		claim = PersonClaim{Name: u.RepName, IDNumber: u.RepIDNumber}
	}
	chk, err := fv.VerifyFace(ctx, claim, token)
	if err != nil {
		return err
	}
	if !chk.OK {
		return ErrRefused{Reason: chk.Reason}
	}
	return update(ctx, st.DB, u.ID, map[string]any{"level": L4, "verified_by": u.VerifiedBy + "+" + fv.Name()})
}
