package masking

import "testing"

// reference.md §6: every field kind, with the table's own examples.
func TestMaskEveryKind(t *testing.T) {
	cases := []struct {
		kind Kind
		in   string
		want string
	}{
		{Name, "张三", "张*"},
		{Name, "欧阳娜娜", "欧***"},
		{Name, "张", "张"},
		{Name, "", ""},
		{IDNumber, "11010519491231002X", "1****************X"},
		{IDNumber, "1", "*"},
		{Mobile, "13812345678", "138****5678"},
		{Mobile, "1381234", "*******"},
		{Landline, "057188889921", "0571******21"},
		{Email, "zhang@example.com", "z***@example.com"},
		{Email, "nobody", "******"},
		{Email, "@example.com", "******"},
		{Address, "浙江省杭州市西湖区文三路90号", "浙江省杭州市西湖区****"},
		{Address, "北京市海淀区中关村大街1号", "北京市海淀区中关村大街1号"[:len("北京市海淀区")] + "****"},
		{Address, "新疆维吾尔自治区乌鲁木齐市天山区解放路", "新疆维吾尔自治区乌鲁木齐市天山区****"},
		{Address, "文三路90号", "****"},
		{Address, "浙江省杭州市西湖区", "浙江省杭州市西湖区"},
		{BankCard, "6228880000005676", "622888******5676"},
		{CreditCode, "91330100MA27XXXX8X", "91330100********8X"},
		{Secret, "hunter2", "******"},
		{Kind("unknown"), "anything", "******"},
	}
	for _, c := range cases {
		if got := Mask(c.kind, c.in); got != c.want {
			t.Errorf("Mask(%s, %q) = %q, want %q", c.kind, c.in, got, c.want)
		}
	}
}

// No rule may ever return the whole of a value long enough to hide some of.
func TestMaskNeverRevealsWholeValue(t *testing.T) {
	for _, k := range []Kind{IDNumber, Mobile, Landline, BankCard, CreditCode, Secret} {
		for _, v := range []string{"13812345678", "11010519491231002X", "91330100MA27XXXX8X", "6228880000005676"} {
			if Mask(k, v) == v {
				t.Errorf("%s left %q unmasked", k, v)
			}
		}
	}
}
