package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
)

// Issue 6: every console query honours the scope; a handler in 浙江省 never
// sees 江苏省 items by any URL, and an out-of-scope id is a 404 (not 403),
// exactly like an id that does not exist.
func TestZhejiangStaffNeverSeeJiangsuItems(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	zj, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	jsID, jsCode := itemIn(t, env, "32")
	zjID, _ := itemIn(t, env, "33")

	var inZJ int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM matter_items WHERE region_code LIKE '33%'").Scan(&inZJ)
	list := get(t, zj, "/admin/items?page=1", http.StatusOK)
	if !strings.Contains(list.Find("[role=status]").Text(), itoa(inZJ)) {
		t.Fatalf("the list counts %q, want %d 浙江 items", list.Find("[role=status]").Text(), inZJ)
	}
	seen := int64(0)
	for page := 1; ; page++ {
		doc := get(t, zj, "/admin/items?page="+itoa(int64(page)), http.StatusOK)
		doc.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			seen++
			code := cell(tr.Find("td").Eq(1))
			if i := strings.LastIndex(code, "-"); i < 0 || !strings.HasPrefix(code[i+1:], "33") {
				t.Errorf("page %d lists %q outside 浙江省", page, code)
			}
		})
		if doc.Find("a[rel=next]").Length() == 0 {
			break
		}
	}
	if seen != inZJ || inZJ < 20 {
		t.Fatalf("the pages list %d items, want all %d of 浙江省", seen, inZJ)
	}
	if doc := get(t, zj, "/admin/items?q="+url.QueryEscape(jsCode), http.StatusOK); doc.Find("tbody tr").Length() != 0 {
		t.Errorf("searching for %s shows it to 浙江 staff", jsCode)
	}
	js := itemPath(jsID)
	for _, p := range []string{js, js + "/edit", js + "/preview", js + "/history", js + "/history/1", "/admin/items/999999", "/admin/items/abc"} {
		if res := zj.Get(p); res.StatusCode != http.StatusNotFound || strings.Contains(res.Body, jsCode) {
			t.Errorf("GET %s: %d, want 404 without the item", p, res.StatusCode)
		}
	}
	for _, p := range []string{js, js + "/publish", js + "/unpublish"} {
		if res := zj.Post(p, url.Values{"version": {"1"}, "name": {"改名"}, "conditions": {"x"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", p, res.StatusCode)
		}
	}
	var name string
	env.Store.DB.Raw("SELECT name FROM matter_items WHERE id = ?", jsID).Scan(&name)
	if name == "改名" {
		t.Fatal("a 浙江 editor changed a 江苏 item")
	}
	res := zj.Post("/admin/items", url.Values{"matter": {"07A0001"}, "region": {"320102"}, "body": {"南京市公安局玄武分局"},
		"name": {"居民身份证首次申领"}, "conditions": {"本市户籍居民"}, "online": {"0"}})
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc(t).Find(".zw-error-summary a[href='#region']").Length() != 1 {
		t.Errorf("creating an item in 江苏省: %d", res.StatusCode)
	}
	get(t, zj, itemPath(zjID), http.StatusOK)

	// A case handler of 浙江省 has no item section at all.
	handler, _ := admintest.SignIn(t, env, staff.RoleCaseHandler, "330000", "")
	if res := handler.Get(itemPath(zjID)); res.StatusCode != http.StatusForbidden {
		t.Errorf("a case handler opening items: %d", res.StatusCode)
	}
	if doc := get(t, handler, "/admin", http.StatusOK); doc.Find(`nav a[href="/admin/items"]`).Length() != 0 {
		t.Error("the console nav offers items to a case handler")
	}
	// A department-scoped editor (公安部 nationwide) sees that department's items in every province.
	var police string
	env.Store.DB.Raw("SELECT dept_code FROM matter_items WHERE id = ?", jsID).Scan(&police)
	dept, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "", police)
	get(t, dept, js, http.StatusOK)
	var other int64
	env.Store.DB.Raw("SELECT id FROM matter_items WHERE dept_code <> ? ORDER BY id LIMIT 1", police).Scan(&other)
	get(t, dept, itemPath(other), http.StatusNotFound)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// cell is a table cell's text without the stacked layout's label.
func cell(td *goquery.Selection) string {
	return strings.TrimSpace(strings.Replace(td.Text(), td.Find(".zw-table__label").Text(), "", 1))
}
