package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/search"
)

// Facet keys of CONTRACTS.md that every item document carries.
var alwaysFacets = []string{"type", "group", "audience", "dept", "level", "scope", "online", "region", "site"}

func TestSearchSourceEmitsEveryPublishedItemWithContractFacets(t *testing.T) {
	st, ref := seeded(t)
	ctx := context.Background()
	src := catalog.NewSearchSource(st, ref)
	if src.Kind() != "matter" {
		t.Errorf("kind %q", src.Kind())
	}
	want, _ := catalog.NewRepo(st).CountItems(ctx, catalog.StatusPublished)
	var docs []search.Doc
	if err := src.All(ctx, func(d search.Doc) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if int64(len(docs)) != want {
		t.Fatalf("%d docs, want %d", len(docs), want)
	}
	allowed := map[string]bool{"type": true, "group": true, "audience": true, "dept": true, "theme_n": true, "theme_l": true,
		"theme_local": true, "level": true, "scope": true, "online": true, "region": true, "site": true}
	for _, d := range docs {
		code := strings.TrimPrefix(d.ID, "item:")
		if d.Kind != "matter" || d.URL != "/matters/"+code || d.Title == "" || d.Body == "" {
			t.Errorf("%s: kind %q url %q title %q", d.ID, d.Kind, d.URL, d.Title)
		}
		for _, k := range alwaysFacets {
			if len(d.Facets[k]) == 0 {
				t.Errorf("%s: facet %q missing", d.ID, k)
			}
		}
		if len(d.Facets["theme_n"])+len(d.Facets["theme_l"]) == 0 {
			t.Errorf("%s: no theme facet", d.ID)
		}
		for k := range d.Facets {
			if !allowed[k] {
				t.Errorf("%s: facet key %q is not in the contract", d.ID, k)
			}
		}
		if len(d.RegionPath) == 0 || d.RegionPath[0] != d.Facets["region"][0] {
			t.Errorf("%s: region path %v, region %v", d.ID, d.RegionPath, d.Facets["region"])
		}
	}
}

func TestSearchDocOfAnItem(t *testing.T) {
	st, ref := seeded(t)
	ctx := context.Background()
	src := catalog.NewSearchSource(st, ref)
	d, ok, err := src.Get(ctx, "item:07A0006-330106")
	if err != nil || !ok {
		t.Fatalf("Get: %v %v", ok, err)
	}
	checks := map[string][]string{
		"type": {"07"}, "group": {"power"}, "audience": {"natural"}, "level": {"4"}, "scope": {"national"},
		"online": {"0"}, "region": {"330106"}, "theme_n": {"060"}, "site": {"330000", "N008"}, "dept": {"N008"},
	}
	for k, want := range checks {
		if strings.Join(d.Facets[k], ",") != strings.Join(want, ",") {
			t.Errorf("facet %s = %v, want %v", k, d.Facets[k], want)
		}
	}
	if strings.Join(d.RegionPath, ",") != "330106,330100,330000" {
		t.Errorf("region path %v", d.RegionPath)
	}
	// Full text: conditions, materials, FAQs, steps, legal basis.
	for _, s := range []string{"二十二周岁", "签字声明", "需要户口簿吗", "登记发证", "《婚姻登记条例》"} {
		if !strings.Contains(d.Body, s) {
			t.Errorf("body lacks %q", s)
		}
	}
	if len(d.Keywords) < 2 || d.Keywords[0] != "结婚登记" || d.Keywords[1] != "杭州市西湖区民政局" {
		t.Errorf("keywords %v, want the matter name and the body", d.Keywords)
	}
	if _, ok, _ := src.Get(ctx, "item:nope-000000"); ok {
		t.Error("unknown item found")
	}
	if _, ok, _ := src.Get(ctx, "policy:1"); ok {
		t.Error("another kind's id found")
	}
	national, ok, _ := src.Get(ctx, "item:20A0028-000000")
	if !ok || strings.Join(national.RegionPath, ",") != "000000" || national.Facets["level"][0] != "1" {
		t.Errorf("national item: %v %v", national.RegionPath, national.Facets)
	}
	village, ok, _ := src.Get(ctx, "item:05A0042-330106005001")
	if !ok || strings.Join(village.RegionPath, ",") != "330106005001,330106005,330106,330100,330000" {
		t.Errorf("village item path %v", village.RegionPath)
	}
}

// C 0103 6.3.4: an item with no listed theme is found under 999 其他 in the
// list of each audience it serves; one with a theme is not.
func TestItemsWithoutThemeAreUnderOther(t *testing.T) {
	for _, tc := range []struct {
		name  string
		it    catalog.Item
		wantN []string
		wantL []string
	}{
		{"natural only", catalog.Item{Type: "07", Audiences: []string{"1"}}, []string{"999"}, nil},
		{"both audiences", catalog.Item{Type: "07", Audiences: []string{"1", "2"}}, []string{"999"}, []string{"999"}},
		{"no audience", catalog.Item{Type: "07"}, []string{"999"}, nil},
		{"has a theme", catalog.Item{Type: "07", Audiences: []string{"1", "2"}, ThemesN: []string{"005"}}, []string{"005"}, nil},
	} {
		f := catalog.Facets(tc.it)
		if !slices.Equal(f["theme_n"], tc.wantN) || !slices.Equal(f["theme_l"], tc.wantL) {
			t.Errorf("%s: theme_n %v theme_l %v, want %v %v", tc.name, f["theme_n"], f["theme_l"], tc.wantN, tc.wantL)
		}
	}
}
