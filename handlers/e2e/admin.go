//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/users"
)

// staffPassword is the password of the accounts the console pages use.
const staffPassword = "E2e-Console-2026!"

var staffSeq atomic.Int64

// createStaff stores a fresh account (each case signs in its own: a TOTP
// code is accepted once per account, and cases run in parallel).
func createStaff(s *Setup, role staff.Role, region, dept string) (string, error) {
	svc, err := staff.NewService(s.Env.Store, staff.Config{Secret: []byte("e2e-staff-secret-0123456789"), Params: users.TestParams})
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("e2e%d-%s", staffSeq.Add(1), strings.ReplaceAll(string(role), "_", "-"))
	_, err = svc.Create(context.Background(), nil, "", staff.NewStaff{Username: name, Password: staffPassword, Role: role, Region: region, Dept: dept})
	return name, err
}

// StaffPassword is a Page.Setup that creates a staff account and passes
// the password step only: the tab is left on the TOTP enrolment page.
func StaffPassword(role staff.Role, region, dept string) func(*Setup) error {
	return func(s *Setup) error {
		name, err := createStaff(s, role, region, dept)
		if err != nil {
			return err
		}
		return s.Submit("/admin/login", "form.zw-admin__form", map[string]string{"username": name, "password": staffPassword})
	}
}

// StaffSignIn is a Page.Setup that signs a new staff account (role,
// region "" = everywhere, dept "" = every department) into the console as
// a person would: password, then TOTP enrolment with the secret read from
// the enrolment page's text and a code computed from it.
func StaffSignIn(role staff.Role, region, dept string) func(*Setup) error {
	return func(s *Setup) error {
		if err := StaffPassword(role, region, dept)(s); err != nil {
			return err
		}
		secret, err := chromedp.Run(s.Ctx, chromedp.Text(chromedp.CSS("#totp-secret")))
		if err != nil {
			return fmt.Errorf("setup: no TOTP secret on the enrolment page: %w", err)
		}
		code, err := staff.TOTPCode(strings.ReplaceAll(secret, " ", ""), time.Now())
		if err != nil {
			return err
		}
		if err := chromedp.Do(s.Ctx, chromedp.SetValue(chromedp.CSS(`form.zw-admin__form [name="code"]`), code)); err != nil {
			return err
		}
		_, err = chromedp.RunResponse(s.Ctx, chromedp.Submit(chromedp.CSS("form.zw-admin__form")))
		return err
	}
}
