package components

import "testing"

func TestSelectMarksKeptValueSelected(t *testing.T) {
	doc := renderComponent(t, Select(SelectProps{
		Field: Field{Name: "department", Value: "gongan", Error: "请选择部门"},
		Label: "实施部门", Hint: "不确定时选择“其他”",
		Options: []SelectOption{{Value: "", Text: "请选择"}, {Value: "minzheng", Text: "民政局"},
			{Value: "gongan", Text: "公安局"}, {Value: "old", Text: "已撤销", Disabled: true}},
	}))
	assertLabelled(t, doc, "department", "实施部门")
	s := doc.Find("select#department")
	assertDescribedBy(t, doc, s, "department-hint", "department-error")
	sel := doc.Find("option[selected]")
	if sel.Length() != 1 || sel.Text() != "公安局" {
		t.Fatalf("selected = %d options (%q), want 公安局 only", sel.Length(), sel.Text())
	}
	if doc.Find("option[disabled]").Text() != "已撤销" {
		t.Fatal("disabled option lost")
	}
}

func TestSelectOptionSelectedFlag(t *testing.T) {
	doc := renderComponent(t, Select(SelectProps{Field: Field{Name: "a"}, Label: "x",
		Options: []SelectOption{{Value: "1", Text: "一"}, {Value: "2", Text: "二", Selected: true}}}))
	if doc.Find("option[selected]").Text() != "二" {
		t.Fatal("Selected flag ignored")
	}
}
