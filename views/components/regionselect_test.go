package components

import (
	"encoding/json"
	"testing"
)

func regionSelectFixture() RegionSelectProps {
	return RegionSelectProps{
		Legend: "所在地区", Hint: "先选择省份", Placeholder: "请选择", NextLabel: "下一步",
		ChildrenURL: "/api/v1/regions/", SyncInput: "region-code", SyncText: "region-chosen",
		LoadedMsg: "已列出 %d 个下级地区", FailedMsg: "加载失败",
		Levels: []RegionLevel{
			{Name: "province", Label: "省（自治区、直辖市）", Value: "330000",
				Options: []SelectOption{{Value: "110000", Text: "北京市"}, {Value: "330000", Text: "浙江省"}}},
			{Name: "city", Label: "市（地、州、盟）",
				Options: []SelectOption{{Value: "330100", Text: "杭州市"}, {Value: "330200", Text: "宁波市"}}},
			{Name: "county", Label: "县（市、区、旗）"},
		},
	}
}

// Without JS the page shows one select per reached step, each labelled,
// inside a fieldset with a legend, plus the Next button.
func TestRegionSelectShowsReachedSteps(t *testing.T) {
	doc := renderComponent(t, RegionSelect(regionSelectFixture()))
	count(t, doc, "fieldset.zw-regionselect", 1)
	if doc.Find("fieldset > legend").Text() != "所在地区" {
		t.Fatalf("legend = %q", doc.Find("fieldset > legend").Text())
	}
	count(t, doc, "select", 2)
	assertLabelled(t, doc, "region-province", "省（自治区、直辖市）")
	assertLabelled(t, doc, "region-city", "市（地、州、盟）")
	if doc.Find("select#region-county").Length() != 0 {
		t.Fatal("the county step has no options yet and must not render")
	}
	if got := attr(t, doc.Find("select#region-province"), "name"); got != "province" {
		t.Fatalf("province select name = %q", got)
	}
	if doc.Find("#region-province option[selected]").Text() != "浙江省" {
		t.Fatal("the chosen province is not selected")
	}
	if first := doc.Find("#region-city option").First(); first.Text() != "请选择" || attr(t, first, "value") != "" {
		t.Fatal("the next step must start with an empty placeholder option")
	}
	if doc.Find("#region-city option[selected]").Length() != 0 {
		t.Fatal("nothing is chosen at the city step yet")
	}
	if doc.Find("[data-zw-region-next] button[type=submit]").Text() != "下一步" {
		t.Fatal("the no-JS Next button is missing")
	}
	assertDescribedBy(t, doc, doc.Find("fieldset"), "region-hint")
	count(t, doc, "[role=status][aria-live=polite]", 1)
}

// The script needs every level's name and label, also for steps not shown.
func TestRegionSelectDescribesLevelsForTheScript(t *testing.T) {
	doc := renderComponent(t, RegionSelect(regionSelectFixture()))
	fs := doc.Find("fieldset")
	var levels []struct{ Name, Label string }
	if err := json.Unmarshal([]byte(attr(t, fs, "data-zw-region-levels")), &levels); err != nil {
		t.Fatal(err)
	}
	if len(levels) != 3 || levels[2].Name != "county" || levels[2].Label != "县（市、区、旗）" {
		t.Fatalf("levels = %+v", levels)
	}
	if attr(t, fs, "data-zw-region-url") != "/api/v1/regions/" || attr(t, fs, "data-zw-region-sync") != "region-code" {
		t.Fatal("script hooks missing")
	}
}

func TestRegionSelectShowsErrorOnItsStep(t *testing.T) {
	p := regionSelectFixture()
	p.Levels[0].Error = "所选地区不存在"
	doc := renderComponent(t, RegionSelect(p))
	s := doc.Find("select#region-province")
	if attr(t, s, "aria-invalid") != "true" {
		t.Fatal("the failing select is not marked invalid")
	}
	if doc.Find("#region-province-error").Text() == "" {
		t.Fatal("the message is not next to the select")
	}
}

func TestRegionSelectWithoutNextButton(t *testing.T) {
	p := regionSelectFixture()
	p.NextLabel = ""
	doc := renderComponent(t, RegionSelect(p))
	count(t, doc, "[data-zw-region-next]", 0)
}
