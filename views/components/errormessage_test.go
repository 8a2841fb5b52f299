package components

import (
	"strings"
	"testing"
)

func TestErrorMessageHasHiddenPrefix(t *testing.T) {
	doc := renderComponent(t, ErrorMessage(ErrorMessageProps{ID: "phone-error", Text: "请输入手机号码"}))
	p := doc.Find("p#phone-error.zw-error-message")
	if p.Length() != 1 {
		t.Fatal("want <p id=phone-error>")
	}
	if got := p.Find(".zw-visually-hidden").Text(); got != "错误：" {
		t.Fatalf("hidden prefix = %q", got)
	}
	if got := strings.TrimSpace(p.Text()); got != "错误：请输入手机号码" {
		t.Fatalf("read text = %q", got)
	}
	en := renderComponentLang(t, "en", ErrorMessage(ErrorMessageProps{ID: "x", Text: "Enter a phone number"}))
	if got := en.Find(".zw-visually-hidden").Text(); got != "Error: " {
		t.Fatalf("English prefix = %q", got)
	}
}

func TestErrorMessageEmptyRendersNothing(t *testing.T) {
	doc := renderComponent(t, ErrorMessage(ErrorMessageProps{ID: "x"}))
	count(t, doc, "p", 0)
}
