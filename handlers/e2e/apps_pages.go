//go:build e2e

package e2e

import (
	"context"

	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// e2eAppKey is the app_id of the identity app the apps pages use.
const e2eAppKey = "zwae2e0000000000001"

// appsConsentPath is the JSSDK consent page for that app.
const appsConsentPath = "/jssdk/authorize?app_id=" + e2eAppKey + "&redirect_uri=https%3A%2F%2Fdemo.example%2F&state=e2e"

// e2eApp makes (once) an online identity app with a known app_id. Cases
// run in parallel, so a lost race leaves a harmless extra row.
func e2eApp(s *Setup) (apps.App, error) {
	ctx := context.Background()
	if a, err := apps.ByKey(ctx, s.Env.Store, e2eAppKey); err == nil {
		return a, nil
	}
	svc, err := apps.NewService(s.Env.Store, []byte("test-secret-key-0123456789abcdef-0123"), nil)
	if err != nil {
		return apps.App{}, err
	}
	a, _, err := svc.CreateOnline(ctx, apps.Form{Name: "社保查询", Type: apps.TypeIdentity, OwnerOrg: "杭州市人力资源和社会保障局",
		EntryURL: "https://demo.example/"}, apps.Credentials{Whitelist: "192.0.2.0/24"})
	if err != nil {
		return apps.App{}, err
	}
	s.Env.Store.DB.Exec("UPDATE apps SET app_key = ? WHERE id = ?", e2eAppKey, a.ID) //nolint:errcheck // a lost race is fine
	return apps.ByKey(ctx, s.Env.Store, e2eAppKey)
}

// appsConsent signs 张三 in with the app registered: the consent page.
func appsConsent(s *Setup) error {
	if _, err := e2eApp(s); err != nil {
		return err
	}
	return signIn(usercenter.DemoPhone)(s)
}

// appsAuthorized signs 李四 in after authorising the app: /me/authorizations
// lists it.
func appsAuthorized(s *Setup) error {
	a, err := e2eApp(s)
	if err != nil {
		return err
	}
	ctx := context.Background()
	u, err := users.ByPhone(ctx, s.Env.Store, usercenter.DemoPhoneL1)
	if err != nil {
		return err
	}
	svc, err := apps.NewService(s.Env.Store, []byte("test-secret-key-0123456789abcdef-0123"), nil)
	if err != nil {
		return err
	}
	if err := svc.GrantConsent(ctx, u.ID, a); err != nil {
		return err
	}
	return signIn(usercenter.DemoPhoneL1)(s)
}

// appsOwnFirst gives the organisation demo account the first demo app
// (sub-site data) and signs it in: its developer page.
func appsOwnFirst(s *Setup) error {
	u, err := users.ByPhone(context.Background(), s.Env.Store, usercenter.DemoPhoneLegal)
	if err != nil {
		return err
	}
	if err := s.Env.Store.DB.Exec("UPDATE apps SET owner_user_id = ? WHERE id = 1", u.ID).Error; err != nil {
		return err
	}
	return signIn(usercenter.DemoPhoneLegal)(s)
}
