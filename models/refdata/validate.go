package refdata

import (
	"regexp"
	"strings"
	"time"
)

// creditCodeRe is the shape of a 统一社会信用代码 (GB 32100-2015, reference.md
// §2): registration authority and organization kind (no I, O, S, V, Z), a
// 6-digit administrative division code, then ten characters of the same
// alphabet, the last being the check character.
var creditCodeRe = regexp.MustCompile(`^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$`)

// creditAlphabet gives each character its value 0–30 (GB 32100-2015 Table 1).
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^(i) mod 31 for positions 1–17 (GB 32100-2015 §4.3).
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeCreditCode trims spaces and upper-cases, as people type codes.
func NormalizeCreditCode(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// ValidCreditCode reports whether s (already normalized) is a well-formed
// 统一社会信用代码 whose 18th character is the GB/T 17710 MOD 31-3 check
// character of the first 17.
func ValidCreditCode(s string) bool {
	if !creditCodeRe.MatchString(s) {
		return false
	}
	return s[17] == creditCheckChar(s[:17])
}

// creditCheckChar computes the check character of 17 valid characters.
func creditCheckChar(s string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditAlphabet, s[i]) * creditWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return creditAlphabet[c]
}

// idWeights are the GB 11643-1999 weights 2^(17-i) mod 11 for positions 1–17.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheck maps (sum mod 11) to the check character (ISO 7064 MOD 11-2).
const idCheck = "10X98765432"

// NormalizeIDNumber trims spaces and upper-cases a trailing x.
func NormalizeIDNumber(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// ValidIDNumber reports whether s (already normalized) is an 18-digit
// 公民身份号码 (GB 11643-1999): 6-digit address code, a real birth date not in
// the future, a 3-digit sequence, and the MOD 11-2 check character. Only the
// format is verified (trust level L2, reference.md §5), not the person.
func ValidIDNumber(s string) bool {
	if len(s) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		d := s[i]
		if d < '0' || d > '9' {
			return false
		}
		sum += int(d-'0') * idWeights[i]
	}
	if s[17] != idCheck[sum%11] {
		return false
	}
	_, ok := IDNumberBirthDate(s)
	return ok
}

// IDNumberBirthDate returns the birth date written in an ID number when it
// is a real calendar date between 1900 and today.
func IDNumberBirthDate(s string) (time.Time, bool) {
	if len(s) < 14 {
		return time.Time{}, false
	}
	d, err := time.Parse("20060102", s[6:14])
	if err != nil || d.Year() < 1900 || d.After(time.Now()) {
		return time.Time{}, false
	}
	return d, true
}
