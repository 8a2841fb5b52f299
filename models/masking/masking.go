// Package masking hides personal data before it is shown on a public page or
// handed to an embedded app's screen (C 0103 8.3.4.5 → C 0131-2018 6.4; the
// rules are reference.md §6, a project decision after common practice).
// One function per field kind; every function is total (any input, no
// panic) and never returns more of the value than its rule keeps. It imports
// only the standard library so that any layer, and the demo app, may use it.
package masking

import (
	"strings"
	"unicode/utf8"
)

// Kind names a field kind for Mask.
type Kind string

// Field kinds of reference.md §6.
const (
	Name       Kind = "name"        // 姓名
	IDNumber   Kind = "id_number"   // 身份证号
	Mobile     Kind = "mobile"      // 手机号
	Landline   Kind = "landline"    // 固定电话
	Email      Kind = "email"       // 邮箱
	Address    Kind = "address"     // 地址
	BankCard   Kind = "bank_card"   // 银行卡
	CreditCode Kind = "credit_code" // 统一社会信用代码
	Secret     Kind = "secret"      // 密码, 验证码, 密钥: never shown
)

// Mask applies the rule of kind to s. An unknown kind hides everything.
func Mask(kind Kind, s string) string {
	switch kind {
	case Name:
		return MaskName(s)
	case IDNumber:
		return MaskIDNumber(s)
	case Mobile:
		return MaskMobile(s)
	case Landline:
		return MaskLandline(s)
	case Email:
		return MaskEmail(s)
	case Address:
		return MaskAddress(s)
	case BankCard:
		return MaskBankCard(s)
	case CreditCode:
		return MaskCreditCode(s)
	}
	return MaskSecret(s)
}

// keep shows the first a and last b characters and stars the rest. A value
// too short to keep anything hidden is starred whole: showing it would show
// all of it.
func keep(s string, a, b int) string {
	r := []rune(s)
	if len(r) <= a+b {
		return strings.Repeat("*", len(r))
	}
	return string(r[:a]) + strings.Repeat("*", len(r)-a-b) + string(r[len(r)-b:])
}

// MaskName keeps the first character: 张三 → 张*, 欧阳娜娜 → 欧***.
func MaskName(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= 1 {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	return string(r) + strings.Repeat("*", n-1)
}

// MaskIDNumber keeps the first and last character: 1****************X.
func MaskIDNumber(s string) string { return keep(s, 1, 1) }

// MaskMobile keeps the first 3 and last 4 digits: 138****5678.
func MaskMobile(s string) string { return keep(s, 3, 4) }

// MaskLandline keeps the first 4 and last 2 characters: 0571******21.
func MaskLandline(s string) string { return keep(s, 4, 2) }

// MaskBankCard keeps the first 6 and last 4 digits: 622888******5676.
func MaskBankCard(s string) string { return keep(s, 6, 4) }

// MaskCreditCode keeps the first 8 and last 2 characters: 91330100********8X.
func MaskCreditCode(s string) string { return keep(s, 8, 2) }

// MaskEmail keeps the first character of the local part and the domain:
// z***@example.com. Something without an @ is hidden whole.
func MaskEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return MaskSecret(s)
	}
	r, _ := utf8.DecodeRuneInString(s)
	return string(r) + "***" + s[at:]
}

// MaskSecret never shows anything of a password, code or key.
func MaskSecret(string) string { return "******" }

// Administrative-unit suffixes, longest first, that end the province, city
// and county parts of a Chinese address.
var unitSuffixes = []string{"特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "州", "盟", "区", "县", "旗"}

// MaskAddress keeps the province, city and county (up to three
// administrative units from the start) and replaces the rest with ****:
// 浙江省杭州市西湖区文三路 90 号 → 浙江省杭州市西湖区****. An address with
// no recognisable unit keeps nothing.
func MaskAddress(s string) string {
	rest, end := s, 0
	for level := 0; level < 3; level++ {
		i, n := nextUnit(rest)
		if i < 0 {
			break
		}
		end += i + n
		rest = s[end:]
	}
	if end == 0 {
		return "****"
	}
	if end == len(s) {
		return s
	}
	return s[:end] + "****"
}

// nextUnit finds the earliest unit suffix in s that follows at least one
// character of name; it returns its byte offset and length, or -1.
func nextUnit(s string) (int, int) {
	best, bestLen := -1, 0
	for _, suf := range unitSuffixes {
		from := 0
		for {
			i := strings.Index(s[from:], suf)
			if i < 0 {
				break
			}
			i += from
			if i > 0 && (best < 0 || i < best || (i == best && len(suf) > bestLen)) {
				best, bestLen = i, len(suf)
				break
			}
			if i > 0 {
				break
			}
			from = i + len(suf)
		}
	}
	return best, bestLen
}
