package components

import "testing"

func TestTextareaKeepsValueAndDescribes(t *testing.T) {
	doc := renderComponent(t, Textarea(TextareaProps{
		Field: Field{Name: "content", Value: "<b>我想咨询</b>", Error: "请输入咨询内容"},
		Label: "咨询内容", Hint: "不超过 500 字", MaxLength: 500,
	}))
	assertLabelled(t, doc, "content", "咨询内容")
	ta := doc.Find("textarea#content")
	assertDescribedBy(t, doc, ta, "content-hint", "content-error")
	if ta.Text() != "<b>我想咨询</b>" {
		t.Fatalf("value = %q, want it kept and escaped", ta.Text())
	}
	if attr(t, ta, "rows") != "5" || attr(t, ta, "maxlength") != "500" || attr(t, ta, "aria-invalid") != "true" {
		t.Fatal("rows, maxlength or aria-invalid wrong")
	}
}
