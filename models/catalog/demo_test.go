package catalog_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
)

// The mandatory matters of the issue, split between matters-a.json and
// matters-b.json (demodata/README.md).
var mandatory = []string{
	"居民身份证首次申领", "居民身份证换领", "居民身份证挂失补领", "机动车驾驶证换证", "机动车驾驶证补证", "结婚登记",
	"离婚登记", "出生医学证明签发", "生育登记", "户口迁移", "企业设立登记", "食品经营许可", "社会保障卡申领",
	"基本医疗保险关系转移接续", "住房公积金提取",
	"养老保险待遇资格认证", "普通护照签发", "往来港澳通行证签发", "建设工程规划许可", "道路运输经营许可", "药品经营许可",
	"律师执业许可", "教师资格认定", "残疾人证办理", "不动产登记", "个人所得税汇算清缴", "失业保险金申领", "最低生活保障申请",
	"医师执业注册", "排污许可",
}

type itemFacts struct {
	Code, Name, Type, RegionCode, DeptCode, BodyCode, BodyNature string
	Audiences, ThemesNatural, ThemesLegal, Scope                 string
	Level                                                        int
}

// TestDemoCatalogCoversTheNavigation checks the loaded demo data against what
// the navigation of C 0103 6.3 needs: every matter type (6.3.1), both
// audiences (6.3.2), enough departments (6.3.3) and themes (6.3.4), every
// level (6.3.5), fixed and cross-region matters (6.3.6), six provinces.
func TestDemoCatalogCoversTheNavigation(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	var matters int64
	st.DB.WithContext(ctx).Table("matters").Count(&matters)
	if matters < 80 {
		t.Errorf("%d demo matters, want ≥ 80", matters)
	}
	var items []itemFacts
	if err := st.DB.WithContext(ctx).Table("matter_items").Find(&items).Error; err != nil {
		t.Fatal(err)
	}
	types, levels, depts, themes, provinces, audiences := set[string](), set[string](), set[string](), set[string](), set[string](), set[string]()
	names, scopes := set[string](), set[bool]()
	for _, it := range items {
		types[it.Type], levels[strconv.Itoa(it.Level)], depts[it.DeptCode] = true, true, true
		names[it.Name] = true
		for _, c := range split(it.ThemesNatural) {
			themes["n"+c] = true
		}
		for _, c := range split(it.ThemesLegal) {
			themes["l"+c] = true
		}
		for _, a := range split(it.Audiences) {
			audiences[refdata.AudienceGroup(a)] = true
		}
		scopes[it.Scope != ""] = true
		if it.RegionCode != catalog.NationalRegion {
			provinces[it.RegionCode[:2]] = true
		}
		if !refdata.ValidCreditCode(it.BodyCode) {
			t.Errorf("%s: 统一社会信用代码 %q of the body is invalid", it.Code, it.BodyCode)
		}
		if !catalog.ValidCode(it.Code) {
			t.Errorf("实施编码 %q is invalid", it.Code)
		}
	}
	for _, c := range refdata.MatterTypes.All() {
		if !types[c.Code] {
			t.Errorf("no item of 事项类型 %s %s", c.Code, c.Name)
		}
	}
	for _, c := range refdata.MatterLevels.All() {
		if !levels[c.Code] {
			t.Errorf("no item of 行使层级 %s %s", c.Code, c.Name)
		}
	}
	atLeast(t, "themes", len(themes), 25)
	atLeast(t, "departments", len(depts), 12)
	atLeast(t, "provinces", len(provinces), 6)
	if !audiences["natural"] || !audiences["legal"] || !scopes[true] || !scopes[false] {
		t.Errorf("audiences %v, cross-region/fixed %v: want both of each", audiences, scopes)
	}
	// Item names may qualify the mandatory name: 不动产登记（…转移登记）.
	for _, n := range mandatory {
		found := false
		for name := range names {
			found = found || strings.HasPrefix(name, n)
		}
		if !found {
			t.Errorf("mandatory matter %q is missing", n)
		}
	}
}

func TestDemoMaterialsUseTheCodeSets(t *testing.T) {
	st, _ := seeded(t)
	var rows []struct{ Name, Necessity, Form, Kind string }
	if err := st.DB.Table("item_materials").Select("name, necessity, form, kind").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("no materials")
	}
	ok := map[string]bool{catalog.NecessityRequired: true, catalog.NecessityOptional: true, catalog.NecessityDeferred: true}
	for _, r := range rows {
		if !ok[r.Necessity] {
			t.Errorf("material %q: necessity %q is not 必要/非必要/容缺", r.Name, r.Necessity)
		}
	}
}

func TestDemoFilesAreWellFormed(t *testing.T) {
	ms, err := catalog.DemoMatters()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if p := m.Check(); p != "" {
			t.Errorf("%s %s: %s", m.Code, m.Name, p)
		}
		if len(m.FAQs) < 2 {
			t.Errorf("%s %s: %d FAQs, want ≥ 2", m.Code, m.Name, len(m.FAQs))
		}
	}
}

func TestSeedDemoIsIdempotent(t *testing.T) {
	st, _ := seeded(t)
	r := catalog.NewRepo(st)
	before, _ := r.CountItems(context.Background(), "")
	if err := catalog.SeedDemo(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	after, _ := r.CountItems(context.Background(), "")
	if before != after || before == 0 {
		t.Errorf("items %d → %d after seeding twice", before, after)
	}
}

func set[K comparable]() map[K]bool { return map[K]bool{} }

func split(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func atLeast(t *testing.T, what string, got, want int) {
	t.Helper()
	if got < want {
		t.Errorf("%d %s, want ≥ %d", got, what, want)
	}
}
