package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/usercenter"
)

// C 0103 7.7 b and 7.2: a page that needs level 3 shows the step-up page;
// the upgrade brings the user back there. The test adapter says it is one.
func TestStepUpToLevelThreeAndBack(t *testing.T) {
	env := handlertest.New(t)
	c := registerVia(t, env, "13800138000", "Good#pass1")
	r := c.Get("/me/licences")
	want(t, r, http.StatusForbidden, "licences at L1")
	doc := r.Doc(t)
	if !strings.Contains(doc.Find("main").Text(), "第三级（实名核验）") {
		t.Fatalf("the step-up page must name the level needed: %s", snippet(r.Body))
	}
	up := doc.Find("main a.zw-button").AttrOr("href", "")
	if up != "/me/trust?need=3&return_to=%2Fme%2Flicences" {
		t.Fatalf("upgrade link %q", up)
	}
	r = c.Get(up)
	want(t, r, http.StatusOK, "trust page")
	assertNoAccountLeak(t, up, r.Doc(t))
	form := url.Values{"need": {"3"}, "return_to": {"/me/licences"}, "name": {"张三"}, "id_number": {"330106199003071235"}}
	r = c.Post("/me/trust/l2", form)
	want(t, r, http.StatusUnprocessableEntity, "wrong check digit")
	if got := errorSummary(r.Doc(t))["id_number"]; got != "身份证号码校验位不正确，请核对最后一位" {
		t.Fatalf("wrong check digit: %q", got)
	}
	if r.Doc(t).Find("#id_number").AttrOr("value", "") != "330106199003071235" {
		t.Fatal("the ID number typed must be kept")
	}
	form.Set("id_number", "330106199003071236")
	before := sessionCookie(t, env, c)
	wantRedirect(t, c.Post("/me/trust/l2", form), "/me/trust?need=3&return_to=%2Fme%2Flicences")
	if after := sessionCookie(t, env, c); after == before {
		t.Fatal("a step-up must rotate the session ID")
	}
	r = c.Get("/me/trust?need=3&return_to=%2Fme%2Flicences")
	doc = r.Doc(t)
	if !strings.Contains(doc.Find("#zw-test-adapter").Text(), "测试用核验，非真实核验") {
		t.Fatal("the test identity adapter must be labelled on the page")
	}
	r = c.Post("/me/trust/l3", url.Values{"need": {"3"}, "return_to": {"/me/licences"}})
	want(t, r, http.StatusUnprocessableEntity, "no consent")
	wantRedirect(t, c.Post("/me/trust/l3", url.Values{"need": {"3"}, "return_to": {"/me/licences"}, "consent": {"yes"}}), "/me/licences")
	r = c.Get("/me/licences")
	want(t, r, http.StatusOK, "licences at L3")
	doc = r.Doc(t)
	if doc.Find(".zw-me__licence").Length() != 4 || !strings.Contains(doc.Find("#zw-demo").Text(), "演示数据") {
		t.Fatalf("four demo licences, labelled: %s", snippet(r.Body))
	}
	if !strings.Contains(doc.Text(), "3****************6") || strings.Contains(doc.Text(), "330106199003071236") {
		t.Fatal("licence numbers must be masked")
	}
	if !strings.Contains(doc.Text(), "可信等级 A") {
		t.Fatal("each licence shows its trust class")
	}
	r = c.Get("/me/licences/demo-marriage")
	want(t, r, http.StatusOK, "licence detail")
	wantRedirect(t, c.Post("/me/licences/demo-marriage/unlink", nil), "/me/licences")
	want(t, c.Get("/me/licences/demo-marriage"), http.StatusNotFound, "unlinked licence")
	want(t, c.Get("/me/licences/no-such"), http.StatusNotFound, "unknown licence")
	wantRedirect(t, c.Post("/me/licences/relink", nil), "/me/licences")
	want(t, c.Get("/me/licences/demo-marriage"), http.StatusOK, "relinked licence")
	// L4 through the test face adapter; then nothing more online.
	wantRedirect(t, c.Post("/me/trust/l4", url.Values{"consent": {"yes"}, "face_token": {"ok"}}), "/me/trust")
	if !strings.Contains(c.Get("/me/trust").Body, "第五级需要") {
		t.Fatal("level 5 is explained as offline only")
	}
	var consents int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM user_consents WHERE purpose IN ('identity_check', 'face_check')").Scan(&consents)
	if consents != 2 {
		t.Fatalf("each verification needs its consent record, got %d", consents)
	}
}

