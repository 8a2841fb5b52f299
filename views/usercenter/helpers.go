package usercenter

import (
	"context"
	"strconv"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/components"
)

// pageTitle prefixes "错误：" when the page's form failed.
func pageTitle(ctx context.Context, title string, f *components.Form) string {
	if f.HasErrors() {
		return locales.T(ctx, "account.title.error", title)
	}
	return title
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

func levelColour(done bool) components.TagColour {
	if done {
		return components.TagGreen
	}
	return components.TagGrey
}

func nextTitle(ctx context.Context, n int) string {
	if n == 4 {
		return locales.T(ctx, "usercenter.trust.l4")
	}
	return locales.T(ctx, "usercenter.trust.l3")
}

func nextLead(ctx context.Context, n int, verifier string) string {
	if n == 4 {
		return locales.T(ctx, "usercenter.trust.l4.lead", verifier)
	}
	return locales.T(ctx, "usercenter.trust.l3.lead", verifier)
}

func consentText(ctx context.Context, n int, verifier string) string {
	if n == 4 {
		return locales.T(ctx, "usercenter.trust.l4.consent", verifier)
	}
	return locales.T(ctx, "usercenter.trust.l3.consent", verifier)
}

func nextSubmit(ctx context.Context, n int) string {
	if n == 4 {
		return locales.T(ctx, "usercenter.trust.l4.submit")
	}
	return locales.T(ctx, "usercenter.trust.l3.submit")
}

func nextAction(n int) string {
	if n == 4 {
		return "/me/trust/l4"
	}
	return "/me/trust/l3"
}

func bulkVariant(warn bool) components.ButtonVariant {
	if warn {
		return components.ButtonWarning
	}
	return components.ButtonSecondary
}

func kindColour(unread bool) components.TagColour {
	if unread {
		return components.TagBlue
	}
	return components.TagGrey
}
