package components

import (
	"strings"
	"testing"

	"github.com/a-h/templ"
)

func TestRadiosFieldsetLegendAndIDs(t *testing.T) {
	doc := renderComponent(t, Radios(RadiosProps{
		Field:  Field{Name: "audience", Value: "legal", Error: "请选择服务对象"},
		Legend: "您以什么身份办理？", Hint: "选择一项",
		Items: []RadioItem{{Value: "natural", Text: "个人"}, {Value: "legal", Text: "法人", Hint: "企业、社会组织等"}},
	}))
	fs := doc.Find("fieldset")
	if fs.Length() != 1 || strings.TrimSpace(fs.Find("legend").Text()) != "您以什么身份办理？" {
		t.Fatal("want one fieldset with the question as legend")
	}
	assertDescribedBy(t, doc, fs, "audience-hint", "audience-error")
	// The first radio carries the field id, so the error summary link lands on it.
	assertLabelled(t, doc, "audience", "个人")
	assertLabelled(t, doc, "audience-2", "法人")
	if attr(t, doc.Find("#audience"), "type") != "radio" || attr(t, doc.Find("#audience-2"), "name") != "audience" {
		t.Fatal("radios not named after the field")
	}
	assertDescribedBy(t, doc, doc.Find("#audience-2"), "audience-2-hint")
	if c := doc.Find("input[checked]"); c.Length() != 1 || attr(t, c, "value") != "legal" {
		t.Fatal("kept value is not the only checked radio")
	}
}

func TestRadiosInlineHeadingAndConditional(t *testing.T) {
	doc := renderComponent(t, Radios(RadiosProps{
		Field: Field{Name: "agent"}, Legend: "是否委托他人办理？", LegendIsHeading: true, Inline: false,
		Items: []RadioItem{{Value: "yes", Text: "是", Conditional: templ.Raw(`<p id="cond">请携带授权委托书</p>`)}, {Value: "no", Text: "否"}},
	}))
	if doc.Find("legend h1").Text() != "是否委托他人办理？" {
		t.Fatal("LegendIsHeading should put an h1 inside the legend")
	}
	// The conditional follows its own radio, inside the same item.
	if doc.Find(".zw-choices__item:first-child .zw-choices__conditional #cond").Length() != 1 {
		t.Fatal("conditional content not inside the first item")
	}
	if _, ok := doc.Find("fieldset").Attr("aria-describedby"); ok {
		t.Fatal("no hint and no error: no aria-describedby")
	}
	inline := renderComponent(t, Radios(RadiosProps{Field: Field{Name: "x"}, Legend: "q", Inline: true,
		Items: []RadioItem{{Value: "1", Text: "是"}}}))
	if inline.Find(".zw-choices--inline").Length() != 1 {
		t.Fatal("inline class missing")
	}
}
