package users_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/users"
)

// clock is a settable time source for the code and throttle rules.
type clock struct{ t time.Time }

func (c *clock) now() time.Time           { return c.t }
func (c *clock) add(d time.Duration)      { c.t = c.t.Add(d) }
func newClock() *clock                    { return &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)} }
func fieldKey(err error, f string) string { return keyOf(err)[f] }

func keyOf(err error) map[string]string {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return ve.Fields
	}
	return nil
}

func newService(t *testing.T, c *clock) (*users.Service, *models.Store) {
	t.Helper()
	st := modelstest.Open(t)
	cfg := users.DevConfig(st)
	cfg.Params = users.TestParams
	if c != nil {
		cfg.Now = c.now
	}
	svc, err := users.NewService(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return svc, st
}

func TestPasswordHashRoundTripAndRehash(t *testing.T) {
	p := users.TestParams
	h, err := p.Hash("Correct horse 1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("not a PHC argon2id string: %s", h)
	}
	if ok, _, _ := p.VerifyPassword(h, "Correct horse 1"); !ok {
		t.Fatal("right password refused")
	}
	if ok, _, _ := p.VerifyPassword(h, "Correct horse 2"); ok {
		t.Fatal("wrong password accepted")
	}
	if _, rehash, _ := users.DefaultParams.VerifyPassword(h, "Correct horse 1"); !rehash {
		t.Fatal("a hash made with other parameters must be flagged for rehash")
	}
	if _, _, err := p.VerifyPassword("plain", "x"); err == nil {
		t.Fatal("unreadable hash must be an error")
	}
	if _, err := users.ParseParams("m=1024,t=1,p=1"); err == nil {
		t.Fatal("parameters below the floor must be refused")
	}
	if got, err := users.ParseParams("m=12288,t=3,p=1"); err != nil || got.MemoryKiB != 12288 || got.Time != 3 {
		t.Fatalf("ParseParams = %+v, %v", got, err)
	}
}

// Issue 5, bad input: each mistake has its own message.
func TestFieldChecksGiveSpecificMessages(t *testing.T) {
	cases := []struct {
		name string
		run  func(v *models.ValidationError)
		want string
	}{
		{"phone too short", func(v *models.ValidationError) { users.CheckPhone(v, "f", "1380013800") }, "account.err.phone.length"},
		{"phone too long", func(v *models.ValidationError) { users.CheckPhone(v, "f", "138001380001") }, "account.err.phone.length"},
		{"phone letters", func(v *models.ValidationError) { users.CheckPhone(v, "f", "1380013800a") }, "account.err.phone.digits"},
		{"phone prefix", func(v *models.ValidationError) { users.CheckPhone(v, "f", "12800138000") }, "account.err.phone.format"},
		{"id check digit", func(v *models.ValidationError) { users.CheckIDNumber(v, "f", "330106199003071235") }, "account.err.id.check"},
		{"id length", func(v *models.ValidationError) { users.CheckIDNumber(v, "f", "33010619900307123") }, "account.err.id.length"},
		{"id birth", func(v *models.ValidationError) { users.CheckIDNumber(v, "f", "330106199013071236") }, "account.err.id.birth"},
		{"credit check", func(v *models.ValidationError) { users.CheckCreditCode(v, "f", "91330106MA2B12345M") }, "account.err.credit.check"},
		{"credit shape", func(v *models.ValidationError) { users.CheckCreditCode(v, "f", "9I330106MA2B12345N") }, "account.err.credit.format"},
		{"password short", func(v *models.ValidationError) { users.CheckPassword(v, "f", "a1b2c3", "") }, "account.err.password.short"},
		{"password one kind", func(v *models.ValidationError) { users.CheckPassword(v, "f", "abcdefghij", "") }, "account.err.password.weak"},
		{"password common", func(v *models.ValidationError) { users.CheckPassword(v, "f", "Password123", "") }, "account.err.password.common"},
		{"password phone", func(v *models.ValidationError) { users.CheckPassword(v, "f", "x13800138000", "13800138000") }, "account.err.password.phone"},
		{"email", func(v *models.ValidationError) { users.CheckContact(v, "not-an-email", "", "") }, "account.err.email.format"},
	}
	for _, c := range cases {
		var v models.ValidationError
		c.run(&v)
		got := ""
		for _, k := range v.Fields {
			got = k
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	var v models.ValidationError
	users.CheckIDNumber(&v, "f", "330106199003071236")
	users.CheckCreditCode(&v, "g", "91330106MA2B12345N")
	users.CheckPassword(&v, "h", "Zwfw@2026demo", "13800138000")
	users.CheckPhone(&v, "i", "13800138000")
	if v.Err() != nil {
		t.Fatalf("valid values refused: %v", v.Fields)
	}
}

func TestMasking(t *testing.T) {
	for got, want := range map[string]string{
		users.MaskName("欧阳修"):                      "欧**",
		users.MaskIDNumber("33010619900307123X"):   "3****************X",
		users.MaskPhone("13812345678"):             "138****5678",
		users.MaskCreditCode("91330106MA2B12345N"): "91330106********5N",
		users.MaskEmail("zhang@example.com"):       "z***@example.com",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestCodesExpireAreSingleUseAndResendAfterAMinute(t *testing.T) {
	c := newClock()
	svc, st := newService(t, c)
	ctx := context.Background()
	codes := svc.Codes
	phone := "13800138000"
	code, status, err := codes.Issue(ctx, users.PurposeRegister, phone)
	if err != nil || len(code) != 6 || !status.ExpiresAt.Equal(c.t.Add(5*time.Minute)) {
		t.Fatalf("issue: %q %+v %v", code, status, err)
	}
	var stored int64
	st.DB.Raw("SELECT COUNT(*) FROM verification_codes WHERE code_hash = ? OR target_hash = ?", code, phone).Scan(&stored)
	if stored != 0 {
		t.Fatal("the code or the phone number is stored in clear")
	}
	c.add(30 * time.Second)
	if _, _, err := codes.Issue(ctx, users.PurposeRegister, phone); !errors.As(err, new(users.WaitError)) {
		t.Fatalf("resend within 60 s: %v", err)
	}
	if err := codes.Check(ctx, users.PurposeRecover, phone, code); err != users.ErrCodeMissing {
		t.Fatalf("a register code must not work for recovery: %v", err)
	}
	wrong := "000000"
	if wrong == code {
		wrong = "111111"
	}
	if err := codes.Check(ctx, users.PurposeRegister, phone, wrong); err != users.ErrCodeWrong {
		t.Fatalf("wrong code: %v", err)
	}
	if err := codes.Check(ctx, users.PurposeRegister, phone, "12a"); err != users.ErrCodeFormat {
		t.Fatalf("malformed code: %v", err)
	}
	if err := codes.Check(ctx, users.PurposeRegister, phone, code); err != nil {
		t.Fatalf("check must not use the code up: %v", err)
	}
	if err := codes.Use(ctx, st.DB, users.PurposeRegister, phone, code); err != nil {
		t.Fatal(err)
	}
	if err := codes.Use(ctx, st.DB, users.PurposeRegister, phone, code); err != users.ErrCodeUsed {
		t.Fatalf("reused code: %v", err)
	}

	// A second code: the first is now superseded; the second expires.
	c.add(time.Minute)
	old := code
	code2, _, err := codes.Issue(ctx, users.PurposeRegister, phone)
	if err != nil {
		t.Fatal(err)
	}
	if code2 != old {
		if err := codes.Check(ctx, users.PurposeRegister, phone, old); err != users.ErrCodeUsed {
			t.Fatalf("used older code: %v", err)
		}
	}
	c.add(3 * time.Minute)
	st2, err := codes.Extend(ctx, users.PurposeRegister, phone)
	if err != nil || st2.Extensions != 1 {
		t.Fatalf("extend: %+v %v", st2, err)
	}
	c.add(6 * time.Minute) // 9 min after issue: alive only thanks to the extension
	if err := codes.Check(ctx, users.PurposeRegister, phone, code2); err != nil {
		t.Fatalf("extended code expired early: %v", err)
	}
	c.add(2 * time.Minute)
	if err := codes.Check(ctx, users.PurposeRegister, phone, code2); err != users.ErrCodeExpired {
		t.Fatalf("expired code: %v", err)
	}
	if _, err := codes.Extend(ctx, users.PurposeRegister, phone); err != users.ErrCodeExpired {
		t.Fatalf("an expired code cannot be extended: %v", err)
	}
}

func TestCodeLocksAfterFiveWrongEntries(t *testing.T) {
	c := newClock()
	svc, _ := newService(t, c)
	ctx := context.Background()
	code, _, _ := svc.Codes.Issue(ctx, users.PurposeRecover, "13900139000")
	wrong := "999999"
	if code == wrong {
		wrong = "888888"
	}
	for i := 0; i < 4; i++ {
		if err := svc.Codes.Check(ctx, users.PurposeRecover, "13900139000", wrong); err != users.ErrCodeWrong {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	if err := svc.Codes.Check(ctx, users.PurposeRecover, "13900139000", wrong); err != users.ErrCodeLocked {
		t.Fatalf("5th wrong entry: %v", err)
	}
	if err := svc.Codes.Check(ctx, users.PurposeRecover, "13900139000", code); err != users.ErrCodeLocked {
		t.Fatalf("after the lock even the right code is refused: %v", err)
	}
}

func TestCLICreatesAndDisablesAndRefusesHighLevelsInProd(t *testing.T) {
	st := modelstest.Open(t)
	cfg := users.DevConfig(st)
	cfg.Params = users.TestParams
	ctx := context.Background()
	var out bytes.Buffer
	args := []string{"create", "--phone", "13700137000", "--password", "-", "--name", "赵一", "--id-number", "11010519491231002X", "--level", "3"}
	if err := users.Command(ctx, st, cfg, true, args, strings.NewReader("Secret#2026\n"), &out); err == nil || !strings.Contains(err.Error(), "prod") {
		t.Fatalf("prod must refuse level 3: %v", err)
	}
	if err := users.Command(ctx, st, cfg, false, args, strings.NewReader("Secret#2026\n"), &out); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); strings.Contains(s, "Secret#2026") || strings.Contains(s, "11010519491231002X") || !strings.Contains(s, "137****7000") {
		t.Fatalf("output leaks or lacks the masked phone: %q", s)
	}
	u, err := users.ByPhone(ctx, st, "13700137000")
	if err != nil || u.Level != 3 || u.VerifiedBy != "cli" {
		t.Fatalf("created %+v, %v", u, err)
	}
	if err := users.Command(ctx, st, cfg, false, []string{"disable", "--phone", "137 0013 7000"}, nil, &out); err != nil {
		t.Fatal(err)
	}
	u2, _ := users.Get(ctx, st, u.ID)
	if !u2.Disabled || u2.SessionEpoch != u.SessionEpoch+1 {
		t.Fatalf("disable must set the flag and end sessions: %+v", u2)
	}
	bad := []string{"create", "--phone", "1370013700", "--password", "short"}
	if err := users.Command(ctx, st, cfg, false, bad, nil, &out); err == nil || !strings.Contains(err.Error(), "account.err.phone.length") {
		t.Fatalf("bad input: %v", err)
	}
}

func TestCheckProdRefusesDevAndTestAdapters(t *testing.T) {
	st := modelstest.Open(t)
	err := users.CheckProd(users.DevConfig(st))
	if err == nil {
		t.Fatal("dev config accepted for prod")
	}
	for _, want := range []string{"outbox", "test identity", "test face"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("prod check does not name %q: %v", want, err)
		}
	}
	if err := users.CheckProd(users.Config{Params: users.DefaultParams, Notifier: users.SMTPNotifier{Addr: "mail:25"}}); err != nil {
		t.Fatalf("real adapters refused: %v", err)
	}
}
