package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
)

// A 浙江省 site admin manages the 浙江 sub-site only; a policy written in the
// console is a draft until published, then shows on the sub-site and in
// search; a stale edit keeps the editor's text.
func TestSubSiteContentFromTheConsole(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	zj, _ := admintest.SignIn(t, env, staff.RoleSiteAdmin, "330000", "")
	visitor := env.Client()

	list := get(t, zj, "/admin/sites", http.StatusOK)
	if list.Find(`main a[href^="/admin/sites/"]`).Length() != 1 || list.Find(`a[href="/admin/sites/330000"]`).Length() != 1 {
		t.Fatalf("a 浙江 admin's sites: %q", list.Find("main ul").Text())
	}
	var jsPolicy int64
	env.Store.DB.Raw("SELECT id FROM site_policies WHERE site_code = '320000' ORDER BY id LIMIT 1").Scan(&jsPolicy)
	for _, p := range []string{"/admin/sites/320000", "/admin/sites/320000/policies", "/admin/sites/N007/topics",
		"/admin/sites/330000/policies/" + itoa(jsPolicy), "/admin/sites/330000/other", "/admin/sites/330000/other/new"} {
		get(t, zj, p, http.StatusNotFound)
	}
	post(t, zj, "/admin/sites/320000/policies/"+itoa(jsPolicy)+"/unpublish", nil, http.StatusNotFound)

	get(t, zj, "/admin/sites/330000/policies/new", http.StatusOK)
	res := post(t, zj, "/admin/sites/330000/policies", url.Values{"title": {""}, "date": {"2026-13-40"}}, http.StatusUnprocessableEntity)
	if n := res.Doc(t).Find(".zw-error-summary li").Length(); n < 2 {
		t.Fatalf("errors for title and date expected, got %d", n)
	}
	form := url.Values{"title": {"浙江省数字政务促进办法（控制台）"}, "doc_number": {"浙政令第999号"}, "issuer": {"浙江省人民政府"},
		"date": {"2026-02-01"}, "body": {"<h2>第一条</h2><p>为了推进数字政务。</p>"}}
	res = post(t, zj, "/admin/sites/330000/policies", form, http.StatusSeeOther)
	edit := res.Header.Get("Location")
	pid := edit[strings.LastIndex(edit, "/")+1:]
	public := "/sites/330000/policies/" + pid
	get(t, visitor, public, http.StatusNotFound)
	doc := get(t, zj, edit, http.StatusOK)
	if !strings.Contains(doc.Find("textarea#body").Text(), "第一条\n\n为了推进数字政务。") {
		t.Fatalf("the body is not stored as plain paragraphs: %q", doc.Find("textarea#body").Text())
	}
	post(t, zj, edit+"/publish", nil, http.StatusSeeOther)
	if d := get(t, visitor, public, http.StatusOK); !strings.Contains(d.Find("h1").Text(), "控制台") {
		t.Fatal("the published policy is not on the sub-site")
	}
	if hits := searchHits(t, visitor, "数字政务促进办法"); !slices.Contains(hits, public) {
		t.Fatalf("search does not find the published policy: %v", hits)
	}

	// Two editors: the second saves a stale copy.
	stale := url.Values{}
	doc.Find("form.zw-admin__form input, form.zw-admin__form textarea").Each(func(_ int, s *goquerySel) {
		if n := s.AttrOr("name", ""); n != "" && n != "_csrf" {
			if goqueryName(s) == "textarea" {
				stale.Set(n, s.Text())
			} else {
				stale.Set(n, s.AttrOr("value", ""))
			}
		}
	})
	time.Sleep(2 * time.Millisecond)
	fresh := url.Values{}
	for k, v := range stale {
		fresh[k] = v
	}
	doc2 := get(t, zj, edit, http.StatusOK)
	fresh.Set("stamp", doc2.Find("input[name=stamp]").AttrOr("value", ""))
	fresh.Set("body", "第一条 新的正文。")
	post(t, zj, edit, fresh, http.StatusSeeOther)
	stale.Set("body", "第一条 我的正文，不应丢失。")
	res = post(t, zj, edit, stale, http.StatusConflict)
	if d := res.Doc(t); !strings.Contains(d.Find("textarea#body").Text(), "我的正文，不应丢失") || d.Find("#zw-conflict").Length() != 1 {
		t.Fatal("a stale save must keep the editor's text and explain the conflict")
	}
	if d := get(t, visitor, public, http.StatusOK); !strings.Contains(d.Text(), "新的正文") {
		t.Fatal("the saved change of a published policy is not live")
	}

	// Topics link items by implementation code; unknown codes are refused.
	post(t, zj, "/admin/sites/330000/topics", url.Values{"title": {"开办企业一件事"}, "items": {"NO-SUCH-CODE"}}, http.StatusUnprocessableEntity)
	_, code := itemIn(t, env, "33")
	post(t, zj, "/admin/sites/330000/topics", url.Values{"title": {"开办企业一件事"}, "position": {"1"}, "items": {code}}, http.StatusSeeOther)
}

// Public announcements reach every user's messages.
func TestAnnouncementsReachUsers(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	ed, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "", "")
	zj, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	if res := zj.Get("/admin/announcements"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a provincial editor announcing to everyone: %d", res.StatusCode)
	}
	get(t, ed, "/admin/announcements", http.StatusOK)
	post(t, ed, "/admin/announcements", url.Values{"title": {""}, "link": {"javascript:alert(1)"}}, http.StatusUnprocessableEntity)
	post(t, ed, "/admin/announcements", url.Values{"title": {"春节假期服务安排"}, "body": {"<p>春节期间线上服务照常。</p>"}, "link": {"/sites/330000"}}, http.StatusSeeOther)
	if d := get(t, ed, "/admin/announcements", http.StatusOK); !strings.Contains(d.Find("tbody").Text(), "春节假期服务安排") {
		t.Fatal("the announcement is not listed")
	}
	ctx := context.Background()
	created := time.Now().Add(-time.Hour)
	if err := env.Store.DB.Exec("INSERT INTO users (kind, password_hash, name, level, created_at, updated_at) VALUES ('natural', '', '测试用户', 1, ?, ?)", created, created).Error; err != nil {
		t.Fatal(err)
	}
	var uid int64
	env.Store.DB.Raw("SELECT id FROM users WHERE name = '测试用户'").Scan(&uid)
	if err := usercenter.Deliver(ctx, env.Store, uid, created); err != nil {
		t.Fatal(err)
	}
	msgs, _, err := usercenter.Messages(ctx, env.Store, uid, usercenter.MessageFilter{Limit: 10})
	if err != nil || len(msgs) == 0 || msgs[0].Title != "春节假期服务安排" || msgs[0].Body != "春节期间线上服务照常。" {
		t.Fatalf("the user's messages: %+v %v", msgs, err)
	}
}
