package refdata_test

import (
	"context"
	"slices"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/refdata"
)

// seeded returns a store with the regions loaded and its catalog.
func seeded(t testing.TB) (*models.Store, *refdata.Catalog) {
	t.Helper()
	ctx := context.Background()
	st := modelstest.Open(t)
	res, err := refdata.LoadRegions(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: seeded %d regions in %s", st.Dialect, res.Inserted, res.Took)
	cat, err := refdata.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	return st, cat
}

func TestCatalog(t *testing.T) {
	st, cat := seeded(t)

	t.Run("32 provincial units of C 0103 8.1 in code order", func(t *testing.T) {
		ps := cat.Provinces()
		if len(ps) != 32 {
			t.Fatalf("got %d provincial units, want 32", len(ps))
		}
		if ps[0].Code != "110000" || ps[0].Name != "北京市" {
			t.Errorf("first = %+v, want 110000 北京市", ps[0])
		}
		last := ps[31]
		if last.Code != refdata.Bingtuan || last.Name != "新疆生产建设兵团" || last.Level != refdata.LevelProvince {
			t.Errorf("last = %+v, want 660000 新疆生产建设兵团", last)
		}
		if !slices.IsSortedFunc(ps, func(a, b refdata.Region) int { return cmpStr(a.Code, b.Code) }) {
			t.Error("provinces are not in code order")
		}
		for _, excluded := range []string{"710000", "810000", "820000"} { // 台、港、澳
			if _, ok := cat.Region(excluded); ok {
				t.Errorf("%s must not be a provincial unit", excluded)
			}
		}
	})

	t.Run("level counts", func(t *testing.T) {
		want := map[uint8]int{1: 32, 2: 342, 3: 2975, 4: 41352}
		got := map[uint8]int{}
		var walk func(code string)
		walk = func(code string) {
			for _, r := range cat.Children(code) {
				got[r.Level]++
				walk(r.Code)
			}
		}
		walk(refdata.National)
		for lvl, n := range want {
			if got[lvl] != n {
				t.Errorf("level %d: %d regions reachable from 全国, want %d", lvl, got[lvl], n)
			}
			var inDB int64
			st.DB.Raw("SELECT COUNT(*) FROM regions WHERE level = ?", lvl).Scan(&inDB)
			if int(inDB) != n {
				t.Errorf("level %d: %d rows in the table, want %d", lvl, inDB, n)
			}
		}
		if cat.RegionCount() != 32+342+2975+41352 || cat.VillageCount() != 0 {
			t.Errorf("catalog holds %d regions, %d villages", cat.RegionCount(), cat.VillageCount())
		}
	})

	t.Run("西湖区 and its ancestors", func(t *testing.T) {
		r, ok := cat.Region("330106")
		if !ok || r.Name != "西湖区" || r.Level != refdata.LevelCounty || r.Parent != "330100" {
			t.Fatalf("330106 = %+v, %v", r, ok)
		}
		var anc []string
		for _, a := range cat.Ancestors("330106") {
			anc = append(anc, a.Code)
		}
		if !slices.Equal(anc, []string{"330100", "330000"}) {
			t.Errorf("ancestors = %v, want [330100 330000]", anc)
		}
		if p := cat.Path("330106"); p != "浙江省 / 杭州市 / 西湖区" {
			t.Errorf("path = %q", p)
		}
		if s := cat.ShortName("330106"); s != "杭州市西湖区" {
			t.Errorf("short name = %q", s)
		}
		if rp := cat.RegionPath("330106"); !slices.Equal(rp, []string{"330106", "330100", "330000"}) {
			t.Errorf("region path = %v", rp)
		}
		if rp := cat.RegionPath(refdata.National); !slices.Equal(rp, []string{"000000"}) {
			t.Errorf("national region path = %v", rp)
		}
		town, ok := cat.Region("330106002")
		if !ok || town.Name != "北山街道" || town.Level != refdata.LevelTownship {
			t.Errorf("330106002 = %+v", town)
		}
	})

	t.Run("children in code order", func(t *testing.T) {
		kids := cat.Children("330100")
		if len(kids) == 0 || kids[0].Code != "330102" || kids[0].Name != "上城区" {
			t.Fatalf("children of 330100 start with %+v", kids)
		}
		for _, k := range kids {
			if k.Parent != "330100" || k.Level != refdata.LevelCounty {
				t.Errorf("child %+v", k)
			}
		}
		if cat.Children("999999") != nil || cat.Children(refdata.Bingtuan) != nil {
			t.Error("unknown code or leaf should have no children")
		}
	})

	t.Run("municipal groupings get readable names", func(t *testing.T) {
		cases := []struct{ code, name, path, short string }{
			{"110100", "北京市", "北京市", "北京市"},
			{"110101", "东城区", "北京市 / 东城区", "北京市东城区"},
			{"500100", "重庆市辖区", "重庆市 / 重庆市辖区", "重庆市辖区"},
			{"500229", "城口县", "重庆市 / 城口县", "重庆市城口县"},
			{"419001", "济源市", "河南省 / 济源市", "河南省济源市"},
		}
		for _, c := range cases {
			r, ok := cat.Region(c.code)
			if !ok || r.Name != c.name {
				t.Errorf("%s: name %q, want %q", c.code, r.Name, c.name)
			}
			if p := cat.Path(c.code); p != c.path {
				t.Errorf("%s: path %q, want %q", c.code, p, c.path)
			}
			if s := cat.ShortName(c.code); s != c.short {
				t.Errorf("%s: short name %q, want %q", c.code, s, c.short)
			}
		}
		if r, _ := cat.Region("500200"); r.Name != "重庆市辖县" || !r.Grouping {
			t.Errorf("500200 = %+v", r)
		}
		var name string
		st.DB.Raw("SELECT name FROM regions WHERE code = '110100'").Scan(&name)
		if name != "市辖区" {
			t.Errorf("the table must keep the NBS name, got %q", name)
		}
	})

	t.Run("cities without counties hold their townships", func(t *testing.T) {
		r, ok := cat.Region("441900")
		if !ok || r.Level != refdata.LevelCity || r.Name != "东莞市" {
			t.Fatalf("441900 = %+v", r)
		}
		kids := cat.Children("441900")
		if len(kids) != 36 || kids[0].Level != refdata.LevelTownship {
			t.Errorf("东莞市 has %d children (first %+v), want 36 townships", len(kids), kids[0])
		}
	})

	t.Run("NBS code forms", func(t *testing.T) {
		for in, want := range map[string]string{"33": "330000", "3301": "330100", "330106000000": "330106", "330106002000": "330106002"} {
			if r, ok := cat.Region(in); !ok || r.Code != want {
				t.Errorf("Region(%q) = %q, %v; want %q", in, r.Code, ok, want)
			}
		}
		for _, bad := range []string{"", "000000", "33010", "33a106", "999999", "3301060021234"} {
			if _, ok := cat.Region(bad); ok {
				t.Errorf("Region(%q) should not be found", bad)
			}
		}
	})

	t.Run("national departments", func(t *testing.T) {
		ds := cat.Departments()
		if len(ds) != 52 {
			t.Fatalf("%d departments, want the 52 of reference.md §10", len(ds))
		}
		if ds[0].Code != "N001" || ds[0].Name != "外交部" || ds[51].Name != "国家数据局" {
			t.Errorf("first %+v last %+v", ds[0], ds[51])
		}
		for _, d := range ds {
			if !d.National() || !refdata.DepartmentKinds.Has(d.Kind) || d.ShortName == "" || d.NameEn == "" {
				t.Errorf("department %+v", d)
			}
		}
		if d, ok := cat.DepartmentByName("公安部"); !ok || d.Code != "N007" {
			t.Errorf("公安部 → %+v", d)
		}
		if d, ok := cat.DepartmentByName("国家发展改革委"); !ok || d.Code != "N002" {
			t.Errorf("short name 国家发展改革委 → %+v", d)
		}
		if d, ok := cat.Department("N035"); !ok || d.Name != "国家知识产权局" {
			t.Errorf("N035 → %+v", d)
		}
		if _, ok := cat.Department("N999"); ok {
			t.Error("N999 should not exist")
		}
		if n := len(cat.DepartmentsIn(refdata.National)); n != 52 {
			t.Errorf("national departments: %d", n)
		}
	})
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
