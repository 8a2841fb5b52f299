package admin_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
)

// Issue 6 §4: server-rendered SVG charts with text alternatives; searches
// and zero-result queries per scope; queues with honest empty states.
func TestDashboardsChartSearchesWithinTheScope(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	today := time.Now().UTC().Unix() / 86400
	rows := []struct {
		q, region string
		n, day    int64
	}{{"身份证", "330106", 12, today}, {"火星签证", "330106", 0, today}, {"火星签证", "330100", 0, today - 1},
		{"南京落户", "320102", 0, today}, {"社保", "320102", 5, today - 2}}
	for _, r := range rows {
		env.Store.DB.Exec("INSERT INTO query_log (query, result_count, region, log_day, created_at) VALUES (?, ?, ?, ?, ?)", r.q, r.n, r.region, r.day, time.Now().UTC())
	}
	zj, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	doc := get(t, zj, "/admin", http.StatusOK)
	svg := doc.Find("figure.zw-chart svg[role=img]")
	if svg.Length() != 1 || svg.Find("title").Text() == "" || svg.Find("desc").Text() == "" || svg.Find("rect.zw-chart__bar--1").Length() != 14 {
		t.Fatalf("the searches chart: %d svg, %d bars", svg.Length(), svg.Find("rect.zw-chart__bar--1").Length())
	}
	if !strings.Contains(svg.Find("desc").Text(), "共 3 次搜索，其中 2 次无结果") {
		t.Fatalf("the chart's text alternative counts 浙江 searches only: %q", svg.Find("desc").Text())
	}
	if doc.Find("table caption").FilterFunction(func(_ int, s *goquerySel) bool { return strings.Contains(s.Text(), "图表数据") }).Length() != 1 {
		t.Error("the chart's numbers must follow as a table")
	}
	zero := doc.Find("table").FilterFunction(func(_ int, s *goquerySel) bool {
		return strings.Contains(s.Find("caption").Text(), "无结果搜索词")
	})
	if !strings.Contains(zero.Text(), "火星签证") || strings.Contains(zero.Text(), "南京落户") {
		t.Fatalf("zero-result queries of 浙江: %q", zero.Text())
	}
	if !strings.Contains(doc.Text(), "待发布的事项草稿") || !strings.Contains(doc.Text(), "好差评") {
		t.Error("queues and the satisfaction empty state must be shown")
	}

	admin, _ := admintest.SignIn(t, env, staff.RolePlatformAdmin, "", "")
	doc = get(t, admin, "/admin", http.StatusOK)
	if desc := doc.Find("svg[role=img] desc").Text(); !strings.Contains(desc, "共 5 次搜索，其中 3 次无结果") {
		t.Fatalf("the national chart: %q", desc)
	}
	for _, href := range []string{"/admin/items", "/admin/sites", "/admin/announcements", "/admin/vocabulary", "/admin/staff", "/admin/audit"} {
		if doc.Find(`nav a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("a platform admin's console nav lacks %s", href)
		}
	}
}
