package catalog_test

import (
	"testing"

	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
)

func TestCreditCodesHaveTheGB32100CheckCharacter(t *testing.T) {
	// A published example code (GB 32100-2015 Annex) has the right check character.
	if got := catalog.CreditCheckChar("91350100M000100Y4"); got != '3' {
		t.Errorf("check character of 91350100M000100Y4 = %c, want 3", got)
	}
	for _, nature := range []string{"1", "2", "3", "9"} {
		for _, body := range []string{"杭州市公安局西湖分局", "北京市朝阳区民政局", "国家税务总局", "宋江苑社区居民委员会"} {
			c := catalog.MakeCreditCode(nature, "330106", body)
			if !refdata.ValidCreditCode(c) {
				t.Errorf("MakeCreditCode(%s, %s) = %s is not valid", nature, body, c)
			}
			if c != catalog.MakeCreditCode(nature, "330106", body) {
				t.Error("credit codes must be stable across runs")
			}
		}
	}
	if c := catalog.MakeCreditCode("1", catalog.NationalRegion, "人力资源和社会保障部"); c[2:8] != "100000" {
		t.Errorf("national body code %s should carry division 100000", c)
	}
}

func TestImplementationCodesAreValidatedLoosely(t *testing.T) {
	for code, ok := range map[string]bool{
		"07A0001-330106": true, "11330100002490133A400011700200": true, "0001-abc-S1": true,
		"": false, "07A 0001": false, "07A0001/330106": false, "-07A": false, "身份证": false,
	} {
		if catalog.ValidCode(code) != ok {
			t.Errorf("ValidCode(%q) = %v, want %v", code, !ok, ok)
		}
	}
}

func TestBodyNamesFollowLocalPractice(t *testing.T) {
	_, ref := seeded(t)
	for _, c := range []struct{ dept, region, want string }{
		{"公安部", "330106", "杭州市公安局西湖分局"},
		{"公安部", "310115", "上海市公安局浦东分局"},
		{"公安部", "330000", "浙江省公安厅"},
		{"公安部", "110000", "北京市公安局"},
		{"民政部", "110105", "北京市朝阳区民政局"},
		{"民政部", "320000", "江苏省民政厅"},
		{"民政部", "510100", "成都市民政局"},
		{"国家税务总局", "440106", "国家税务总局广州市天河区税务局"},
		{"国家市场监督管理总局", "330106", "杭州市西湖区市场监督管理局"},
		{"人力资源和社会保障部", "000000", "人力资源和社会保障部"},
		{"民政部", "330106005", "杭州市西湖区翠苑街道办事处"},
		{"公安部", "330106005", "杭州市公安局西湖分局翠苑派出所"},
	} {
		p, ok := catalog.PlaceOf(ref, c.region)
		if !ok {
			t.Fatalf("region %s unknown", c.region)
		}
		if got := catalog.BodyName(c.dept, p); got != c.want {
			t.Errorf("BodyName(%s, %s) = %s, want %s", c.dept, c.region, got, c.want)
		}
	}
	p, _ := catalog.PlaceOf(ref, "330106")
	if got := p.Expand("{city_short}住房公积金管理中心/{county_short}/{unknown}/{body}", "body", "B"); got != "杭州住房公积金管理中心/西湖/{unknown}/B" {
		t.Errorf("Expand = %s", got)
	}
}
