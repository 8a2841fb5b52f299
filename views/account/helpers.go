package account

import (
	"context"
	"strconv"

	"github.com/zwfw/portal/locales"
)

func startTitle(ctx context.Context, register bool) string {
	if register {
		return locales.T(ctx, "account.register.title")
	}
	return locales.T(ctx, "account.recover.title")
}

func nameLabel(ctx context.Context, legal bool) string {
	if legal {
		return locales.T(ctx, "account.name.operator")
	}
	return locales.T(ctx, "account.name")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
