package components

import (
	"strings"
	"testing"
)

func TestDetailsIsNative(t *testing.T) {
	doc := renderWithChildren(t, Details(DetailsProps{Summary: "什么是统一社会信用代码？"}), rawHTML(`<p id="t">18 位代码</p>`))
	d := doc.Find("details")
	if d.Length() != 1 || strings.TrimSpace(d.Find("summary").Text()) != "什么是统一社会信用代码？" || d.Find("#t").Length() != 1 {
		t.Fatal("want native details with summary and body")
	}
	if _, ok := d.Attr("open"); ok {
		t.Fatal("closed by default")
	}
	doc = renderWithChildren(t, Details(DetailsProps{Summary: "x", Open: true}), rawHTML(""))
	if _, ok := doc.Find("details").Attr("open"); !ok {
		t.Fatal("Open ignored")
	}
}
