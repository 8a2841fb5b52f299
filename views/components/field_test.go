package components

import (
	"context"
	"net/url"
	"testing"
)

func TestFormKeepsValuesAndOrdersErrors(t *testing.T) {
	f := NewForm(url.Values{"name": {"张三"}, "topics": {"a", "b"}})
	f.Fail("phone", "请输入手机号码")
	f.Fail("name", "姓名太长")
	f.Fail("phone", "second message is ignored")

	if got := f.Field("name"); got.Value != "张三" || got.Error != "姓名太长" || got.FieldID() != "name" {
		t.Fatalf("Field(name) = %+v", got)
	}
	if got := f.All("topics"); len(got) != 2 {
		t.Fatalf("All(topics) = %v", got)
	}
	s := f.Summary()
	if len(s) != 2 || s[0].Href != "#phone" || s[0].Text != "请输入手机号码" || s[1].Href != "#name" {
		t.Fatalf("Summary = %+v, want phone then name, linking to the field ids", s)
	}
	if !f.HasErrors() {
		t.Fatal("HasErrors = false")
	}
}

func TestNilFormIsEmptyAndValid(t *testing.T) {
	var f *Form
	if f.HasErrors() || f.Value("x") != "" || f.Error("x") != "" || f.Summary() != nil {
		t.Fatal("nil form should be empty and valid")
	}
	if got := f.Field("x"); got.Name != "x" || got.FieldID() != "x" {
		t.Fatalf("Field on nil form = %+v", got)
	}
}

func TestAddErrorsTranslatesKeys(t *testing.T) {
	f := NewForm(nil)
	f.AddErrors(context.Background(), []string{"b", "a"}, map[string]string{"a": "components.date.day", "b": "components.date.year"})
	s := f.Summary()
	if len(s) != 2 || s[0].Text != "年" || s[1].Text != "日" {
		t.Fatalf("Summary = %+v, want translated messages in the given order", s)
	}
}

func TestDescribedByListsHintThenError(t *testing.T) {
	f := Field{Name: "phone", Error: "x"}
	if got := f.DescribedBy("hint"); got != "phone-hint phone-error" {
		t.Fatalf("DescribedBy = %q", got)
	}
	if got := (Field{Name: "a", ID: "b"}).DescribedBy(""); got != "" {
		t.Fatalf("DescribedBy without hint or error = %q", got)
	}
}
