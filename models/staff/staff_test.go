package staff_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/users"
)

// RFC 6238 Appendix B vectors (SHA-1, secret "12345678901234567890"),
// truncated to 6 digits as authenticator apps show them.
func TestTOTPMatchesRFC6238(t *testing.T) {
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for unix, want := range map[int64]string{59: "287082", 1111111109: "081804", 1111111111: "050471",
		1234567890: "005924", 2000000000: "279037", 20000000000: "353130"} {
		got, err := staff.TOTPCode(secret, time.Unix(unix, 0))
		if err != nil || got != want {
			t.Errorf("T=%d: code %q (%v), want %q", unix, got, err, want)
		}
	}
}

func TestScopeSubtreesAndDepartments(t *testing.T) {
	zj := staff.Scope{Region: "330000"}
	hz := staff.Scope{Region: "330100"}
	police := staff.Scope{Region: staff.National, Dept: "N007"}
	cases := []struct {
		s            staff.Scope
		region, dept string
		want         bool
	}{
		{zj, "330000", "N007", true}, {zj, "330106", "", true}, {zj, "330106001", "", true},
		{zj, "320100", "", false}, {zj, "000000", "N007", false}, {hz, "330106", "", true},
		{hz, "330200", "", false}, {hz, "330000", "", false}, {police, "320100", "N007", true},
		{police, "320100", "N008", false}, {staff.Scope{Region: staff.National}, "000000", "", true},
	}
	for _, c := range cases {
		if got := c.s.Contains(c.region, c.dept); got != c.want {
			t.Errorf("%+v contains %s/%s = %v, want %v", c.s, c.region, c.dept, got, c.want)
		}
	}
	if !zj.Covers(hz) || hz.Covers(zj) || zj.Covers(staff.Scope{Region: staff.National}) || police.Covers(zj) {
		t.Error("Covers must hold only for scopes inside one another")
	}
	if codes, all := zj.Sites(); all || len(codes) != 1 || codes[0] != "330000" {
		t.Errorf("浙江省 manages its own sub-site only, got %v %v", codes, all)
	}
	if codes, _ := hz.Sites(); len(codes) != 0 || !police.ManagesSite("N007") || police.ManagesSite("330000") {
		t.Error("a city manages no sub-site; a department manages its own")
	}
}

func TestRolesGrantOnlyTheirPermissions(t *testing.T) {
	zjEditor := staff.Staff{Role: staff.RoleContentEditor, RegionCode: "330000"}
	natEditor := staff.Staff{Role: staff.RoleContentEditor, RegionCode: staff.National}
	handler := staff.Staff{Role: staff.RoleCaseHandler, RegionCode: "330000"}
	switch {
	case !zjEditor.Can(staff.PermItems) || zjEditor.Can(staff.PermVocabulary) || zjEditor.Can(staff.PermAnnounce):
		t.Error("a provincial editor edits items but not the national vocabulary or announcements")
	case !natEditor.Can(staff.PermVocabulary) || natEditor.Can(staff.PermStaff):
		t.Error("a national editor edits the vocabulary but manages no staff")
	case handler.Can(staff.PermItems) || !handler.Can(staff.PermCases):
		t.Error("a case handler handles cases only")
	}
	for _, r := range staff.Roles {
		if !(staff.Staff{Role: r, RegionCode: staff.National}).Can(staff.PermDashboard) {
			t.Errorf("%s has no dashboard", r)
		}
	}
	if (staff.Staff{Role: staff.RolePlatformAdmin, Disabled: true}).Can(staff.PermItems) {
		t.Error("a disabled account can do nothing")
	}
}

func newService(t *testing.T, now func() time.Time) (*models.Store, *staff.Service) {
	st := modelstest.Open(t)
	svc, err := staff.NewService(st, staff.Config{Secret: []byte("test-secret-0123456789abcdef"), Params: users.TestParams, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return st, svc
}

func TestSignInNeedsPasswordThenAFreshTOTPCode(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	_, svc := newService(t, func() time.Time { return clock })
	s, err := svc.Create(ctx, nil, "", staff.NewStaff{Username: "ZJ.Editor", Password: "Zhejiang-2026-edit", Role: staff.RoleContentEditor, Region: "330000"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, "zj.editor", "wrong-Password-1", "10.0.0.1"); !errors.Is(err, staff.ErrBadCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	got, err := svc.Authenticate(ctx, " zj.editor ", "Zhejiang-2026-edit", "10.0.0.1")
	if err != nil || got.ID != s.ID || got.TOTPEnabled {
		t.Fatalf("password sign-in: %+v %v", got, err)
	}
	secret, err := svc.StartEnrolment(ctx, s.ID)
	if again, _ := svc.StartEnrolment(ctx, s.ID); err != nil || again != secret {
		t.Fatalf("enrolment must keep one pending secret: %v", err)
	}
	code, _ := staff.TOTPCode(secret, clock)
	if _, err := svc.ConfirmEnrolment(ctx, s.ID, "000000", ""); !errors.Is(err, staff.ErrBadCode) && code != "000000" {
		t.Fatalf("a wrong code must not enrol: %v", err)
	}
	if _, err := svc.ConfirmEnrolment(ctx, s.ID, code[:3]+" "+code[3:], ""); err != nil {
		t.Fatalf("enrol: %v", err)
	}
	if _, err := svc.VerifyTOTP(ctx, s.ID, code, ""); !errors.Is(err, staff.ErrBadCode) {
		t.Fatalf("a used code was accepted again: %v", err)
	}
	clock = clock.Add(staff.TOTPPeriod * time.Second)
	next, _ := staff.TOTPCode(secret, clock)
	if _, err := svc.VerifyTOTP(ctx, s.ID, next, ""); err != nil {
		t.Fatalf("the next step's code: %v", err)
	}
	if _, err := svc.StartEnrolment(ctx, s.ID); !errors.Is(err, models.ErrConflict) {
		t.Fatal("an enrolled account must not get a new secret")
	}
}

func TestSignInBacksOffAndLocks(t *testing.T) {
	ctx := context.Background()
	_, svc := newService(t, nil)
	if _, err := svc.Create(ctx, nil, "", staff.NewStaff{Username: "locked", Password: "Tea-Garden-2026!", Role: staff.RoleCaseHandler}); err != nil {
		t.Fatal(err)
	}
	var last error
	for i := 0; i < 6; i++ {
		_, last = svc.Authenticate(ctx, "locked", "Wrong-password-99", "10.0.0.2")
	}
	var te users.ThrottledError
	if !errors.As(last, &te) {
		t.Fatalf("repeated failures must throttle, got %v", last)
	}
	if _, err := svc.Authenticate(ctx, "locked", "Tea-Garden-2026!", "10.0.0.3"); !errors.As(err, &te) {
		t.Fatalf("the right password must wait too while throttled, got %v", err)
	}
}
