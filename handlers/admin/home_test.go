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
	svg := doc.Find("#chart-searches-title").Parent()
	if svg.Length() != 1 || svg.AttrOr("role", "") != "img" || svg.Find("title").Text() == "" || svg.Find("desc").Text() == "" || svg.Find("rect.zw-chart__bar--1").Length() != 14 {
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
	if desc := doc.Find("#chart-searches-desc").Text(); !strings.Contains(desc, "共 5 次搜索，其中 3 次无结果") {
		t.Fatalf("the national chart: %q", desc)
	}
	for _, href := range []string{"/admin/items", "/admin/sites", "/admin/announcements", "/admin/vocabulary", "/admin/staff", "/admin/audit"} {
		if doc.Find(`nav a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("a platform admin's console nav lacks %s", href)
		}
	}
}

// Issue 6 §4: backlog and overdue per queue (cases.Backlog,
// consult.Backlog, apps waiting for review) and satisfaction per
// department (consult.SatisfactionByDept), as SVG charts whose text
// alternative and table carry the same numbers, inside the scope.
func TestDashboardsChartQueuesAndSatisfactionWithinTheScope(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	db := env.Store.DB
	var user int64
	db.Raw("SELECT id FROM users ORDER BY id LIMIT 1").Scan(&user)
	zjID, zjCode := itemIn(t, env, "33")
	jsID, jsCode := itemIn(t, env, "32")
	now := time.Now().UTC()
	addCase := func(n int, item int64, code, region string, due time.Time) {
		t.Helper()
		err := db.Exec(`INSERT INTO cases (number, query_hash, draft_id, user_id, item_id, item_code, matter_name, region_code, dept_code, status,
			due_at, submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '测试事项', ?, 'N007', 'submitted', ?, ?, ?)`,
			"H6T"+itoa(int64(n)), "h6h"+itoa(int64(n)), 990000+n, user, item, code, region, due, now, now).Error
		if err != nil {
			t.Fatal(err)
		}
	}
	addCase(1, zjID, zjCode, "330106", now.Add(-48*time.Hour))
	addCase(2, zjID, zjCode, "330106", now.Add(240*time.Hour))
	addCase(3, jsID, jsCode, "320102", now.Add(-48*time.Hour))
	for i, r := range []struct {
		region  string
		overall int
	}{{"330106", 5}, {"330106", 2}, {"320102", 1}} {
		if err := db.Exec(`INSERT INTO evaluations (user_id, kind, case_id, item_code, region_code, dept_code, overall, created_at)
			VALUES (?, 'case', ?, 'x', ?, 'N007', ?, ?)`, user, 990000+i, r.region, r.overall, now).Error; err != nil {
			t.Fatal(err)
		}
	}

	// Expected figures, counted here with plain SQL (demo data may hold cases and ratings too).
	count := func(q string, args ...any) int64 {
		var n int64
		if err := db.Raw(q, args...).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	open := "status IN ('submitted', 'accepted', 'processing', 'correction')"
	zjOpen := count("SELECT COUNT(*) FROM cases WHERE region_code LIKE '33%' AND " + open)
	zjLate := count("SELECT COUNT(*) FROM cases WHERE region_code LIKE '33%' AND due_at < ? AND "+open, now)
	zjRated := count("SELECT COUNT(*) FROM evaluations WHERE kind = 'case' AND region_code LIKE '33%'")
	allRated := count("SELECT COUNT(*) FROM evaluations WHERE kind = 'case'")
	if zjOpen < 2 || zjLate < 1 || allRated <= zjRated {
		t.Fatalf("fixtures: %d open, %d late, %d/%d rated", zjOpen, zjLate, zjRated, allRated)
	}

	handler, _ := admintest.SignIn(t, env, staff.RoleCaseHandler, "330000", "")
	doc := get(t, handler, "/admin", http.StatusOK)
	want := "共 " + itoa(zjOpen) + " 件待处理，其中 " + itoa(zjLate) + " 件已超期"
	if desc := doc.Find("#chart-queues-desc").Text(); !strings.Contains(desc, want) {
		t.Fatalf("the queue chart of a 浙江 case handler: %q, want %q", desc, want)
	}
	if doc.Find("#chart-queues-title").Parent().Find("rect.zw-chart__bar--1").Length() != 1 {
		t.Error("one queue, one backlog bar")
	}
	row := doc.Find("table tbody tr").FilterFunction(func(_ int, s *goquerySel) bool { return strings.Contains(s.Text(), "办件") })
	if row.Length() != 1 || cell(row.Find("td").Eq(0)) != itoa(zjOpen) || cell(row.Find("td").Eq(1)) != itoa(zjLate) {
		t.Fatalf("the queue table: %q", row.Text())
	}
	if desc := doc.Find("#chart-ratings-desc").Text(); !strings.Contains(desc, "共收到 "+itoa(zjRated)+" 条评价") {
		t.Fatalf("satisfaction in 浙江: %q", desc)
	}
	if doc.Find("table caption").FilterFunction(func(_ int, s *goquerySel) bool { return strings.Contains(s.Text(), "平均分") }).Length() != 1 {
		t.Error("the satisfaction chart's numbers must follow as a table")
	}

	admin, _ := admintest.SignIn(t, env, staff.RolePlatformAdmin, "", "")
	doc = get(t, admin, "/admin", http.StatusOK)
	if desc := doc.Find("#chart-ratings-desc").Text(); !strings.Contains(desc, "共收到 "+itoa(allRated)+" 条评价") {
		t.Fatalf("national satisfaction: %q", desc)
	}
	for _, q := range []string{"办件", "咨询与投诉", "待审核的应用", "待发布的事项草稿"} {
		if !strings.Contains(doc.Find("#chart-queues-title").Parent().Text(), q) {
			t.Errorf("a platform admin's queue chart lacks %s", q)
		}
	}
}
