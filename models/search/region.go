package search

import "strings"

// nationalCode is the region code of 全国.
const nationalCode = "000000"

// regionAncestors returns the codes above a region code, nearest first,
// ending with the nation: 330106 → 330100, 330000, 000000. Codes are 6
// digits (province, city, county), 9 (township) or 12 (village), per
// refdata's canonical form.
func regionAncestors(code string) []string {
	if code == "" || code == nationalCode || !allDigits(code) {
		return nil
	}
	var out []string
	add := func(c string) {
		if c != code && (len(out) == 0 || out[len(out)-1] != c) {
			out = append(out, c)
		}
	}
	if len(code) == 12 {
		add(code[:9])
	}
	if len(code) >= 9 {
		add(code[:6])
	}
	if len(code) >= 6 {
		c := code[:6]
		if c[4:] != "00" {
			add(c[:4] + "00")
		}
		if c[2:] != "0000" {
			add(c[:2] + "0000")
		}
	}
	add(nationalCode)
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// regionShortNames returns the names a visitor may type for a region:
// the full name, and for provinces and cities the name without its
// administrative suffix (浙江省 → 浙江, 杭州市 → 杭州). Counties keep their
// full name only: short county names collide with ordinary words.
func regionShortNames(name string, level int) []string {
	out := []string{name}
	if level > 2 {
		return out
	}
	for _, suf := range []string{"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市", "地区", "盟", "自治州"} {
		if s, ok := strings.CutSuffix(name, suf); ok && len([]rune(s)) >= 2 {
			return append(out, s)
		}
	}
	return out
}
