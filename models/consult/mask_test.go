package consult_test

import (
	"strings"
	"testing"

	"github.com/zwfw/portal/models/consult"
)

// Every field kind of reference.md §6 found in published free text is
// masked (the asker's name is masked in the journey tests; passwords,
// codes and keys are never stored in these texts).
func TestMaskTextCoversEveryKind(t *testing.T) {
	cases := []struct{ in, want, gone string }{
		{"身份证 11010519491231002X 丢了", "身份证 1****************X 丢了", "0519491231"},
		{"电话13812345678,13987654321", "电话138****5678,139****4321", "1234"},
		{"座机 0571-87654321", "座机 0571*******21", "8765432"},
		{"座机057187654321", "座机0571******21", "876543"},
		{"邮箱 zhang.san@example.com 联系", "邮箱 z***@example.com 联系", "zhang"},
		{"卡号 6228880012345676", "卡号 622888******5676", "001234"},
		{"代码 91330100MA27XY8X8X", "代码 91330100********8X", "MA27"},
		{"2026 年 3 月 1 日办理，编号 123", "2026 年 3 月 1 日办理，编号 123", ""},
	}
	for _, c := range cases {
		got := consult.MaskText(c.in)
		if got != c.want || (c.gone != "" && strings.Contains(got, c.gone)) {
			t.Errorf("MaskText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScanFindsPersonalData(t *testing.T) {
	s := consult.NewScanner(nil)
	for in, want := range map[string]string{
		"11010519491231002X":  consult.FlagIDNumber,
		"打 13812345678 找我":    consult.FlagPhone,
		"0571-87654321":       consult.FlagPhone,
		"a.b@example.org":     consult.FlagEmail,
		"办理时限 20 个工作日，费用 0 元": "",
	} {
		if got := s.Scan(in); got != want {
			t.Errorf("Scan(%q) = %q, want %q", in, got, want)
		}
	}
}
