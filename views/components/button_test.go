package components

import "testing"

func TestButtonVariantsAndTypes(t *testing.T) {
	cases := []struct {
		name  string
		p     ButtonProps
		class string
		typ   string
	}{
		{"primary submit by default", ButtonProps{Text: "提交申请"}, "zw-button", "submit"},
		{"secondary", ButtonProps{Text: "保存草稿", Variant: ButtonSecondary}, "zw-button zw-button--secondary", "submit"},
		{"warning button", ButtonProps{Text: "注销账号", Variant: ButtonWarning, Type: "button"}, "zw-button zw-button--warning", "button"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := renderComponent(t, Button(tc.p))
			b := doc.Find("button")
			if b.Length() != 1 || b.Text() != tc.p.Text {
				t.Fatalf("want one <button> with text %q", tc.p.Text)
			}
			if got := attr(t, b, "class"); got != tc.class {
				t.Fatalf("class = %q, want %q", got, tc.class)
			}
			if got := attr(t, b, "type"); got != tc.typ {
				t.Fatalf("type = %q, want %q", got, tc.typ)
			}
		})
	}
}

func TestButtonNameValueOnlyWhenNamed(t *testing.T) {
	doc := renderComponent(t, Button(ButtonProps{Text: "保存", Name: "action", Value: "save"}))
	if attr(t, doc.Find("button"), "name") != "action" || attr(t, doc.Find("button"), "value") != "save" {
		t.Fatal("name/value not rendered")
	}
	doc = renderComponent(t, Button(ButtonProps{Text: "提交"}))
	if _, ok := doc.Find("button").Attr("name"); ok {
		t.Fatal("unnamed button should have no name attribute")
	}
}
