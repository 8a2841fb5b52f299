package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
)

func TestSiteAdminManagesStaffInsideTheScope(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	zj, _ := admintest.SignIn(t, env, staff.RoleSiteAdmin, "330000", "")
	js := admintest.Create(t, env, staff.RoleCaseHandler, "320000", "")
	get(t, zj, "/admin/staff/new", http.StatusOK)

	res := post(t, zj, "/admin/staff", url.Values{"username": {"js-new"}, "password": {"Qiantang-River-88"}, "role": {"case_handler"}, "region": {"320100"}},
		http.StatusUnprocessableEntity)
	if res.Doc(t).Find(".zw-error-summary a[href='#region']").Length() != 1 {
		t.Fatal("an account outside the admin's scope must be refused on the region")
	}
	res = post(t, zj, "/admin/staff", url.Values{"username": {"hz-weak"}, "password": {"short-Pass1"}, "role": {"platform_admin"}, "region": {"330100"}},
		http.StatusUnprocessableEntity)
	doc := res.Doc(t)
	if doc.Find(".zw-error-summary a[href='#password']").Length() != 1 || strings.Contains(res.Body, "short-Pass1") ||
		doc.Find("select#role option[value=platform_admin]").Length() != 0 {
		t.Fatal("a weak password must be refused and never echoed; a site admin is offered no platform role")
	}
	post(t, zj, "/admin/staff", url.Values{"username": {"hz-handler"}, "display_name": {"杭州办件员"}, "password": {"Qiantang-River-88"},
		"role": {"case_handler"}, "region": {"330100"}}, http.StatusSeeOther)
	list := get(t, zj, "/admin/staff", http.StatusOK)
	if body := list.Find("tbody").Text(); !strings.Contains(body, "hz-handler") || strings.Contains(body, js.Username) {
		t.Fatalf("the staff list of 浙江省: %q", body)
	}
	newbie := admintest.SignInAs(t, env, admintest.Account{Username: "hz-handler", Password: "Qiantang-River-88"})
	get(t, newbie, "/admin", http.StatusOK)
	var hzID int64
	env.Store.DB.Raw("SELECT id FROM staff_users WHERE username = 'hz-handler'").Scan(&hzID)
	post(t, zj, "/admin/staff/"+itoa(hzID)+"/disable", nil, http.StatusSeeOther)
	if newbie.Get("/admin").StatusCode != http.StatusSeeOther {
		t.Fatal("a disabled account keeps its session")
	}
	post(t, zj, "/admin/staff/"+itoa(js.ID)+"/disable", nil, http.StatusNotFound)
	post(t, zj, "/admin/staff/"+itoa(js.ID)+"/reset-totp", nil, http.StatusNotFound)

	handler, _ := admintest.SignIn(t, env, staff.RoleCaseHandler, "330000", "")
	if res := handler.Get("/admin/staff"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a case handler managing staff: %d", res.StatusCode)
	}
}

// The audit page verifies the chain on every visit and names the first
// tampered entry.
func TestAuditPageShowsTheChainsState(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	admin, _ := admintest.SignIn(t, env, staff.RolePlatformAdmin, "", "")
	id, _ := itemIn(t, env, "33")
	form := editForm(t, admin, id)
	form.Set("hours", "全天")
	post(t, admin, itemPath(id), form, http.StatusSeeOther)

	doc := get(t, admin, "/admin/audit", http.StatusOK)
	if !strings.Contains(doc.Find("#zw-verdict").Text(), "完整") || doc.Find("tbody tr").Length() < 2 {
		t.Fatalf("audit page: %q, %d rows", doc.Find("#zw-verdict").Text(), doc.Find("tbody tr").Length())
	}
	entry := get(t, admin, doc.Find("tbody tr a").First().AttrOr("href", ""), http.StatusOK)
	if !strings.Contains(entry.Find("pre").Text(), "全天") {
		t.Fatalf("the newest entry's after JSON: %q", entry.Find("pre").Text())
	}
	get(t, admin, "/admin/audit/999999", http.StatusNotFound)

	env.Store.DB.Exec("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2")
	doc = get(t, admin, "/admin/audit", http.StatusOK)
	if v := doc.Find("#zw-verdict").Text(); !strings.Contains(v, "篡改") || !strings.Contains(v, "第 2 条") {
		t.Fatalf("a tampered chain: %q", v)
	}
	zj, _ := admintest.SignIn(t, env, staff.RoleSiteAdmin, "330000", "")
	if res := zj.Get("/admin/audit"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a site admin reading the audit log: %d", res.StatusCode)
	}
}
