package users_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/zwfw/portal/models/users"
)

func register(t *testing.T, svc *users.Service, c *clock, phone, password string) users.User {
	t.Helper()
	ctx := context.Background()
	code, _, err := svc.Codes.Issue(ctx, users.PurposeRegister, phone)
	if err != nil {
		t.Fatal(err)
	}
	u, err := svc.Register(ctx, users.Registration{Kind: users.Natural, Phone: phone, Code: code, Name: "张三",
		Password: password, PasswordConfirm: password, Consent: true})
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	return u
}

func TestRegisterReportsEveryFieldAndKeepsTheCode(t *testing.T) {
	c := newClock()
	svc, st := newService(t, c)
	ctx := context.Background()
	code, _, _ := svc.Codes.Issue(ctx, users.PurposeRegister, "13800138000")
	_, err := svc.Register(ctx, users.Registration{Kind: users.Legal, Phone: "13800138000", Code: code, Name: "张三",
		OrgName: "示例公司", CreditCode: "91330106MA2B12345M", RepName: "赵六", Password: "abcdefgh", PasswordConfirm: "x"})
	keys := keyOf(err)
	for f, want := range map[string]string{"credit_code": "account.err.credit.check", "password": "account.err.password.weak",
		"password_confirm": "account.err.password.mismatch", "consent": "account.err.consent.required"} {
		if keys[f] != want {
			t.Errorf("%s: got %q, want %q", f, keys[f], want)
		}
	}
	if _, bad := keys["code"]; bad {
		t.Fatal("the right code was reported wrong")
	}
	u, err := svc.Register(ctx, users.Registration{Kind: users.Legal, Phone: "13800138000", Code: code, Name: "张三",
		OrgName: "示例公司", CreditCode: "91330106MA2B12345N", RepName: "赵六", Password: "Abc#12345", PasswordConfirm: "Abc#12345", Consent: true})
	if err != nil || u.Level != users.L1 || u.Kind != users.Legal {
		t.Fatalf("register after fixing: %+v %v", u, err)
	}
	cs, _ := users.Consents(ctx, st, u.ID, 10)
	if len(cs) != 1 || cs[0].Purpose != users.ConsentPrivacy || cs[0].Version != users.PrivacyVersion || !cs[0].Granted {
		t.Fatalf("privacy consent not recorded: %+v", cs)
	}
	// The same code again: used.
	_, err = svc.Register(ctx, users.Registration{Kind: users.Natural, Phone: "13800138000", Code: code, Name: "李四",
		Password: "Abc#12345", PasswordConfirm: "Abc#12345", Consent: true})
	if fieldKey(err, "code") != "account.err.code.used" {
		t.Fatalf("reused code: %v", keyOf(err))
	}
}

func TestSupersededCodeHasItsOwnMessage(t *testing.T) {
	c := newClock()
	svc, _ := newService(t, c)
	ctx := context.Background()
	first, _, _ := svc.Codes.Issue(ctx, users.PurposeRegister, "13800138000")
	c.add(61 * time.Second)
	second, _, _ := svc.Codes.Issue(ctx, users.PurposeRegister, "13800138000")
	if first == second {
		t.Skip("two random codes collided")
	}
	if err := svc.Codes.Check(ctx, users.PurposeRegister, "13800138000", first); err != users.ErrCodeSuperseded {
		t.Fatalf("older code: %v", err)
	}
}

