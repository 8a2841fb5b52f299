package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// itemVersion reads the version hidden field of a form page.
func itemVersion(t *testing.T, c *handlertest.Client, path string) string {
	t.Helper()
	return get(t, c, path, http.StatusOK).Find("form.zw-admin__form input[name=version]").AttrOr("value", "")
}

// Issue 6 §2: the full guide is edited in the console. Materials, fees,
// steps and FAQs are added, changed and deleted row by row; each change is
// a version with a diff, is audited, and reaches the public guide and
// search at once (C 0103 7.1 lists them as elements of the guide).
func TestGuidePartsEditReachGuideSearchAndHistory(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	ed, acct := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	visitor := env.Client()
	id, code := itemIn(t, env, "33")
	base := itemPath(id)

	// 422: required fields named in the summary, values kept.
	v := itemVersion(t, ed, base+"/materials/new")
	res := post(t, ed, base+"/materials", url.Values{"version": {v}, "name": {""}, "necessity": {"随便"}, "copies": {"x"}, "source": {"街道办"}},
		http.StatusUnprocessableEntity)
	doc := res.Doc(t)
	for _, f := range []string{"name", "necessity", "copies"} {
		if doc.Find(".zw-error-summary a[href='#"+f+"']").Length() != 1 {
			t.Errorf("no error for %s: %q", f, doc.Find(".zw-error-summary").Text())
		}
	}
	if doc.Find("input#source").AttrOr("value", "") != "街道办" {
		t.Error("values must be kept on 422")
	}

	post(t, ed, base+"/materials", url.Values{"version": {v}, "name": {"控制台新增材料丙丁"}, "necessity": {"必要"},
		"form": {"纸质"}, "kind": {"原件"}, "copies": {"2"}, "notes": {"<p>须本人签字</p><script>x()</script>"}}, http.StatusSeeOther)
	v = itemVersion(t, ed, base+"/faqs/new")
	post(t, ed, base+"/faqs", url.Values{"version": {v}, "question": {"控制台问答戊己可以代办吗"}, "answer": {"可以委托他人代办。"}}, http.StatusSeeOther)
	v = itemVersion(t, ed, base+"/fees/new")
	post(t, ed, base+"/fees", url.Values{"version": {v}, "name": {"控制台工本费"}, "standard": {"10元/件"}, "waivable": {"1"}}, http.StatusSeeOther)
	v = itemVersion(t, ed, base+"/steps/new")
	post(t, ed, base+"/steps", url.Values{"version": {v}, "name": {"控制台步骤庚"}, "detail": {"窗口受理"}}, http.StatusSeeOther)

	guide := get(t, visitor, "/matters/"+code, http.StatusOK)
	for _, want := range []string{"控制台新增材料丙丁", "控制台问答戊己可以代办吗", "控制台工本费", "10元/件", "控制台步骤庚"} {
		if !strings.Contains(guide.Text(), want) {
			t.Errorf("the public guide lacks %q", want)
		}
	}
	if strings.Contains(guide.Text(), "x()") {
		t.Error("rich text must be sanitized on save")
	}
	if hits := searchHits(t, visitor, "控制台问答戊己"); len(hits) == 0 || hits[0] != "/matters/"+code {
		t.Fatalf("search for the new FAQ finds %v", hits)
	}

	if prev := get(t, ed, base+"/preview", http.StatusOK); !strings.Contains(prev.Find("#part-faqs ~ ol").Text(), "控制台问答戊己可以代办吗") ||
		prev.Find("#part-faqs ~ ol a").Length() != 0 {
		t.Error("the preview shows the parts, read-only")
	}
	// The item page lists the rows; edit one, then delete it.
	page := get(t, ed, base, http.StatusOK)
	edit := page.Find("#part-materials ~ ol a:contains('控制台新增材料丙丁')").AttrOr("href", "")
	if edit == "" {
		t.Fatalf("the item page does not list the new material: %q", page.Find("main").Text())
	}
	row := strings.TrimSuffix(edit, "/edit")
	f := formValues(get(t, ed, edit, http.StatusOK))
	f.Set("name", "控制台改名材料辛")
	post(t, ed, row, f, http.StatusSeeOther)
	guide = get(t, visitor, "/matters/"+code, http.StatusOK)
	if !strings.Contains(guide.Text(), "控制台改名材料辛") || strings.Contains(guide.Text(), "控制台新增材料丙丁") {
		t.Fatal("the renamed material is not on the guide")
	}
	v = itemVersion(t, ed, edit)
	post(t, ed, row+"/delete", url.Values{"version": {v}}, http.StatusSeeOther)
	if strings.Contains(get(t, visitor, "/matters/"+code, http.StatusOK).Text(), "控制台改名材料辛") {
		t.Fatal("a deleted material is still on the guide")
	}
	get(t, ed, edit, http.StatusNotFound)

	// History: one row per change, and the diff names the part.
	hist := get(t, ed, base+"/history", http.StatusOK)
	if n := hist.Find("tbody tr").Length(); n != 7 {
		t.Fatalf("history rows: %d, want baseline + 6 changes", n)
	}
	latest := hist.Find("tbody tr").First().Find("a").AttrOr("href", "")
	diff := get(t, ed, latest, http.StatusOK)
	if !strings.Contains(diff.Find(".zw-diff__field").Text(), "材料目录") || !strings.Contains(diff.Find("del").Text(), "控制台改名材料辛") {
		t.Fatalf("the deletion's diff: %q", diff.Find(".zw-diff").Text())
	}
	list, _, _ := audit.List(context.Background(), env.Store.DB, audit.Filter{ObjectType: "item", ObjectID: code})
	if len(list) != 6 || list[0].Action != "item.materials.delete" || list[0].Actor != acct.Username {
		t.Fatalf("audit entries: %d, first %+v", len(list), list[0])
	}
}

