package share

import (
	"context"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/layout"
)

func ogType(m Meta) string {
	if m.Type == "" {
		return "website"
	}
	return m.Type
}

func ogLocale(ch layout.Chrome) string {
	if ch.HTMLLang() == "en" {
		return "en_US"
	}
	return "zh_CN"
}

func description(ctx context.Context, ch layout.Chrome, m Meta) string {
	switch {
	case m.Description != "":
		return m.Description
	case ch.Description != "":
		return ch.Description
	}
	return locales.T(ctx, "site.description")
}
