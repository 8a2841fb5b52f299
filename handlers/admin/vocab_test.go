package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// The vocabulary edited in the console changes what search understands at
// once: a new synonym finds the official matter, a banned word finds
// nothing, a pinned word leads the hot words.
func TestVocabularyChangesSearch(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	ed, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "", "")
	visitor := env.Client()
	var code string
	env.Store.DB.Raw("SELECT code FROM matter_items WHERE name LIKE '%高龄津贴%' AND status = 'published' ORDER BY id LIMIT 1").Scan(&code)
	want := "/matters/" + code
	if slices.Contains(searchHits(t, visitor, "松鹤金"), want) {
		t.Fatal("the made-up word already finds the matter")
	}
	get(t, ed, "/admin/vocabulary", http.StatusOK)
	get(t, ed, "/admin/vocabulary/thesaurus", http.StatusOK)
	res := post(t, ed, "/admin/vocabulary/thesaurus", url.Values{"term": {""}, "official": {"高龄津贴"}}, http.StatusUnprocessableEntity)
	if res.Doc(t).Find(".zw-error-summary a[href='#term']").Length() != 1 {
		t.Error("an empty term must be named in the error summary")
	}
	post(t, ed, "/admin/vocabulary/thesaurus", url.Values{"term": {"松鹤金"}, "official": {"高龄津贴"}}, http.StatusSeeOther)
	if hits := searchHits(t, visitor, "松鹤金"); !slices.Contains(hits, want) {
		t.Fatalf("the new synonym does not find %s: %v", want, hits)
	}
	post(t, ed, "/admin/vocabulary/thesaurus", url.Values{"term": {"松鹤金"}, "official": {"高龄津贴"}}, http.StatusUnprocessableEntity)
	doc := get(t, ed, "/admin/vocabulary/thesaurus?q="+url.QueryEscape("松鹤"), http.StatusOK)
	del := doc.Find("form[action$='/delete']").First().AttrOr("action", "")
	post(t, ed, del, nil, http.StatusSeeOther)
	if slices.Contains(searchHits(t, visitor, "松鹤金"), want) {
		t.Fatal("a deleted synonym still works")
	}

	post(t, ed, "/admin/vocabulary/banned", url.Values{"word": {"高龄津贴"}, "note": {"测试"}}, http.StatusSeeOther)
	if hits := searchHits(t, visitor, "高龄津贴"); len(hits) != 0 {
		t.Fatalf("a banned word still finds %v", hits)
	}
	post(t, ed, "/admin/vocabulary/banned/delete", url.Values{"word": {"高龄津贴"}}, http.StatusSeeOther)
	post(t, ed, "/admin/vocabulary/banned/delete", url.Values{"word": {"高龄津贴"}}, http.StatusNotFound)
	if len(searchHits(t, visitor, "高龄津贴")) == 0 {
		t.Fatal("an unbanned word still finds nothing")
	}
	post(t, ed, "/admin/vocabulary/stopwords", url.Values{"word": {"麻烦问下"}, "kind": {"stop"}}, http.StatusSeeOther)
	post(t, ed, "/admin/vocabulary/stopwords", url.Values{"word": {"请问一下"}, "kind": {"other"}}, http.StatusUnprocessableEntity)

	post(t, ed, "/admin/vocabulary/pins", url.Values{"word": {"松鹤补助"}, "order": {"1"}, "to": {"2001-01-01"}, "from": {"2002-01-01"}}, http.StatusUnprocessableEntity)
	post(t, ed, "/admin/vocabulary/pins", url.Values{"word": {"松鹤补助"}, "order": {"1"}}, http.StatusSeeOther)
	pins := get(t, ed, "/admin/vocabulary/pins", http.StatusOK)
	if !strings.Contains(pins.Find("tbody").Text(), "松鹤补助") {
		t.Fatal("the pin is not listed")
	}
	post(t, ed, pins.Find("form[action$='/delete']").First().AttrOr("action", ""), nil, http.StatusSeeOther)

	list, _, _ := audit.List(context.Background(), env.Store.DB, audit.Filter{Limit: 50})
	actions := map[string]bool{}
	for _, e := range list {
		actions[e.Action] = true
	}
	for _, a := range []string{"vocab.synonym.add", "vocab.synonym.delete", "vocab.banned_words.add", "vocab.banned_words.delete", "vocab.stopwords.add", "vocab.pin.add", "vocab.pin.delete"} {
		if !actions[a] {
			t.Errorf("no audit entry %s", a)
		}
	}

	// The vocabulary is national: a provincial editor has no access.
	zj, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	if res := zj.Get("/admin/vocabulary/thesaurus"); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a 浙江 editor opening the vocabulary: %d", res.StatusCode)
	}
	if res := zj.Post("/admin/vocabulary/banned", url.Values{"word": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("a 浙江 editor banning a word: %d", res.StatusCode)
	}
}
