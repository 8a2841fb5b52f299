package users

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

// Field validation. Each check adds a specific locale key (locales/*/
// account.json) so the form can say exactly what is wrong (C 0103 9.4 g).

var (
	phoneRe    = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	digitsRe   = regexp.MustCompile(`^[0-9]+$`)
	postcodeRe = regexp.MustCompile(`^[0-9]{6}$`)
	nameRe     = regexp.MustCompile(`^[\p{Han}A-Za-z·•. ]+$`)
)

// NormalizePhone drops spaces, dashes and a +86 prefix, as people type them.
func NormalizePhone(s string) string {
	s = strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "+86")
	return s
}

// CheckPhone validates a mainland mobile number (already normalized).
func CheckPhone(v *models.ValidationError, field, phone string) {
	switch {
	case phone == "":
		v.Add(field, "account.err.phone.required")
	case !digitsRe.MatchString(phone):
		v.Add(field, "account.err.phone.digits")
	case len(phone) != 11:
		v.Add(field, "account.err.phone.length")
	case !phoneRe.MatchString(phone):
		v.Add(field, "account.err.phone.format")
	}
}

// commonPasswords are refused outright: the top of every leaked-password
// list, with and without the digits people add.
var commonPasswords = map[string]bool{
	"12345678": true, "123456789": true, "1234567890": true, "password": true, "password1": true,
	"password123": true, "qwerty123": true, "11111111": true, "88888888": true, "a1234567": true,
	"abc12345": true, "abcd1234": true, "1qaz2wsx": true, "qwe12345": true, "iloveyou1": true,
	"admin123": true, "woaini1314": true, "aa123456": true, "zxcvbnm1": true, "p@ssw0rd": true,
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// CheckPassword enforces the password rule: 8–64 characters, at least two
// kinds among letters, digits and symbols, not a common password and not
// containing the phone number.
func CheckPassword(v *models.ValidationError, field, password, phone string) {
	n := utf8.RuneCountInString(password)
	switch {
	case password == "":
		v.Add(field, "account.err.password.required")
		return
	case n < MinPasswordLen:
		v.Add(field, "account.err.password.short")
		return
	case n > 64:
		v.Add(field, "account.err.password.long")
		return
	}
	var letter, digit, other bool
	for _, r := range password {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	kinds := 0
	for _, b := range []bool{letter, digit, other} {
		if b {
			kinds++
		}
	}
	switch {
	case commonPasswords[strings.ToLower(password)]:
		v.Add(field, "account.err.password.common")
	case phone != "" && strings.Contains(password, phone):
		v.Add(field, "account.err.password.phone")
	case kinds < 2:
		v.Add(field, "account.err.password.weak")
	}
}

// CheckName validates a person's name as written on an ID card.
func CheckName(v *models.ValidationError, field, name string) {
	n := utf8.RuneCountInString(name)
	switch {
	case name == "":
		v.Add(field, "account.err.name.required")
	case n < 2 || n > 30 || !nameRe.MatchString(name):
		v.Add(field, "account.err.name.format")
	}
}

// CheckIDNumber validates an 18-character 公民身份号码 (GB 11643-1999) with
// a specific message for each way it can be wrong; the check digit is
// refdata's (trust level L2, reference.md §5).
func CheckIDNumber(v *models.ValidationError, field, id string) {
	switch {
	case id == "":
		v.Add(field, "account.err.id.required")
	case len(id) != 18:
		v.Add(field, "account.err.id.length")
	case !digitsRe.MatchString(id[:17]) || !strings.ContainsRune("0123456789X", rune(id[17])):
		v.Add(field, "account.err.id.format")
	case !validBirth(id):
		v.Add(field, "account.err.id.birth")
	case !refdata.ValidIDNumber(id):
		v.Add(field, "account.err.id.check")
	}
}

func validBirth(id string) bool {
	_, ok := refdata.IDNumberBirthDate(id)
	return ok
}

// CheckCreditCode validates a 统一社会信用代码 (GB 32100-2015) with its
// check character (refdata).
func CheckCreditCode(v *models.ValidationError, field, code string) {
	switch {
	case code == "":
		v.Add(field, "account.err.credit.required")
	case len(code) != 18:
		v.Add(field, "account.err.credit.length")
	case !creditShapeRe.MatchString(code):
		v.Add(field, "account.err.credit.format")
	case !refdata.ValidCreditCode(code):
		v.Add(field, "account.err.credit.check")
	}
}

// creditShapeRe is GB 32100's shape without the check: it tells a typo in
// the check character from a code that is malformed.
var creditShapeRe = regexp.MustCompile(`^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$`)

// CheckOrgName validates an organization's registered name.
func CheckOrgName(v *models.ValidationError, field, name string) {
	n := utf8.RuneCountInString(name)
	switch {
	case name == "":
		v.Add(field, "account.err.org.required")
	case n < 2 || n > 100:
		v.Add(field, "account.err.org.format")
	}
}

// CheckContact validates the optional contact fields of the profile
// (C 0103 7.5.1: email, postcode and address are optional).
func CheckContact(v *models.ValidationError, email, postcode, address string) {
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(email, ".") {
			v.Add("email", "account.err.email.format")
		}
	}
	if postcode != "" && !postcodeRe.MatchString(postcode) {
		v.Add("postcode", "account.err.postcode.format")
	}
	if utf8.RuneCountInString(address) > 120 {
		v.Add("address", "account.err.address.long")
	}
}
