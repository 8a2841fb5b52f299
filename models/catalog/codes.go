package catalog

import (
	"hash/fnv"
	"regexp"
	"strings"
)

// codeRe is the loose shape of 基本编码 and 实施编码: the standards disagree on
// their lengths (reference.md §2), so only the alphabet and a sane length are
// enforced.
var codeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{2,63}$`)

// ValidCode reports whether s is acceptable as a 基本编码 or 实施编码.
func ValidCode(s string) bool { return codeRe.MatchString(s) }

// ItemCode derives an implementation code from the matter's basic code and
// the region it is implemented in; one body per matter and region.
func ItemCode(matterCode, regionCode string) string {
	return matterCode + "-" + regionCode
}

// creditAlphabet values 0–30 (GB 32100-2015 Table 1: no I, O, S, V, Z).
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^(i-1) mod 31 for positions 1–17 (GB 32100-2015 §4.3).
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714-1997 weights of the 组织机构代码 body.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// creditPrefix is the registration authority and organization kind of a
// 统一社会信用代码 for each body nature: 11 机构编制/机关, 12 机构编制/事业单位
// (authorized or entrusted organizations such as hospitals and 公积金中心),
// 54 民政/基层群众性自治组织 (居委会, 村委会).
func creditPrefix(nature string) string {
	switch nature {
	case "2", "3":
		return "12"
	case "9":
		return "54"
	}
	return "11"
}

// MakeCreditCode builds a well-formed 统一社会信用代码 for a body: the prefix of
// its nature, the 6-digit division code of its region (national bodies use
// 100000), a 9-character 组织机构代码 derived from the body's name (with its
// GB 11714 check character) and the GB 32100 check character. The same name
// always yields the same code, so reseeding is stable.
func MakeCreditCode(nature, regionCode, bodyName string) string {
	div := "100000"
	if len(regionCode) >= 6 && regionCode[:6] != NationalRegion {
		div = regionCode[:6]
	}
	h := fnv.New64a()
	h.Write([]byte(bodyName)) // #nosec G104 -- hash.Hash.Write never returns an error
	n := h.Sum64()
	var org [9]byte
	sum := 0
	for i := 0; i < 8; i++ {
		d := int(n % 10)
		n /= 10
		org[i] = byte('0' + d)
		sum += d * orgWeights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		org[8] = 'X'
	case 11:
		org[8] = '0'
	default:
		org[8] = byte('0' + c)
	}
	base := creditPrefix(nature) + div + string(org[:])
	return base + string(CreditCheckChar(base))
}

// CreditCheckChar computes the GB/T 17710 MOD 31-3 check character of the
// first 17 characters of a 统一社会信用代码.
func CreditCheckChar(s17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditAlphabet, s17[i]) * creditWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return creditAlphabet[c]
}

// joinList stores a code list; splitList reads it back ("" → nil).
func joinList(xs []string) string { return strings.Join(xs, ",") }

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
