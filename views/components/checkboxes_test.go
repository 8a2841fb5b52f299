package components

import "testing"

func TestCheckboxesKeepCheckedValues(t *testing.T) {
	doc := renderComponent(t, Checkboxes(CheckboxesProps{
		Field:  Field{Name: "notify", Error: "至少选择一种通知方式"},
		Legend: "通过什么方式通知您？", Hint: "可以多选",
		Items:  []CheckboxItem{{Value: "sms", Text: "短信"}, {Value: "app", Text: "站内消息", Hint: "登录后在消息中心查看"}, {Value: "mail", Text: "邮件"}},
		Values: []string{"app", "mail"},
	}))
	fs := doc.Find("fieldset")
	assertDescribedBy(t, doc, fs, "notify-hint", "notify-error")
	assertLabelled(t, doc, "notify", "短信")
	assertLabelled(t, doc, "notify-3", "邮件")
	assertDescribedBy(t, doc, doc.Find("#notify-2"), "notify-2-hint")
	if n := doc.Find("input[type=checkbox][checked]").Length(); n != 2 {
		t.Fatalf("%d boxes checked, want 2", n)
	}
	if _, ok := doc.Find("#notify").Attr("checked"); ok {
		t.Fatal("sms was not submitted")
	}
}

func TestSingleCheckboxWithoutLegend(t *testing.T) {
	doc := renderComponent(t, Checkboxes(CheckboxesProps{
		Field: Field{Name: "agree", Error: "请阅读并同意隐私政策"},
		Items: []CheckboxItem{{Value: "1", Text: "我已阅读并同意隐私政策"}},
	}))
	count(t, doc, "fieldset", 0)
	box := doc.Find("input#agree")
	assertDescribedBy(t, doc, box, "agree-error")
	if attr(t, box, "aria-invalid") != "true" {
		t.Fatal("single box with an error should be aria-invalid")
	}
	assertLabelled(t, doc, "agree", "我已阅读并同意隐私政策")
}
