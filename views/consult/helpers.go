package consult

import (
	"strconv"
	"strings"

	"context"

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

func doneColour(done bool) components.TagColour {
	if done {
		return components.TagGreen
	}
	return components.TagBlue
}

func itoa(n int) string { return strconv.Itoa(n) }

// starID gives the 5-star radio the field's id, so the error summary's
// link lands on the first choice.
func starID(f components.Field, n int) string {
	if n == 5 {
		return f.FieldID()
	}
	return f.FieldID() + "-" + strconv.Itoa(n)
}

func glyphs(n int) string { return strings.Repeat("★", n) + strings.Repeat("☆", 5-n) }