// C 0103 9.4 f: any failure is ErrBadCredentials; the throttle backs off
// and then locks the account name, also for names that do not exist.
func TestAuthenticateFailsAlikeAndThrottles(t *testing.T) {
	c := newClock()
	svc, st := newService(t, c)
	ctx := context.Background()
	u := register(t, svc, c, "13800138000", "Right#2026")
	for _, login := range []string{"13800138000", "13900000000", "330106199003071236"} {
		if _, err := svc.Authenticate(ctx, login, "Wrong#2026", "10.0.0."+login[10:]); !errors.Is(err, users.ErrBadCredentials) {
			t.Fatalf("%s: %v", login, err)
		}
	}
	got, err := svc.Authenticate(ctx, " 138 0013 8000 ", "Right#2026", "10.0.0.9")
	if err != nil || got.ID != u.ID {
		t.Fatalf("right password: %v", err)
	}
	for _, login := range []string{"13800138000", "13911111111"} {
		for i := 1; i <= 5; i++ {
			_, err := svc.Authenticate(ctx, login, "Wrong#2026", "10.0.1.1")
			var th users.ThrottledError
			if i >= 4 && !errors.As(err, &th) {
				// Back-off from the third failure on: the next try waits.
				t.Fatalf("%s attempt %d should be backed off: %v", login, i, err)
			}
			if errors.As(err, &th) {
				c.add(th.Wait + time.Second)
				if _, err = svc.Authenticate(ctx, login, "Wrong#2026", "10.0.1.1"); !errors.Is(err, users.ErrBadCredentials) {
					t.Fatalf("after waiting: %v", err)
				}
			}
		}
		_, err := svc.Authenticate(ctx, login, "Right#2026", "10.0.1.2")
		var th users.ThrottledError
		if !errors.As(err, &th) || !th.Locked {
			t.Fatalf("%s: 5 failures must lock, got %v", login, err)
		}
		c.add(16 * time.Minute)
	}
	if _, err := svc.Authenticate(ctx, "13800138000", "Right#2026", "10.0.1.2"); err != nil {
		t.Fatalf("lock must end after 15 minutes: %v", err)
	}
	var rows int64
	st.DB.Raw("SELECT COUNT(*) FROM login_throttle WHERE throttle_key LIKE ?", "%13800138000%").Scan(&rows)
	if rows != 0 {
		t.Fatal("the throttle table holds a phone number in clear")
	}
	if err := users.SetDisabled(ctx, st, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, "13800138000", "Right#2026", "10.0.2.1"); !errors.Is(err, users.ErrBadCredentials) {
		t.Fatalf("disabled account: %v", err)
	}
}

func TestIPLockAfterManyNames(t *testing.T) {
	c := newClock()
	svc, _ := newService(t, c)
	ctx := context.Background()
	for i := 0; i < 30; i++ {
		login := "139000000" + string(rune('0'+i/10)) + string(rune('0'+i%10))
		if _, err := svc.Authenticate(ctx, login, "x", "10.9.9.9"); !errors.Is(err, users.ErrBadCredentials) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	var th users.ThrottledError
	if _, err := svc.Authenticate(ctx, "13700000000", "x", "10.9.9.9"); !errors.As(err, &th) || !th.Locked {
		t.Fatalf("30 failures from one IP must lock it: %v", err)
	}
	if _, err := svc.Authenticate(ctx, "13700000000", "x", "10.9.9.8"); !errors.Is(err, users.ErrBadCredentials) {
		t.Fatalf("another IP is not locked: %v", err)
	}
}

func TestChangeResetAndDelete(t *testing.T) {
	c := newClock()
	svc, st := newService(t, c)
	ctx := context.Background()
	u := register(t, svc, c, "13800138000", "Right#2026")
	_, err := svc.ChangePassword(ctx, u, "Wrong#2026", "New#20266", "New#20266")
	if fieldKey(err, "current_password") != "account.err.password.current" {
		t.Fatalf("wrong current password: %v", keyOf(err))
	}
	epoch, err := svc.ChangePassword(ctx, u, "Right#2026", "New#20266", "New#20266")
	if err != nil || epoch != u.SessionEpoch+1 {
		t.Fatalf("change: %d %v", epoch, err)
	}
	if _, err := svc.Authenticate(ctx, "13800138000", "New#20266", "1.1.1.1"); err != nil {
		t.Fatal(err)
	}
	c.add(2 * time.Minute)
	code, _, _ := svc.Codes.Issue(ctx, users.PurposeRecover, "13800138000")
	if err := svc.ResetPassword(ctx, "13800138000", code, "Reset#2026", "Reset#2026"); err != nil {
		t.Fatal(err)
	}
	if err := svc.ResetPassword(ctx, "13800138000", code, "Again#2026", "Again#2026"); fieldKey(err, "code") != "account.err.code.used" {
		t.Fatalf("reused recovery code: %v", keyOf(err))
	}
	u, _ = users.Get(ctx, st, u.ID)
	if u.SessionEpoch != epoch+1 {
		t.Fatalf("reset must end sessions: epoch %d", u.SessionEpoch)
	}
	if err := users.RegisterIdentity(ctx, st, u, "张三", "330106199003071236"); err != nil {
		t.Fatal(err)
	}
	u, _ = users.Get(ctx, st, u.ID)
	if err := users.VerifyIdentity(ctx, st, users.TestIdentity{}, u); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, u, "Wrong", nil); fieldKey(err, "password") == "" {
		t.Fatal("delete without the password")
	}
	u, _ = users.Get(ctx, st, u.ID)
	if err := svc.Delete(ctx, u, "Reset#2026", nil); err != nil {
		t.Fatal(err)
	}
	d, err := users.Get(ctx, st, u.ID)
	if err != nil || !d.Deleted || d.Phone != "" || d.IDNumber != "" || d.Name != "" || d.PasswordHash != "" || d.Active() {
		t.Fatalf("not anonymised: %+v", d)
	}
	// The number can register again.
	c.add(2 * time.Minute)
	register(t, svc, c, "13800138000", "Fresh#2026")
}

