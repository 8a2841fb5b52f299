package components

import "testing"

var feeTable = TableProps{
	Caption: "收费标准",
	Head:    []TableHead{{Text: "项目"}, {Text: "金额（元）", Numeric: true}},
	Rows: [][]TableCell{
		{{Text: "工本费", Href: "/fees/1"}, {Text: "20.00", Numeric: true}},
		{{Text: "加急费"}, {Text: "5.00", Numeric: true}},
	},
	RowHeaders: true,
}

func TestTableScrollRegion(t *testing.T) {
	doc := renderComponent(t, Table(feeTable))
	wrap := doc.Find(".zw-table-wrap")
	if attr(t, wrap, "role") != "region" || attr(t, wrap, "aria-label") != "收费标准" || attr(t, wrap, "tabindex") != "0" {
		t.Fatal("scroll container must be a focusable, labelled region")
	}
	if doc.Find("table > caption").Text() != "收费标准" {
		t.Fatal("caption missing")
	}
	count(t, doc, `thead th[scope="col"]`, 2)
	count(t, doc, `tbody th[scope="row"]`, 2)
	count(t, doc, `tbody td.zw-table__cell--numeric`, 2)
	if !doc.Find("thead th").Eq(1).HasClass("zw-table__cell--numeric") {
		t.Fatal("numeric heading not right-aligned")
	}
	if attr(t, doc.Find(`tbody th[scope="row"] a`), "href") != "/fees/1" {
		t.Fatal("cell link missing")
	}
	count(t, doc, "[role=cell]", 0)
}

func TestTableStackKeepsRolesAndLabels(t *testing.T) {
	p := feeTable
	p.Layout = TableStack
	doc := renderComponent(t, Table(p))
	count(t, doc, ".zw-table-wrap", 0)
	count(t, doc, `table[role="table"]`, 1)
	count(t, doc, `[role="columnheader"]`, 2)
	count(t, doc, `[role="rowheader"]`, 2)
	count(t, doc, `td[role="cell"]`, 2)
	l := doc.Find("td .zw-table__label").First()
	if l.Text() != "金额（元）" || attr(t, l, "aria-hidden") != "true" {
		t.Fatal("stacked cells repeat their heading, hidden from screen readers")
	}
}
