package admin

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestBarChartIsAnImageWithItsTextAlternative(t *testing.T) {
	c := Chart{ID: "c", Title: "每日搜索", Summary: "共 7 次", Series: []string{"搜索", "无结果"},
		Groups: []ChartGroup{{Label: "03-01", Values: []int{3, 1}}, {Label: "03-02", Values: []int{4, 0}}}}
	if c.scaleMax() != 5 {
		t.Fatalf("axis max %d, want 5", c.scaleMax())
	}
	var b strings.Builder
	if err := BarChart(c).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	svg := doc.Find("svg[role=img]")
	if svg.AttrOr("aria-labelledby", "") != "c-title c-desc" || svg.Find("desc").Text() != "共 7 次" {
		t.Fatalf("the svg must be labelled by its title and described by the summary: %s", b.String())
	}
	if n := svg.Find("rect.zw-chart__bar--2").Length(); n != 2 || svg.Find("rect.zw-chart__bar--2").First().AttrOr("fill", "") != "url(#c-hatch)" {
		t.Fatalf("the second series is hatched, not only coloured (%d bars)", n)
	}
	if doc.Find(".zw-chart__legend li").Length() != 2 {
		t.Fatal("the legend names both series in words")
	}
}
