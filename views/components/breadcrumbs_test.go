package components

import "testing"

func TestBreadcrumbsLastIsCurrent(t *testing.T) {
	doc := renderComponent(t, Breadcrumbs(BreadcrumbsProps{Items: []Crumb{
		{Text: "首页", Href: "/"}, {Text: "按服务主题", Href: "/matters/by/theme"}, {Text: "户籍办理"},
	}}))
	nav := doc.Find("nav")
	if attr(t, nav, "aria-label") != "当前位置" {
		t.Fatal("nav needs a label")
	}
	items := nav.Find("ol > li")
	if items.Length() != 3 {
		t.Fatalf("%d items, want 3", items.Length())
	}
	if attr(t, items.Eq(1).Find("a"), "href") != "/matters/by/theme" {
		t.Fatal("middle crumb should link")
	}
	last := items.Last()
	if attr(t, last, "aria-current") != "page" || last.Find("a").Length() != 0 || last.Text() != "户籍办理" {
		t.Fatal("last crumb: aria-current=page, no link")
	}
	count(t, doc, "[aria-current]", 1)
}
