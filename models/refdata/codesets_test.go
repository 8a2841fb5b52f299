package refdata_test

import (
	"testing"

	"github.com/zwfw/portal/models/refdata"
)

func codesOf(s *refdata.CodeSet) []string {
	var out []string
	for _, c := range s.All() {
		out = append(out, c.Code)
	}
	return out
}

// Sizes and first/last codes of every set, as reference.md §1–2 lists them.
func TestCodeSetsMatchTheReference(t *testing.T) {
	cases := []struct {
		name        string
		set         *refdata.CodeSet
		n           int
		first, last string
	}{
		{"事项类型", refdata.MatterTypes, 11, "01", "20"},
		{"行使层级", refdata.MatterLevels, 7, "1", "7"},
		{"实施主体性质", refdata.BodyNatures, 4, "1", "9"},
		{"服务对象", refdata.Audiences, 6, "1", "6"},
		{"办理形式", refdata.HandlingForms, 5, "1", "9"},
		{"办件类型", refdata.CaseTypes, 3, "1", "9"},
		{"通办范围", refdata.Scopes, 5, refdata.ScopeFixed, refdata.ScopeCrossCounty},
		{"时限单位", refdata.TimeUnits, 2, "1", "2"},
		{"自然人主题", refdata.NaturalThemes, 32, "005", "999"},
		{"法人主题", refdata.LegalThemes, 35, "005", "999"},
	}
	for _, c := range cases {
		codes := codesOf(c.set)
		if len(codes) != c.n || c.set.Len() != c.n || codes[0] != c.first || codes[len(codes)-1] != c.last {
			t.Errorf("%s: %d codes %v, want %d from %s to %s", c.name, len(codes), codes, c.n, c.first, c.last)
		}
		for _, code := range c.set.All() {
			if code.Name == "" || code.NameEn == "" {
				t.Errorf("%s %s: missing a name: %+v", c.name, code.Code, code)
			}
		}
	}
}

func TestThemes(t *testing.T) {
	checks := []struct {
		set        *refdata.CodeSet
		code, name string
	}{
		{refdata.NaturalThemes, "060", "婚姻登记"},
		{refdata.NaturalThemes, "085", "社会保障"},
		{refdata.NaturalThemes, "998", "地方特色分类"},
		{refdata.NaturalThemes, "999", "其他"},
		{refdata.LegalThemes, "085", "国土和规划建设"},
		{refdata.LegalThemes, "170", "档案文物"},
		{refdata.LegalThemes, "998", "地方特色分类"},
	}
	for _, c := range checks {
		if got := c.set.Name(c.code); got != c.name {
			t.Errorf("theme %s = %q, want %q", c.code, got, c.name)
		}
	}
	// 080 is not used in either list (the codes skip from 075 to 085).
	if refdata.NaturalThemes.Has("080") || refdata.LegalThemes.Has("080") {
		t.Error("080 must not be a theme")
	}
	if refdata.ThemesFor(refdata.AudienceLegal) != refdata.LegalThemes || refdata.ThemesFor("x") != nil {
		t.Error("ThemesFor picks the wrong list")
	}
}

// C 0103 6.3.1 and 6.3.2 group the codes for navigation.
func TestGroupings(t *testing.T) {
	for code, want := range map[string]string{"01": "power", "10": "power", "00": "power", "20": "public", "11": "", "": ""} {
		if got := refdata.MatterTypeGroup(code); got != want {
			t.Errorf("MatterTypeGroup(%q) = %q, want %q", code, got, want)
		}
	}
	if n := len(refdata.MatterTypesOf(refdata.GroupPower)); n != 10 {
		t.Errorf("行政权力事项 has %d types, want 10", n)
	}
	if refdata.GroupTypeCode(refdata.GroupPower) != "00" || refdata.MatterTypeGroups.Name("power") != "行政权力事项" {
		t.Error("power group code/name")
	}
	for code, want := range map[string]string{"1": "natural", "2": "legal", "6": "legal", "7": ""} {
		if got := refdata.AudienceGroup(code); got != want {
			t.Errorf("AudienceGroup(%q) = %q, want %q", code, got, want)
		}
	}
	if refdata.AudienceGroups.Name(refdata.AudienceLegal) != "法人和其他组织" {
		t.Error("legal audience group name")
	}
	if refdata.IsCrossRegion(refdata.ScopeFixed) || !refdata.IsCrossRegion(refdata.ScopeCrossProvince) || refdata.IsCrossRegion("x") {
		t.Error("IsCrossRegion")
	}
}

func TestLabelsFollowTheLanguage(t *testing.T) {
	if got := refdata.MatterTypes.Label("01", "en"); got != "Administrative licensing" {
		t.Errorf("en label %q", got)
	}
	if got := refdata.MatterTypes.Label("01", "zh-CN"); got != "行政许可" {
		t.Errorf("zh label %q", got)
	}
	if got := refdata.MatterTypes.Label("99", "zh-CN"); got != "" {
		t.Errorf("unknown code label %q", got)
	}
	all := refdata.MatterTypes.All()
	all[0].Name = "changed"
	if refdata.MatterTypes.Name("01") != "行政许可" {
		t.Error("All must return a copy")
	}
}
