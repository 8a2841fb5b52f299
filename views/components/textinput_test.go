package components

import "testing"

func TestTextInputLabelHintAndError(t *testing.T) {
	p := TextInputProps{
		Field: Field{Name: "phone", Value: "1380013", Error: "请输入 11 位手机号码"},
		Label: "手机号码", Hint: "用于接收办理进度短信", Type: "tel", InputMode: "numeric",
		Autocomplete: "tel", Width: Width11,
	}
	doc := renderComponent(t, TextInput(p))
	assertLabelled(t, doc, "phone", "手机号码")
	in := doc.Find("input#phone")
	assertDescribedBy(t, doc, in, "phone-hint", "phone-error")
	for k, want := range map[string]string{"name": "phone", "type": "tel", "value": "1380013", "inputmode": "numeric",
		"autocomplete": "tel", "aria-invalid": "true"} {
		if got := attr(t, in, k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !in.HasClass("zw-input--w11") || !in.HasClass("zw-input--error") {
		t.Errorf("class = %q, want width and error classes", attr(t, in, "class"))
	}
	if doc.Find(".zw-form-group--error").Length() != 1 {
		t.Error("form group not marked as failed")
	}
	// The message sits before the input, after the hint, as it is read.
	if doc.Find("#phone-hint + #phone-error + input#phone").Length() != 1 {
		t.Error("want hint, then message, then input")
	}
}

func TestTextInputValidHasNoErrorMarkup(t *testing.T) {
	doc := renderComponent(t, TextInput(TextInputProps{Field: Field{Name: "name", ID: "applicant-name"}, Label: "姓名"}))
	assertLabelled(t, doc, "applicant-name", "姓名")
	in := doc.Find("input")
	if attr(t, in, "type") != "text" || attr(t, in, "name") != "name" {
		t.Fatal("default type text and the name must be kept")
	}
	for _, a := range []string{"aria-invalid", "aria-describedby"} {
		if _, ok := in.Attr(a); ok {
			t.Errorf("%s set on a valid input without hint", a)
		}
	}
	count(t, doc, ".zw-error-message", 0)
}
