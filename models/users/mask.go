package users

import (
	"strings"
	"unicode/utf8"
)

// Masking for display (C 0131-2018 6.4 after reference.md §6). The portal
// shows even the owner their own ID number masked: the full value is only in
// the data download.

// MaskName keeps the first character: 张*, 欧阳**.
func MaskName(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= 1 {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	return string(r) + strings.Repeat("*", n-1)
}

// keep shows the first a and last b characters of s, the rest as *.
func keep(s string, a, b int) string {
	r := []rune(s)
	if len(r) <= a+b {
		return strings.Repeat("*", len(r))
	}
	return string(r[:a]) + strings.Repeat("*", len(r)-a-b) + string(r[len(r)-b:])
}

// MaskIDNumber keeps the first and last character: 1****************X.
func MaskIDNumber(s string) string { return keep(s, 1, 1) }

// MaskPhone keeps the first 3 and last 4 digits: 138****5678.
func MaskPhone(s string) string { return keep(s, 3, 4) }

// MaskCreditCode keeps the first 8 and last 2 characters.
func MaskCreditCode(s string) string { return keep(s, 8, 2) }

// MaskEmail keeps the first character of the local part and the domain.
func MaskEmail(s string) string {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" {
		return keep(s, 1, 0)
	}
	r, _ := utf8.DecodeRuneInString(local)
	return string(r) + "***@" + domain
}
