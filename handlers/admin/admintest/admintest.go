// Package admintest signs staff members into the console in router tests:
// it creates an account in the test's database and goes through the real
// sign-in, TOTP enrolment included, as a person would (the secret is read
// from the enrolment page and a code computed from it).
package admintest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/users"
)

// Password is the password of every account the helpers create.
const Password = "Test-Console-2026!"

var seq atomic.Int64

// Account is a created staff account.
type Account struct {
	ID       int64
	Username string
	Password string
}

// Create stores a staff account with role and scope (region "" = every
// region, dept "" = every department), not yet enrolled in TOTP.
func Create(t testing.TB, env *handlertest.Env, role staff.Role, region, dept string) Account {
	t.Helper()
	// Create never touches TOTP secrets, so any key builds the service.
	svc, err := staff.NewService(env.Store, staff.Config{Secret: []byte("admintest-secret-0123456789"), Params: users.TestParams})
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("t%d-%s", seq.Add(1), strings.ReplaceAll(string(role), "_", "-"))
	s, err := svc.Create(context.Background(), nil, "", staff.NewStaff{Username: name, Password: Password, Role: role, Region: region, Dept: dept})
	if err != nil {
		t.Fatalf("create staff %s: %v", name, err)
	}
	return Account{ID: s.ID, Username: s.Username, Password: Password}
}

// SignIn creates an account and returns a client signed in as it.
func SignIn(t testing.TB, env *handlertest.Env, role staff.Role, region, dept string) (*handlertest.Client, Account) {
	t.Helper()
	a := Create(t, env, role, region, dept)
	return SignInAs(t, env, a), a
}

// SignInAs signs an existing, never enrolled account in: password, then
// the enrolment page's secret, then a code from it.
func SignInAs(t testing.TB, env *handlertest.Env, a Account) *handlertest.Client {
	t.Helper()
	c := env.Client()
	res := c.Post("/admin/login", url.Values{"username": {a.Username}, "password": {a.Password}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/totp/setup" {
		t.Fatalf("sign-in of %s: %d → %q", a.Username, res.StatusCode, res.Header.Get("Location"))
	}
	page := c.Get("/admin/totp/setup")
	secret := strings.ReplaceAll(page.Doc(t).Find("#totp-secret").Text(), " ", "")
	code, err := staff.TOTPCode(secret, time.Now())
	if err != nil {
		t.Fatalf("enrolment page of %s: no secret (%v)", a.Username, err)
	}
	res = c.Post("/admin/totp/setup", url.Values{"code": {code}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("enrolment of %s: %d\n%s", a.Username, res.StatusCode, res.Body)
	}
	return c
}
