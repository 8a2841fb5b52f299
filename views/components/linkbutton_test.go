package components

import "testing"

func TestLinkButtonIsALink(t *testing.T) {
	doc := renderComponent(t, LinkButton(LinkButtonProps{Text: "在线办理", Href: "/matters/1/apply"}))
	a := doc.Find("a.zw-button")
	if a.Length() != 1 || a.Text() != "在线办理" || attr(t, a, "href") != "/matters/1/apply" {
		t.Fatal("want an <a class=zw-button> with the text and href")
	}
	if _, ok := a.Attr("role"); ok {
		t.Fatal("a link button navigates and must keep the link role")
	}
}

func TestLinkButtonRefusesScriptURLs(t *testing.T) {
	doc := renderComponent(t, LinkButton(LinkButtonProps{Text: "x", Href: "javascript:alert(1)"}))
	if href := attr(t, doc.Find("a"), "href"); href == "javascript:alert(1)" {
		t.Fatal("javascript: URL was rendered")
	}
}