func TestTrustLevelsGoInOrder(t *testing.T) {
	c := newClock()
	svc, st := newService(t, c)
	ctx := context.Background()
	u := register(t, svc, c, "13800138000", "Right#2026")
	if err := users.VerifyIdentity(ctx, st, users.TestIdentity{}, u); !errors.Is(err, users.ErrLevelOrder) {
		t.Fatalf("L3 before L2: %v", err)
	}
	if err := users.RegisterIdentity(ctx, st, u, "张三", "330106199003071235"); fieldKey(err, "id_number") != "account.err.id.check" {
		t.Fatalf("check digit: %v", keyOf(err))
	}
	if err := users.RegisterIdentity(ctx, st, u, "李不符", "330106199003071236"); err != nil {
		t.Fatal(err)
	}
	u, _ = users.Get(ctx, st, u.ID)
	var refused users.ErrRefused
	if err := users.VerifyIdentity(ctx, st, users.TestIdentity{}, u); !errors.As(err, &refused) {
		t.Fatalf("mismatch must be refused: %v", err)
	}
	if err := users.RegisterIdentity(ctx, st, u, "李四", "330106199003071236"); err != nil {
		t.Fatal(err)
	}
	u, _ = users.Get(ctx, st, u.ID)
	if err := users.VerifyIdentity(ctx, st, users.TestIdentity{}, u); err != nil {
		t.Fatal(err)
	}
	u, _ = users.Get(ctx, st, u.ID)
	if err := users.VerifyFace(ctx, st, users.TestFace{}, u, "ok"); err != nil {
		t.Fatal(err)
	}
	u, _ = users.Get(ctx, st, u.ID)
	if u.Level != users.L4 || u.VerifiedBy != "test+test-face" {
		t.Fatalf("level %d by %q", u.Level, u.VerifiedBy)
	}
	if err := users.RegisterIdentity(ctx, st, u, "王五", "11010519491231002X"); !errors.Is(err, users.ErrLevelOrder) {
		t.Fatal("a verified identity must never be overwritten")
	}
	cs, _ := users.Consents(ctx, st, u.ID, 10)
	purposes := map[string]int{}
	for _, c := range cs {
		purposes[c.Purpose]++
	}
	if purposes[users.ConsentIdentityCheck] != 2 || purposes[users.ConsentFaceCheck] != 1 {
		t.Fatalf("each transmission needs its consent record: %v", purposes)
	}
	// Another account cannot take the same ID number.
	c.add(2 * time.Minute)
	other := register(t, svc, c, "13900139000", "Right#2026")
	if err := users.RegisterIdentity(ctx, st, other, "李四", "330106199003071236"); fieldKey(err, "id_number") != "account.err.id.taken" {
		t.Fatalf("taken ID number: %v", keyOf(err))
	}
}

func TestPurgeKeepsLiveState(t *testing.T) {
	c := newClock()
	svc, st := newService(t, c)
	ctx := context.Background()
	c.t = time.Now().UTC().Add(-48 * time.Hour)
	svc.Codes.Issue(ctx, users.PurposeRegister, "13800138000")
	c.t = time.Now().UTC()
	svc.Codes.Issue(ctx, users.PurposeRegister, "13900139000")
	if err := users.Purge(ctx, st); err != nil {
		t.Fatal(err)
	}
	var n int64
	st.DB.Raw("SELECT COUNT(*) FROM verification_codes").Scan(&n)
	if n != 1 {
		t.Fatalf("%d codes left, want the fresh one", n)
	}
}
