package components

import (
	"strings"
	"testing"
)

func TestDateInputYearMonthDay(t *testing.T) {
	doc := renderComponent(t, DateInput(DateInputProps{
		Field:  Field{Name: "dob", Error: "出生日期必须是过去的日期"},
		Legend: "出生日期", Hint: "例如 1980 3 25",
		Year: "2099", Month: "3", Day: "25", Autocomplete: "bday",
	}))
	fs := doc.Find("fieldset")
	if strings.TrimSpace(fs.Find("legend").Text()) != "出生日期" {
		t.Fatal("legend missing")
	}
	assertDescribedBy(t, doc, fs, "dob-hint", "dob-error")
	// Chinese order 年 月 日; the year box carries the field id.
	assertLabelled(t, doc, "dob", "年")
	assertLabelled(t, doc, "dob-month", "月")
	assertLabelled(t, doc, "dob-day", "日")
	want := []struct{ id, name, value, ac string }{
		{"dob", "dob-year", "2099", "bday-year"}, {"dob-month", "dob-month", "3", "bday-month"}, {"dob-day", "dob-day", "25", "bday-day"},
	}
	inputs := doc.Find("input")
	if inputs.Length() != 3 {
		t.Fatalf("%d inputs, want 3", inputs.Length())
	}
	for i, w := range want {
		in := inputs.Eq(i)
		if attr(t, in, "id") != w.id || attr(t, in, "name") != w.name || attr(t, in, "value") != w.value ||
			attr(t, in, "autocomplete") != w.ac || attr(t, in, "inputmode") != "numeric" || attr(t, in, "aria-invalid") != "true" {
			t.Errorf("input %d wrong: want %+v", i, w)
		}
	}
}
