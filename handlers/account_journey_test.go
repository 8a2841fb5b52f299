package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
)

// Issue 5, done when: a newcomer registers, reaches L3 through the test
// adapter, favours a matter, sees it in the user center, reads a message,
// clears footprints and deletes the account — each step a page a person
// would use, followed by its links and forms.
func TestNewcomerJourney(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := registerVia(t, env, "13600136000", "Journey#2026")
	// 实名认证 from the dashboard's upgrade entry (C 0103 7.7 b).
	dash := c.Get("/me").Doc(t)
	if dash.Find(`a[href="/me/trust"]`).Length() == 0 {
		t.Fatal("the dashboard links the upgrade entry")
	}
	wantRedirect(t, c.Post("/me/trust/l2", url.Values{"name": {"王小明"}, "id_number": {"11010519491231002x"}}), "/me/trust")
	wantRedirect(t, c.Post("/me/trust/l3", url.Values{"consent": {"yes"}}), "/me/trust")
	if !strings.Contains(c.Get("/me").Body, "第三级（实名核验）") {
		t.Fatal("level 3 not reached")
	}
	var item, name string
	env.Store.DB.Raw("SELECT code, name FROM matter_items WHERE status = 'published' ORDER BY id LIMIT 1").Row().Scan(&item, &name)
	want(t, c.Get("/matters/"+item), http.StatusOK, "guide page")
	wantRedirect(t, c.Post("/me/favourites", url.Values{"kind": {"matter"}, "ref": {item}, "return_to": {"/matters/" + item}}), "/matters/"+item)
	if !strings.Contains(c.Get("/me/favourites").Doc(t).Find(".zw-me__items").Text(), name) {
		t.Fatal("the favourite is not in the user center")
	}
	msgs := c.Get("/me/messages").Doc(t)
	first := msgs.Find(".zw-me__item-title").First()
	if first.Length() == 0 {
		t.Fatal("a newcomer receives the public announcements")
	}
	r := c.Get(first.AttrOr("href", ""))
	want(t, r, http.StatusOK, "message")
	if r.Doc(t).Find("h1").Text() != strings.TrimSpace(first.Text()) {
		t.Fatal("the message page is titled by the message")
	}
	if !strings.Contains(c.Get("/me/footprints").Body, name) {
		t.Fatal("reading the guide left no footprint")
	}
	wantRedirect(t, c.Post("/me/footprints/clear", nil), "/me/footprints")
	if !strings.Contains(c.Get("/me/footprints").Body, "没有足迹") {
		t.Fatal("footprints not cleared")
	}
	wantRedirect(t, c.Post("/me/delete", url.Values{"password": {"Journey#2026"}, "confirm": {"yes"}}), "/account/deleted")
	var left int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM users WHERE id_number = '11010519491231002X' OR phone = '13600136000'").Scan(&left)
	if left != 0 {
		t.Fatal("the account still holds its phone or ID number")
	}
}
