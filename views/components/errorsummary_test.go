package components

import "testing"

func TestErrorSummaryLinksToFields(t *testing.T) {
	f := NewForm(nil)
	f.Fail("phone", "请输入手机号码")
	f.Fail("dob", "请输入出生日期")
	doc := renderComponent(t, ErrorSummary(ErrorSummaryProps{Items: f.Summary()}))
	box := doc.Find(".zw-error-summary")
	if attr(t, box, "role") != "alert" || attr(t, box, "tabindex") != "-1" {
		t.Fatal("want role=alert and tabindex=-1")
	}
	if _, ok := box.Attr("autofocus"); ok {
		t.Fatal("focus is moved by JS, never autofocus")
	}
	title := doc.Find("h2#" + attr(t, box, "aria-labelledby"))
	if title.Text() != "出现了问题" {
		t.Fatalf("title = %q", title.Text())
	}
	links := doc.Find(".zw-error-summary__list a")
	if links.Length() != 2 || attr(t, links.Eq(0), "href") != "#phone" || links.Eq(0).Text() != "请输入手机号码" ||
		attr(t, links.Eq(1), "href") != "#dob" {
		t.Fatal("want one link per problem, in form order, to #field-id")
	}
}

func TestErrorSummaryEmptyRendersNothing(t *testing.T) {
	doc := renderComponent(t, ErrorSummary(ErrorSummaryProps{}))
	count(t, doc, ".zw-error-summary", 0)
}
