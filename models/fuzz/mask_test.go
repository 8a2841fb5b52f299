package fuzz_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zwfw/portal/models/masking"
)

// kept is how many characters each rule shows at most (reference.md §6).
var kept = map[masking.Kind]int{
	masking.IDNumber: 2, masking.Mobile: 7, masking.Landline: 6, masking.BankCard: 10, masking.CreditCode: 10,
}

// FuzzMask: every rule is total (no panic on any input, valid UTF-8 in,
// valid UTF-8 out) and never shows more of a value than its rule keeps.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"", "张三", "欧阳娜娜", "110105194912310025", "13800138000", "0571-87654321", "a@b.cn",
		"6222021234567890123", "91330100MA27XXXX8X", "浙江省杭州市西湖区文三路90号", "\xff\xfe", "😀😀😀", strings.Repeat("号", 300)} {
		f.Add(s)
	}
	kinds := []masking.Kind{masking.Name, masking.IDNumber, masking.Mobile, masking.Landline, masking.Email,
		masking.Address, masking.BankCard, masking.CreditCode, masking.Secret, "unknown"}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range kinds {
			out := masking.Mask(k, s)
			if utf8.ValidString(s) && !utf8.ValidString(out) {
				t.Fatalf("Mask(%s, %q) = %q: invalid UTF-8", k, s, out)
			}
			if k == masking.Secret || k == "unknown" {
				if strings.Trim(out, "*") != "" {
					t.Fatalf("Mask(%s, %q) = %q shows something", k, s, out)
				}
				continue
			}
			if n, ok := kept[k]; ok && utf8.ValidString(s) {
				shown := utf8.RuneCountInString(out) - strings.Count(out, "*")
				if shown > n {
					t.Fatalf("Mask(%s, %q) = %q shows %d characters, the rule keeps %d", k, s, out, shown, n)
				}
			}
		}
	})
}