// C 0103 7.7 f, g, h: favour a matter from its guide page, see it, remove
// it; read a message (the header count drops); footprints are recorded,
// paused and cleared.
func TestFavouritesMessagesFootprints(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword)
	var item, name string
	env.Store.DB.Raw("SELECT code FROM matter_items WHERE status = 'published' ORDER BY id LIMIT 1").Scan(&item)
	env.Store.DB.Raw("SELECT name FROM matter_items WHERE code = ?", item).Scan(&name)
	want(t, c.Get("/matters/"+item), http.StatusOK, "guide")
	wantRedirect(t, c.Post("/me/favourites", url.Values{"kind": {"matter"}, "ref": {item}, "return_to": {"/matters/" + item}}), "/matters/"+item)
	want(t, c.Post("/me/favourites", url.Values{"kind": {"matter"}, "ref": {"NO-SUCH"}}), http.StatusNotFound, "unknown matter")
	r := c.Get("/me/favourites?kind=matter")
	doc := r.Doc(t)
	if doc.Find(`.zw-me__item a[href="/matters/`+item+`"]`).Length() != 1 {
		t.Fatalf("the favourite is not listed: %s", snippet(r.Body))
	}
	assertNoAccountLeak(t, "/me/favourites", doc)
	if r := c.Get("/me/favourites?kind=bogus"); !strings.Contains(r.Doc(t).Find("#zw-notice").Text(), "筛选条件无效") {
		t.Fatal("a bad filter is dropped with a notice")
	}
	del := doc.Find(".zw-me__item form").AttrOr("action", "")
	wantRedirect(t, c.Post(del, nil), "/me/favourites")
	if c.Get("/me/favourites").Doc(t).Find(".zw-me__item").Length() != 0 {
		t.Fatal("removed favourite still listed")
	}

	header := func() string {
		return strings.TrimSpace(c.Get("/me").Doc(t).Find("header .zw-badge [aria-hidden]").Text())
	}
	before := header()
	r = c.Get("/me/messages?filter=unread")
	doc = r.Doc(t)
	link := doc.Find(".zw-me__item-title").First().AttrOr("href", "")
	if before == "" || link == "" {
		t.Fatalf("unread messages: badge %q, link %q", before, link)
	}
	want(t, c.Get(link), http.StatusOK, "message")
	if after := header(); after == before {
		t.Fatalf("reading a message must lower the unread count (%s → %s)", before, after)
	}
	wantRedirect(t, c.Post("/me/messages/read-all", nil), "/me/messages")
	if header() != "" {
		t.Fatal("mark all read leaves no unread badge")
	}
	wantRedirect(t, c.Post(link+"/delete", nil), "/me/messages")
	want(t, c.Get(link), http.StatusNotFound, "deleted message")

	c.Get("/search?q=" + url.QueryEscape("身份证"))
	doc = c.Get("/me/footprints").Doc(t)
	text := doc.Find(".zw-me__items").Text()
	if !strings.Contains(text, name) || !strings.Contains(text, "身份证") {
		t.Fatalf("footprints must list the guide and the search: %q", text)
	}
	wantRedirect(t, c.Post("/me/footprints/pause", nil), "/me/footprints")
	c.Get("/search?q=" + url.QueryEscape("驾驶证"))
	if strings.Contains(c.Get("/me/footprints").Body, "驾驶证") {
		t.Fatal("a paused recording still recorded")
	}
	wantRedirect(t, c.Post("/me/footprints/clear", nil), "/me/footprints")
	if c.Get("/me/footprints").Doc(t).Find(".zw-me__item").Length() != 0 {
		t.Fatal("clear all left footprints")
	}
	for _, p := range []string{"/me", "/me/cases", "/me/consultations", "/me/complaints", "/me/profile", "/me/profile/edit",
		"/me/password", "/me/privacy", "/me/delete", "/me/licences"} {
		r := c.Get(p)
		want(t, r, http.StatusOK, p)
		doc := r.Doc(t)
		if doc.Find("h1").Length() != 1 {
			t.Errorf("%s has %d h1", p, doc.Find("h1").Length())
		}
		assertNoAccountLeak(t, p, doc)
	}
}

