// Package account renders the pages before and around signing in (C 0103
// 7.7 a): sign-in, registration with an SMS code, password recovery, the
// step-up page a service shows when the visitor's trust level is too low
// (7.2), the development outbox and the page after account deletion. View
// structs are shaped like the screen; no model type reaches a template.
package account

import (
	"context"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/components"
)

// Title prefixes the page title with "错误：" when the form failed, so the
// problem is the first thing a screen reader announces on load.
func Title(ctx context.Context, f *components.Form, title string) string {
	if f.HasErrors() {
		return locales.T(ctx, "account.title.error", title)
	}
	return title
}

// LoginProps is the sign-in page.
type LoginProps struct {
	Form     *components.Form // login (phone or ID number); the password is never kept
	ReturnTo string
	Flash    string // outcome of the previous action (密码已重置)
	Notice   string // back-off or lock in force, with the time it ends
	Policy   string // the throttle rule, always stated (issue 5)
}

// CodeStatusProps describes the verification code just sent.
// A11y: the expiry is plain text with the clock time (not only a
// countdown); 50-account.js adds a visual remaining time (not a live region:
// no announcement every second) and keeps the resend button's text current;
// without JS the resend and extend buttons always work and the server
// explains a refusal.
type CodeStatusProps struct {
	CSRF          string
	Purpose       string // register | recover
	Phone         string // masked
	Sent          bool
	Expired       bool
	ExpiresAt     string // 20:35
	ExpiresUnix   int64
	Minutes       int // minutes of validity of a fresh code
	ResendUnix    int64
	ResendWait    int // seconds until a resend is allowed, 0 = now
	CanExtend     bool
	ExtendMinutes int
	Extensions    int
	MaxExtensions int
	DevOutbox     bool // the dev outbox is the notifier: link it
}

// StartProps is the first step of registration or recovery: the phone.
type StartProps struct {
	Form     *components.Form
	Register bool // registration (with the account kind) or recovery
}

// RegisterProps is the second step of registration.
type RegisterProps struct {
	Form  *components.Form
	Code  CodeStatusProps
	Legal bool
	Flash string
}

// RecoverProps is the second step of password recovery.
type RecoverProps struct {
	Form  *components.Form
	Code  CodeStatusProps
	Flash string
}

// OutboxEntry is one message of the development outbox.
type OutboxEntry struct {
	Time      string
	Channel   string
	Recipient string
	Subject   string
	Body      string
}

// StepUpProps explains why a page needs a higher trust level (C 0103 7.2,
// 7.5) and links to the upgrade that brings the visitor back.
type StepUpProps struct {
	Need       string // 第三级（实名核验）
	Current    string
	Why        string
	UpgradeURL string
	BackURL    string
}
