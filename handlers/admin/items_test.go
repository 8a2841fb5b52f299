package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// searchHits returns the hit links of a public search.
func searchHits(t *testing.T, c *handlertest.Client, q string) []string {
	t.Helper()
	doc := get(t, c, "/search?q="+url.QueryEscape(q), http.StatusOK)
	var out []string
	doc.Find(".zw-search-hit__title a").Each(func(_ int, a *goquerySel) { out = append(out, a.AttrOr("href", "")) })
	return out
}

// Issue 6 done-when: a content change made in the console appears on the
// public site and in search; rich text is sanitized on save; unpublishing
// takes the item off both; every step is in the history and the audit log.
func TestEditPublishUnpublishReachPortalAndSearch(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	ed, acct := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	visitor := env.Client()
	id, code := itemIn(t, env, "33")

	form := editForm(t, ed, id)
	form.Set("name", "控制台测试事项甲乙")
	form.Set("conditions", `<p>第一段条件</p><script>alert("x")</script><p onclick="evil()">第二段 &amp; <b>加粗</b></p>`)
	res := post(t, ed, itemPath(id), form, http.StatusSeeOther)
	if res.Header.Get("Location") != itemPath(id) {
		t.Fatalf("saved → %q", res.Header.Get("Location"))
	}
	if doc := get(t, ed, itemPath(id), http.StatusOK); !strings.Contains(doc.Find("#zw-flash").Text(), "已保存") {
		t.Error("no success banner after saving")
	}
	var stored string
	env.Store.DB.Raw("SELECT conditions FROM matter_items WHERE id = ?", id).Scan(&stored)
	if stored != "第一段条件\n\n第二段 & 加粗" {
		t.Fatalf("conditions stored as %q: rich text must be reduced to plain paragraphs", stored)
	}
	guide := get(t, visitor, "/matters/"+code, http.StatusOK)
	if !strings.Contains(guide.Find("h1").Text(), "控制台测试事项甲乙") {
		t.Fatalf("the public guide shows %q", guide.Find("h1").Text())
	}
	if hits := searchHits(t, visitor, "控制台测试事项甲乙"); len(hits) == 0 || hits[0] != "/matters/"+code {
		t.Fatalf("search finds %v, want the edited item first", hits)
	}

	post(t, ed, itemPath(id)+"/unpublish", nil, http.StatusSeeOther)
	get(t, visitor, "/matters/"+code, http.StatusNotFound)
	for _, h := range searchHits(t, visitor, "控制台测试事项甲乙") {
		if h == "/matters/"+code {
			t.Fatal("an unpublished item is still found by search")
		}
	}
	if doc := get(t, ed, itemPath(id)+"/preview", http.StatusOK); !strings.Contains(doc.Text(), "第二段 & 加粗") {
		t.Error("the preview shows the draft's text")
	}
	post(t, ed, itemPath(id)+"/publish", nil, http.StatusSeeOther)
	get(t, visitor, "/matters/"+code, http.StatusOK)

	hist := get(t, ed, itemPath(id)+"/history", http.StatusOK)
	if n := hist.Find("tbody tr").Length(); n != 4 {
		t.Fatalf("history has %d rows, want baseline, update, unpublish, publish", n)
	}
	upd := hist.Find("tbody tr").Eq(2).Find("a").AttrOr("href", "")
	diff := get(t, ed, upd, http.StatusOK)
	if !strings.Contains(diff.Find("ins").Text(), "控制台测试事项甲乙") || diff.Find("del").Length() == 0 ||
		!strings.Contains(diff.Find(".zw-diff__line--ins").Text(), "新增") {
		t.Fatalf("the diff of the update: ins %q del %d", diff.Find("ins").Text(), diff.Find("del").Length())
	}

	rep, err := audit.Verify(context.Background(), env.Store.DB, audit.ChainStaff)
	if err != nil || !rep.OK {
		t.Fatalf("audit chain: %v %s", err, rep)
	}
	list, _, _ := audit.List(context.Background(), env.Store.DB, audit.Filter{ObjectType: "item", ObjectID: code})
	if len(list) != 3 || list[2].Action != "item.update" || list[2].Actor != acct.Username ||
		!strings.Contains(list[2].BeforeJSON, `"name"`) || !strings.Contains(list[2].AfterJSON, "控制台测试事项甲乙") {
		t.Fatalf("audit entries of the item: %+v", list)
	}
}