// 9.4 h: the data download holds the user's data and no secrets; deleting
// the account erases it and signs out.
func TestDownloadAndDeleteAccount(t *testing.T) {
	env := handlertest.New(t)
	c := registerVia(t, env, "13800138000", "Good#pass1")
	wantRedirect(t, c.Post("/me/profile", url.Values{"name": {"张三"}, "email": {"zhang@example.com"}, "postcode": {"310000"}}), "/me/profile")
	r := c.Post("/me/profile", url.Values{"name": {"张三"}, "email": {"not-mail"}, "postcode": {"31"}})
	want(t, r, http.StatusUnprocessableEntity, "bad profile")
	sum := errorSummary(r.Doc(t))
	if sum["email"] == "" || sum["postcode"] != "邮政编码应为 6 位数字" {
		t.Fatalf("profile errors: %v", sum)
	}
	r = c.Get("/me/data")
	want(t, r, http.StatusOK, "download")
	if !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
		t.Fatal("the data comes as a download")
	}
	var x map[string]any
	if err := json.Unmarshal([]byte(r.Body), &x); err != nil {
		t.Fatal(err)
	}
	acct, _ := x["account"].(map[string]any)
	if acct["phone"] != "13800138000" || acct["email"] != "zhang@example.com" || strings.Contains(r.Body, "$argon2id$") {
		t.Fatalf("download: %s", r.Body)
	}
	r = c.Post("/me/delete", url.Values{"password": {"Wrong#pass1"}, "confirm": {"yes"}})
	want(t, r, http.StatusUnprocessableEntity, "wrong password")
	r = c.Post("/me/delete", url.Values{"password": {"Good#pass1"}})
	want(t, r, http.StatusUnprocessableEntity, "unconfirmed")
	wantRedirect(t, c.Post("/me/delete", url.Values{"password": {"Good#pass1"}, "confirm": {"yes"}}), "/account/deleted")
	want(t, c.Get("/account/deleted"), http.StatusOK, "deleted page")
	wantRedirect(t, c.Get("/me"), "/login?return_to=%2Fme")
	var phones int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM users WHERE phone IS NOT NULL OR name <> '' OR email <> ''").Scan(&phones)
	if phones != 0 {
		t.Fatal("personal data left after deletion")
	}
	r = env.Client().Post("/login", url.Values{"login": {"13800138000"}, "password": {"Good#pass1"}})
	want(t, r, http.StatusUnprocessableEntity, "deleted account sign-in")
}

func TestDevOutboxOnlyInDevelopment(t *testing.T) {
	env := handlertest.New(t)
	registerVia(t, env, "13800138000", "Good#pass1")
	r := env.Client().Get("/dev/outbox")
	want(t, r, http.StatusOK, "dev outbox")
	if !strings.Contains(r.Body, "13800138000") {
		t.Fatal("the outbox lists the message")
	}
	prod := handlertest.New(t, func(d *handlers.Deps) { d.Options.Prod = true })
	want(t, prod.Client().Get("/dev/outbox"), http.StatusNotFound, "outbox in prod")
	if err := handlers.DevAccountServices(env.Store).CheckProd(); err == nil || !strings.Contains(err.Error(), "demo licence") {
		t.Fatalf("prod check must refuse the dev services: %v", err)
	}
}

// The guide page's 收藏 button (wired into mattersHandler.guideActions):
// a sign-in link for visitors, then save, then remove.
func TestGuideFavouriteAction(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	env.App.Echo.GET("/test/fav/:code", func(c echo.Context) error {
		comp := handlers.GuideFavouriteAction(c, c.Param("code"))
		return comp.Render(c.Request().Context(), c.Response())
	})
	var item string
	env.Store.DB.Raw("SELECT code FROM matter_items WHERE status = 'published' ORDER BY id DESC LIMIT 1").Scan(&item)
	doc := env.Client().Get("/test/fav/" + item).Doc(t)
	if doc.Find(`a[href^="/login?return_to="]`).Length() != 1 {
		t.Fatal("visitors get a sign-in link")
	}
	c := signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword)
	doc = c.Get("/test/fav/" + item).Doc(t)
	form := doc.Find(`form[action="/me/favourites"]`)
	if form.Length() != 1 {
		t.Fatal("signed in: a save form")
	}
	vals := url.Values{}
	form.Find("input").Each(func(_ int, s *goquery.Selection) { vals.Set(s.AttrOr("name", ""), s.AttrOr("value", "")) })
	wantRedirect(t, c.Post("/me/favourites", vals), "/test/fav/"+item)
	doc = c.Get("/test/fav/" + item).Doc(t)
	if !strings.Contains(doc.Find("form").AttrOr("action", ""), "/delete") || !strings.Contains(doc.Text(), "已收藏") {
		t.Fatal("saved: the button offers removal")
	}
}
