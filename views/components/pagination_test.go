package components

import (
	"net/url"

	"github.com/PuerkitoBio/goquery"
	"strings"
	"testing"
)

func TestPaginationLinksKeepFilters(t *testing.T) {
	q := url.Values{"q": {"身份证"}, "dept": {"gongan"}, "page": {"5"}}
	doc := renderComponent(t, Pagination(PaginationProps{BaseURL: "/search", Query: q, Page: 5, Total: 12}))
	nav := doc.Find("nav")
	if attr(t, nav, "aria-label") != "分页" {
		t.Fatal("nav label missing")
	}
	prev := doc.Find("a[rel=prev]")
	if prev.Text() != "上一页" || attr(t, prev, "href") != "/search?dept=gongan&page=4&q=%E8%BA%AB%E4%BB%BD%E8%AF%81" {
		t.Fatalf("prev = %q %q", prev.Text(), attr(t, prev, "href"))
	}
	if attr(t, doc.Find("a[rel=next]"), "href") != "/search?dept=gongan&page=6&q=%E8%BA%AB%E4%BB%BD%E8%AF%81" {
		t.Fatal("next link wrong")
	}
	var nums []string
	doc.Find(".zw-pagination__item a").Each(func(_ int, s *goquery.Selection) { nums = append(nums, s.Text()) })
	if strings.Join(nums, ",") != "1,4,5,6,12" {
		t.Fatalf("numbers = %v, want 1,4,5,6,12", nums)
	}
	count(t, doc, ".zw-pagination__gap", 2)
	cur := doc.Find("[aria-current=page]")
	if cur.Length() != 1 || cur.Text() != "5" || attr(t, cur, "aria-label") != "第 5 页" {
		t.Fatal("current page must be the only aria-current, labelled 第 5 页")
	}
	// Page 1 has one canonical URL, without page=1.
	if attr(t, doc.Find(".zw-pagination__item a").First(), "href") != "/search?dept=gongan&q=%E8%BA%AB%E4%BB%BD%E8%AF%81" {
		t.Fatal("page 1 link should drop the page parameter")
	}
	if q.Get("page") != "5" {
		t.Fatal("Query must not be modified")
	}
}

func TestPaginationEdges(t *testing.T) {
	doc := renderComponent(t, Pagination(PaginationProps{BaseURL: "/m", Page: 1, Total: 2, Param: "p"}))
	count(t, doc, "a[rel=prev]", 0)
	if attr(t, doc.Find("a[rel=next]"), "href") != "/m?p=2" {
		t.Fatal("custom parameter not used")
	}
	if attr(t, doc.Find("[aria-current=page]"), "href") != "/m" {
		t.Fatal("first page without query should be the bare path")
	}
	doc = renderComponent(t, Pagination(PaginationProps{BaseURL: "/m", Page: 1, Total: 1}))
	count(t, doc, "nav", 0)
}
