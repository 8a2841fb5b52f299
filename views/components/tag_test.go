package components

import "testing"

func TestTagIsTextWithColour(t *testing.T) {
	doc := renderComponent(t, Tag(TagProps{Text: "已办结", Colour: TagGreen}))
	s := doc.Find("strong")
	if s.Text() != "已办结" || attr(t, s, "class") != "zw-tag zw-tag--green" {
		t.Fatal("tag text or class wrong")
	}
	doc = renderComponent(t, Tag(TagProps{Text: "草稿"}))
	if attr(t, doc.Find("strong"), "class") != "zw-tag zw-tag--grey" {
		t.Fatal("default colour should be grey")
	}
	count(t, doc, "a, button", 0)
}
