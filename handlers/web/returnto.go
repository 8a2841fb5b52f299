package web

import (
	"net/url"
	"strings"
)

// SafeReturn accepts only same-site relative paths for return_to parameters,
// so a crafted link can never send a visitor to another origin.
func SafeReturn(raw, fallback string) string {
	if raw == "" || !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, "/\\") {
		return fallback
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return fallback
	}
	return raw
}
