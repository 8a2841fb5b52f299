package handlers_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
)

// Issue 4 item 4 for pinyin: a mistyped pinyin word is searched as the
// word it was meant to be, the page says so and offers the original.
func TestSearchCorrectsPinyinTypos(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	for q, want := range map[string]string{"shenfenzhen": "身份证", "jiasizheng": "驾驶证", "gonjijin": "公积金"} {
		d := searchGet(t, c, "/search?q="+url.QueryEscape(q))
		if got := d.Find("#search-correction").Text(); !strings.Contains(got, "已为您显示“"+want+"”的结果") {
			t.Errorf("%s: correction = %q", q, got)
		}
		if a := d.Find("#search-correction a"); a.Text() != "仍然搜索“"+q+"”" {
			t.Errorf("%s: original link = %q", q, a.Text())
		}
		if len(searchTop(d, 3)) == 0 {
			t.Errorf("%s: no results", q)
		}
	}
}