// Issue 6 bad input: editing a stale version reports a conflict and keeps
// the editor's text.
func TestStaleEditIsAConflictThatKeepsTheText(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	alice, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	bob, _ := admintest.SignIn(t, env, staff.RoleSiteAdmin, "330000", "")
	id, _ := itemIn(t, env, "33")
	af, bf := editForm(t, alice, id), editForm(t, bob, id)

	af.Set("hours", "工作日 9:00-17:00（爱丽丝）")
	post(t, alice, itemPath(id), af, http.StatusSeeOther)
	bf.Set("hours", "周一至周六 8:30-17:30（鲍勃）")
	res := post(t, bob, itemPath(id), bf, http.StatusConflict)
	doc := res.Doc(t)
	if got := doc.Find("input#hours").AttrOr("value", ""); got != "周一至周六 8:30-17:30（鲍勃）" {
		t.Fatalf("the editor's text was lost: %q", got)
	}
	if doc.Find("#zw-conflict").Length() != 1 || !strings.Contains(doc.Find(".zw-diff del").Text(), "爱丽丝") ||
		!strings.Contains(doc.Find(".zw-diff ins").Text(), "鲍勃") {
		t.Fatalf("the conflict must explain what the other person saved:\n%s", doc.Find("main").Text())
	}
	var hours string
	env.Store.DB.Raw("SELECT hours FROM matter_items WHERE id = ?", id).Scan(&hours)
	if !strings.Contains(hours, "爱丽丝") {
		t.Fatal("the stale save overwrote the newer version")
	}
	// Saving again, having seen the difference, is a deliberate overwrite.
	again := url.Values{}
	doc.Find("form.zw-admin__form input, form.zw-admin__form textarea").Each(func(_ int, s *goquerySel) {
		if n := s.AttrOr("name", ""); n != "" && n != "_csrf" && (s.AttrOr("type", "") != "radio" || s.AttrOr("checked", "x") != "x") {
			if goqueryName(s) == "textarea" {
				again.Set(n, s.Text())
			} else {
				again.Set(n, s.AttrOr("value", ""))
			}
		}
	})
	post(t, bob, itemPath(id), again, http.StatusSeeOther)
	env.Store.DB.Raw("SELECT hours FROM matter_items WHERE id = ?", id).Scan(&hours)
	if !strings.Contains(hours, "鲍勃") {
		t.Fatalf("the second save: %q", hours)
	}
}

func TestCreateDraftItemThenPublish(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	ed, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	visitor := env.Client()
	get(t, ed, "/admin/items/new", http.StatusOK)

	res := post(t, ed, "/admin/items", url.Values{"matter": {"07A0001"}, "region": {"330102"}, "online": {"1"}, "promised_limit": {"abc"}},
		http.StatusUnprocessableEntity)
	doc := res.Doc(t)
	for _, f := range []string{"promised_limit"} {
		if doc.Find(".zw-error-summary a[href='#"+f+"']").Length() != 1 {
			t.Errorf("no error for %s", f)
		}
	}
	res = post(t, ed, "/admin/items", url.Values{"matter": {"07A0001"}, "region": {"330102"}, "online": {"1"}}, http.StatusUnprocessableEntity)
	doc = res.Doc(t)
	for _, f := range []string{"body", "name", "conditions", "online_url"} {
		if doc.Find(".zw-error-summary a[href='#"+f+"']").Length() != 1 {
			t.Errorf("no error for %s in %q", f, doc.Find(".zw-error-summary").Text())
		}
	}
	if doc.Find("input#region").AttrOr("value", "") != "330102" {
		t.Error("values must be kept on 422")
	}
	res = post(t, ed, "/admin/items", url.Values{"matter": {"07A0001"}, "region": {"330102"}, "body": {"杭州市公安局上城区分局"},
		"name": {"居民身份证首次申领"}, "conditions": {"上城区户籍居民"}, "online": {"0"}, "promised_limit": {"20"}, "statutory_limit": {"60"}},
		http.StatusSeeOther)
	page := res.Header.Get("Location")
	get(t, visitor, "/matters/07A0001-330102", http.StatusNotFound)
	if doc := get(t, ed, page, http.StatusOK); !strings.Contains(doc.Find(".zw-tag").Text(), "草稿") {
		t.Fatal("a new item is a draft")
	}
	post(t, ed, page+"/publish", nil, http.StatusSeeOther)
	if doc := get(t, visitor, "/matters/07A0001-330102", http.StatusOK); !strings.Contains(doc.Text(), "杭州市公安局上城区分局") {
		t.Fatal("the published item's guide does not name its body")
	}
	post(t, ed, "/admin/items", url.Values{"matter": {"07A0001"}, "region": {"330102"}, "body": {"x"}, "name": {"x"}, "conditions": {"x"}, "online": {"0"}},
		http.StatusUnprocessableEntity)
}
