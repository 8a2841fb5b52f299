package content_test

import (
	"reflect"
	"testing"

	"github.com/zwfw/portal/models/content"
)

// Rich text is reduced to plain paragraphs on save: no element, no script
// content, no event handler survives; entities are decoded once.
func TestCleanKeepsParagraphsAndDropsMarkup(t *testing.T) {
	cases := map[string]string{
		`<p>第一段</p><p>第二段</p>`:                                 "第一段\n\n第二段",
		`<div onclick="x()">点我</div><script>alert(1)</script>`: "点我",
		`<style>p{}</style><b>粗体</b> &amp; <i>斜体</i><br>下一行`:   "粗体 & 斜体\n\n下一行",
		"  多余   空格\u3000\r\n\r\n\r\n第二行  ":                     "多余 空格\n\n第二行",
		`<img src=x onerror=alert(1)>图`:                        "图",
		`<a href="javascript:alert(1)">链接</a>`:                 "链接",
		"&lt;script&gt;": "<script>",
	}
	for in, want := range cases {
		if got := content.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := content.CleanLine("<h1>标题</h1>\n<p>副标题</p>"); got != "标题 副标题" {
		t.Errorf("CleanLine = %q", got)
	}
}

func TestDiffLinesShowsKeptRemovedAndAdded(t *testing.T) {
	got := content.DiffLines("甲\n乙\n丙", "甲\n丁\n丙\n戊")
	want := []content.DiffLine{{Op: "=", Text: "甲"}, {Op: "-", Text: "乙"}, {Op: "+", Text: "丁"}, {Op: "=", Text: "丙"}, {Op: "+", Text: "戊"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DiffLines = %+v", got)
	}
	d := content.DiffFields(content.ItemFields{Name: "旧", PromisedLimit: 5}, content.ItemFields{Name: "新", PromisedLimit: 5, Online: true})
	if len(d) != 2 || d[0].Field != "name" || d[1].Field != "online" {
		t.Fatalf("DiffFields = %+v", d)
	}
}

func TestCheckFieldsRules(t *testing.T) {
	ok := content.ItemFields{Name: "事项", Conditions: "条件", StatutoryLimit: 20, PromisedLimit: 10, MobileURL: "/matters/x"}
	if err := content.CheckFields(ok); err != nil {
		t.Fatalf("valid fields: %v", err)
	}
	bad := ok
	bad.PromisedLimit, bad.Online, bad.MobileURL, bad.OnlineURL = 30, true, "", "ftp://x"
	if err := content.CheckFields(bad); err == nil {
		t.Fatal("a promised limit over the statutory one and a bad URL must fail")
	}
}
