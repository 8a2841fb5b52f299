//go:build e2e

package e2e

import "github.com/zwfw/portal/models/usercenter"

// signIn is a Page.Setup that signs the tab in as a demo account (issue 5):
// usercenter.DemoPhone is 张三 at level 3, DemoPhoneL1 李四 at level 1.
func signIn(phone string) func(s *Setup) error {
	return func(s *Setup) error {
		return s.Submit("/login", `form[action="/login"]`, map[string]string{"login": phone, "password": usercenter.DemoPassword})
	}
}

// startCode is a Page.Setup that asks for a verification code, so the
// second step of registration or recovery has a number to show.
func startCode(path, action, phone string) func(s *Setup) error {
	return func(s *Setup) error {
		return s.Submit(path, `form[action="`+action+`"]`, map[string]string{"phone": phone})
	}
}
