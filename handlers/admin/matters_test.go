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

// Issue 6 §2 and C 0103 7.1: 基本目录 matters are created as drafts,
// renamed with a stale-version check, published and unpublished; an item
// of a draft matter cannot be published, a matter with published items
// cannot be unpublished, and a rename reaches search.
func TestMatterCreateEditPublishGuardsItems(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	nat, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "", "")
	zj, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	visitor := env.Client()

	doc := post(t, nat, "/admin/matters", url.Values{"code": {"a b"}, "name": {""}, "type": {"99"}}, http.StatusUnprocessableEntity).Doc(t)
	for _, f := range []string{"code", "name", "type", "dept"} {
		if doc.Find(".zw-error-summary a[href='#"+f+"']").Length() != 1 {
			t.Errorf("no error for %s: %q", f, doc.Find(".zw-error-summary").Text())
		}
	}
	res := post(t, nat, "/admin/matters", url.Values{"code": {"07T0099"}, "name": {"控制台测试基本事项"}, "type": {"07"}, "dept": {"N007"}}, http.StatusSeeOther)
	page := res.Header.Get("Location")
	post(t, nat, "/admin/matters", url.Values{"code": {"07T0099"}, "name": {"重复"}, "type": {"07"}, "dept": {"N007"}}, http.StatusUnprocessableEntity)

	// An item of the draft matter may be drafted but not published.
	res = post(t, zj, "/admin/items", url.Values{"matter": {"07T0099"}, "region": {"330102"}, "body": {"杭州市公安局上城区分局"},
		"name": {"控制台测试基本事项"}, "conditions": {"上城区居民"}, "online": {"0"}}, http.StatusSeeOther)
	item := res.Header.Get("Location")
	post(t, zj, item+"/publish", nil, http.StatusSeeOther)
	if doc := get(t, zj, item, http.StatusOK); !strings.Contains(doc.Find("#zw-flash").Text(), "尚未发布") {
		t.Fatalf("publishing an item of a draft matter: %q", doc.Find("#zw-flash").Text())
	}
	get(t, visitor, "/matters/07T0099-330102", http.StatusNotFound)

	post(t, nat, page+"/publish", nil, http.StatusSeeOther)
	post(t, zj, item+"/publish", nil, http.StatusSeeOther)
	get(t, visitor, "/matters/07T0099-330102", http.StatusOK)
	doc = post(t, nat, page+"/unpublish", nil, http.StatusConflict).Doc(t)
	if !strings.Contains(doc.Text(), "先撤回") {
		t.Fatalf("unpublishing a matter in use: %q", doc.Find("main").Text())
	}

	// Rename: a stale form is a conflict keeping the text; the new name is a search keyword.
	v := get(t, nat, page+"/edit", http.StatusOK).Find("input[name=version]").AttrOr("value", "")
	post(t, nat, page, url.Values{"version": {v}, "name": {"控制台基本事项新名称壬癸"}}, http.StatusSeeOther)
	doc = post(t, nat, page, url.Values{"version": {v}, "name": {"过期的名称"}}, http.StatusConflict).Doc(t)
	if doc.Find("input#name").AttrOr("value", "") != "过期的名称" || !strings.Contains(doc.Find(".zw-diff del").Text(), "壬癸") {
		t.Fatalf("stale rename: %q", doc.Find("main").Text())
	}
	if hits := searchHits(t, visitor, "控制台基本事项新名称壬癸"); len(hits) == 0 || hits[0] != "/matters/07T0099-330102" {
		t.Fatalf("search for the new matter name: %v", hits)
	}
	hist := get(t, nat, page, http.StatusOK).Find("table").Last()
	if hist.Find("tbody tr").Length() != 3 || !strings.Contains(hist.Text(), "控制台测试基本事项 → 控制台基本事项新名称壬癸") {
		t.Fatalf("matter history: %q", hist.Text())
	}

	// Scope: provincial staff read the 基本目录 but do not change it; another
	// department's staff do not see the matter at all.
	get(t, zj, "/admin/matters?q=07T0099", http.StatusOK)
	get(t, zj, page, http.StatusOK)
	get(t, zj, "/admin/matters/new", http.StatusForbidden)
	get(t, zj, page+"/edit", http.StatusForbidden)
	if res := zj.Post(page, url.Values{"version": {"9"}, "name": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a provincial editor renaming a matter: %d", res.StatusCode)
	}
	other, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "", "N003")
	get(t, other, page, http.StatusNotFound)
	if doc := get(t, other, "/admin/matters?q=07T0099", http.StatusOK); doc.Find("tbody tr").Length() != 0 {
		t.Error("another department lists the matter")
	}
	if res := nat.PostRaw(page+"/publish", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("no CSRF token: %d", res.StatusCode)
	}
}