// formValues reads a console form as a browser would submit it.
func formValues(doc *goquery.Document) url.Values {
	v := url.Values{}
	doc.Find("form.zw-admin__form input, form.zw-admin__form textarea, form.zw-admin__form select").Each(func(_ int, s *goquerySel) {
		name := s.AttrOr("name", "")
		if name == "" || name == "_csrf" || (s.AttrOr("type", "") == "radio" && s.AttrOr("checked", "x") == "x") {
			return
		}
		switch goqueryName(s) {
		case "textarea":
			v.Set(name, s.Text())
		case "select":
			v.Set(name, s.Find("option[selected]").AttrOr("value", ""))
		default:
			v.Set(name, s.AttrOr("value", ""))
		}
	})
	return v
}

// A stale row edit is a conflict that keeps the editor's text; other
// regions' items and unknown rows are 404; CSRF is required.
func TestGuidePartStaleEditConflictAndScope(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	alice, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	bob, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	id, _ := itemIn(t, env, "33")
	base := itemPath(id)
	v := itemVersion(t, alice, base+"/steps/new")
	post(t, alice, base+"/steps", url.Values{"version": {v}, "name": {"原步骤"}}, http.StatusSeeOther)
	edit := get(t, alice, base, http.StatusOK).Find("#part-steps ~ ol a").Last().AttrOr("href", "")
	row := strings.TrimSuffix(edit, "/edit")
	af, bf := formValues(get(t, alice, edit, http.StatusOK)), formValues(get(t, bob, edit, http.StatusOK))
	af.Set("detail", "爱丽丝的说明")
	post(t, alice, row, af, http.StatusSeeOther)
	bf.Set("detail", "鲍勃的说明")
	doc := post(t, bob, row, bf, http.StatusConflict).Doc(t)
	if doc.Find("textarea#detail").Text() != "鲍勃的说明" || doc.Find("#zw-conflict").Length() != 1 ||
		!strings.Contains(doc.Find(".zw-diff del").Text(), "爱丽丝") || !strings.Contains(doc.Find(".zw-diff ins").Text(), "鲍勃") {
		t.Fatalf("conflict page: %q", doc.Find("main").Text())
	}
	post(t, bob, row, formValues(doc), http.StatusSeeOther)
	var detail string
	env.Store.DB.Raw("SELECT detail FROM item_steps WHERE item_id = ? AND name = '原步骤'", id).Scan(&detail)
	if detail != "鲍勃的说明" {
		t.Fatalf("deliberate overwrite: %q", detail)
	}

	js, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "320000", "")
	get(t, js, edit, http.StatusNotFound)
	get(t, js, base+"/faqs/new", http.StatusNotFound)
	post(t, js, row+"/delete", url.Values{"version": {"99"}}, http.StatusNotFound)
	get(t, alice, base+"/steps/999999/edit", http.StatusNotFound)
	if res := alice.PostRaw(base+"/steps", url.Values{"version": {"1"}, "name": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a POST without CSRF token: %d", res.StatusCode)
	}
	// The e2e pages open item 1's first material (handlers/e2e/pages.go).
	nat, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "", "")
	get(t, nat, "/admin/items/1/materials/1/edit", http.StatusOK)
	anon := env.Client()
	if res := anon.Get(base + "/steps/new"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logged out: %d", res.StatusCode)
	}
}
