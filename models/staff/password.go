package staff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zwfw/portal/models"
)

// MinPasswordLen is the shortest staff password. Staff passwords guard
// publishing rights and personal data of many citizens, so the rule is
// stronger than the citizens' (models/users: 8 characters, two kinds).
const MinPasswordLen = 12

// weakParts are words that make a long password guessable anyway.
var weakParts = []string{"password", "passw0rd", "admin", "qwerty", "123456", "abcdef", "zwfw", "portal", "woaini", "iloveyou"}

// CheckPassword enforces the staff rule: 12–128 characters, at least three
// of lower-case letters, capitals, digits and other characters, no common
// word or sequence, not containing the username, and no character repeated
// four times in a row.
func CheckPassword(v *models.ValidationError, field, password, username string) {
	n := utf8.RuneCountInString(password)
	switch {
	case password == "":
		v.Add(field, "admin.err.password.required")
		return
	case n < MinPasswordLen:
		v.Add(field, "admin.err.password.short")
		return
	case n > 128:
		v.Add(field, "admin.err.password.long")
		return
	}
	var lower, upper, digit, other bool
	run, last := 0, rune(-1)
	repeated := false
	for _, r := range password {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
		if r == last {
			run++
		} else {
			run, last = 1, r
		}
		repeated = repeated || run >= 4
	}
	kinds := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			kinds++
		}
	}
	low := strings.ToLower(password)
	switch {
	case kinds < 3:
		v.Add(field, "admin.err.password.kinds")
	case username != "" && strings.Contains(low, strings.ToLower(username)):
		v.Add(field, "admin.err.password.username")
	case repeated || containsAny(low, weakParts):
		v.Add(field, "admin.err.password.common")
	}
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
