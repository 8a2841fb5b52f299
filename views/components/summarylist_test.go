package components

import (
	"strings"
	"testing"
)

func TestSummaryListRowsAndActions(t *testing.T) {
	doc := renderComponent(t, SummaryList(SummaryListProps{Rows: []SummaryRow{
		{Key: "姓名", Value: "张三", ActionText: "修改", ActionHref: "/apply/1/name"},
		{Key: "办件编号", Value: "2024001"},
	}}))
	rows := doc.Find("dl.zw-summary > div.zw-summary__row")
	if rows.Length() != 2 {
		t.Fatalf("%d rows", rows.Length())
	}
	if rows.Eq(0).Find("dt").Text() != "姓名" || rows.Eq(0).Find("dd.zw-summary__value").Text() != "张三" {
		t.Fatal("key/value wrong")
	}
	a := rows.Eq(0).Find("dd a")
	if attr(t, a, "href") != "/apply/1/name" || strings.Join(strings.Fields(a.Text()), "") != "修改姓名" {
		t.Fatalf("action text %q should read 修改 + hidden key", a.Text())
	}
	if a.Find(".zw-visually-hidden").Length() != 1 {
		t.Fatal("key should be visually hidden in the action")
	}
	if rows.Eq(1).Find("a").Length() != 0 {
		t.Fatal("row without action has a link")
	}
}
