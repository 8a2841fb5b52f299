package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/refdata"
)

// regionEnv starts a portal whose database holds the divisions.
func regionEnv(t *testing.T) *handlertest.Env {
	t.Helper()
	return handlertest.New(t, func(d *handlers.Deps) {
		if err := refdata.SeedRegions(context.Background(), d.Store); err != nil {
			t.Fatal(err)
		}
	})
}

// headerRegion finds the region link in the page header.
const headerRegion = `header a[href^="/region"]`

func regionCookie(env *handlertest.Env, c *handlertest.Client) *http.Cookie {
	u, _ := url.Parse(env.Server.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == handlers.RegionCookie {
			return ck
		}
	}
	return nil
}

func wantStatus(t *testing.T, res *handlertest.Response, status int) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%.600s", res.Request.Method, res.Request.URL, res.StatusCode, status, res.Body)
	}
}

// Without JS every step is a GET page whose URL names the choices so far.
func TestRegionChooserStepsWithoutJS(t *testing.T) {
	env := regionEnv(t)
	c := env.Client()

	res := c.Get("/region")
	wantStatus(t, res, http.StatusOK)
	doc := res.Doc(t)
	if doc.Find("h1").Text() != "选择地区" || doc.Find("h1").Length() != 1 {
		t.Fatalf("h1 = %q", doc.Find("h1").Text())
	}
	if n := doc.Find("select#region-province option").Length(); n != 33 {
		t.Errorf("province select has %d options, want 32 provincial units + 请选择", n)
	}
	if doc.Find(`select#region-province option[value="660000"]`).Text() != "新疆生产建设兵团" {
		t.Error("新疆生产建设兵团 missing from the provinces")
	}
	if doc.Find("select#region-city").Length() != 0 {
		t.Error("no city select before a province is chosen")
	}
	step := doc.Find("form.zw-region__step")
	if m, _ := step.Attr("method"); m != "get" || step.Find(`input[name="_csrf"]`).Length() != 0 {
		t.Error("the step form must be a GET without the CSRF token (its URL is shared)")
	}
	if _, hidden := doc.Find("form[data-zw-region-save]").Attr("hidden"); !hidden {
		t.Error("nothing chosen yet: the save form must be hidden")
	}

	doc = c.Get("/region?province=330000").Doc(t)
	if doc.Find("#region-province option[selected]").Text() != "浙江省" {
		t.Error("the chosen province is not selected")
	}
	if doc.Find(`#region-city option[value="330100"]`).Text() != "杭州市" || doc.Find("select#region-county").Length() != 0 {
		t.Error("step 2 should offer the cities of 浙江省 and no county yet")
	}
	if v, _ := doc.Find("input#region-code").Attr("value"); v != "330000" {
		t.Errorf("save form code = %q, want 330000", v)
	}

	doc = c.Get("/region?province=330000&city=330100").Doc(t)
	if doc.Find(`#region-county option[value="330106"]`).Text() != "西湖区" {
		t.Error("step 3 should offer the counties of 杭州市")
	}

	doc = c.Get("/region?province=330000&city=330100&county=330106").Doc(t)
	if got := doc.Find("#region-chosen").Text(); got != "浙江省 / 杭州市 / 西湖区" {
		t.Errorf("chosen = %q", got)
	}
	if doc.Find("select").Length() != 3 {
		t.Errorf("%d selects, want 3 (the chooser stops at the county)", doc.Find("select").Length())
	}
}

func TestRegionSaveSetsCookieAndHeader(t *testing.T) {
	env := regionEnv(t)
	c := env.Client()

	res := c.Post("/region", url.Values{"code": {"330106"}, "return_to": {"/privacy"}})
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/privacy" {
		t.Errorf("Location = %q, want /privacy", loc)
	}
	var set string
	for _, v := range res.Header.Values("Set-Cookie") {
		if strings.HasPrefix(v, handlers.RegionCookie+"=") {
			set = v
		}
	}
	for _, want := range []string{"zw_region=330106", "HttpOnly", "SameSite=Lax", "Max-Age=31536000", "Path=/"} {
		if !strings.Contains(set, want) {
			t.Errorf("Set-Cookie %q lacks %s", set, want)
		}
	}

	doc := c.Get("/").Doc(t)
	if got := doc.Find(headerRegion).Text(); !strings.Contains(got, "杭州市西湖区") {
		t.Errorf("header region = %q, want 杭州市西湖区", got)
	}

	// Coming back to the chooser starts from the saved region.
	doc = c.Get("/region").Doc(t)
	if doc.Find("#region-county option[selected]").Text() != "西湖区" {
		t.Error("the chooser should start from the saved region")
	}
	if got := doc.Find("#region-current").Text(); !strings.Contains(got, "浙江省 / 杭州市 / 西湖区") {
		t.Errorf("current = %q", got)
	}

	// 全国: the clear form removes the cookie.
	clear := doc.Find("form.zw-region__clear")
	if clear.Length() != 1 || clear.Find("button").Text() != "切换到全国" {
		t.Fatal("no 切换到全国 form")
	}
	res = c.Post("/region", url.Values{"code": {""}, "return_to": {"/"}})
	wantStatus(t, res, http.StatusSeeOther)
	if regionCookie(env, c) != nil {
		t.Error("clearing must delete the cookie")
	}
	if got := c.Get("/").Doc(t).Find(headerRegion).Text(); !strings.Contains(got, "全国") {
		t.Errorf("header region after clearing = %q, want 全国", got)
	}
}

func TestRegionSaveRefusals(t *testing.T) {
	env := regionEnv(t)
	c := env.Client()

	res := c.Post("/region", url.Values{"code": {"330000"}, "return_to": {"https://evil.example/"}})
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/" {
		t.Errorf("unsafe return_to followed: %q", loc)
	}

	other := env.Client()
	res = other.PostRaw("/region", url.Values{"code": {"330000"}})
	wantStatus(t, res, http.StatusForbidden)
	if regionCookie(env, other) != nil {
		t.Error("a POST without the CSRF token must not set the region")
	}

	for _, bad := range []string{"999999", "330106002", "<b>x</b>"} {
		res = other.Post("/region", url.Values{"code": {bad}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		doc := res.Doc(t)
		link := doc.Find(".zw-error-summary a")
		if href, _ := link.Attr("href"); href != "#region-province" || doc.Find("#region-province").Length() != 1 {
			t.Errorf("%s: error summary link %q must land on the province select", bad, href)
		}
		if !strings.HasPrefix(doc.Find("title").Text(), "错误：") {
			t.Errorf("%s: title %q lacks the error prefix", bad, doc.Find("title").Text())
		}
		if regionCookie(env, other) != nil {
			t.Errorf("%s: an invalid code must not be saved", bad)
		}
	}
}

// Bad values in the URL are dropped with a visible notice, never a 500.
func TestRegionBadURLValues(t *testing.T) {
	env := regionEnv(t)
	c := env.Client()

	res := c.Get("/region?province=999999")
	wantStatus(t, res, http.StatusOK)
	doc := res.Doc(t)
	if got := doc.Find("#region-notice").Text(); !strings.Contains(got, "999999") {
		t.Errorf("notice = %q, want it to name 999999", got)
	}
	if doc.Find("#region-province option[selected]").Length() != 0 {
		t.Error("an unknown province must not be selected")
	}

	res = c.Get("/region?province=" + url.QueryEscape("<script>alert(1)</script>"))
	wantStatus(t, res, http.StatusOK)
	if strings.Contains(res.Body, "<script>alert(1)") {
		t.Error("the notice must escape the value")
	}

	// A city of another province: the visitor changed the province, so the
	// old city is dropped without a notice.
	doc = c.Get("/region?province=330000&city=110100").Doc(t)
	if doc.Find("#region-notice").Length() != 0 || doc.Find("#region-city option[selected]").Length() != 0 {
		t.Error("a city outside the chosen province should be dropped quietly")
	}

	u, _ := url.Parse(env.Server.URL)
	for _, junk := range []string{"garbage", "999999", "330106002"} {
		c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: handlers.RegionCookie, Value: junk, Path: "/"}})
		res = c.Get("/")
		wantStatus(t, res, http.StatusOK)
		if got := res.Doc(t).Find(headerRegion).Text(); !strings.Contains(got, "全国") {
			t.Errorf("cookie %q: header shows %q, want 全国", junk, got)
		}
	}
}

func TestRegionFromRequest(t *testing.T) {
	env := regionEnv(t)
	env.App.Echo.GET("/_test/region", func(c echo.Context) error {
		return c.String(http.StatusOK, "["+handlers.RegionFromRequest(c)+"]")
	})
	c := env.Client()
	u, _ := url.Parse(env.Server.URL)
	for cookie, want := range map[string]string{"330106": "[330106]", "33": "[330000]", "999999": "[]", "x": "[]", "330106002": "[]"} {
		c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: handlers.RegionCookie, Value: cookie, Path: "/"}})
		if got := c.Get("/_test/region").Body; got != want {
			t.Errorf("cookie %q: RegionFromRequest = %s, want %s", cookie, got, want)
		}
	}
}

func TestRegionChildrenJSON(t *testing.T) {
	env := regionEnv(t)
	c := env.Client()
	var body struct {
		Code     string
		Name     string
		Children []struct {
			Code, Name string
			Level      int
		}
	}
	res := c.Get("/api/v1/regions/330100/children")
	wantStatus(t, res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	if err := json.Unmarshal([]byte(res.Body), &body); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, k := range body.Children {
		found = found || (k.Code == "330106" && k.Name == "西湖区" && k.Level == 3)
	}
	if body.Name != "杭州市" || !found {
		t.Errorf("children of 330100 = %+v", body)
	}

	res = c.Get("/api/v1/regions/000000/children")
	wantStatus(t, res, http.StatusOK)
	json.Unmarshal([]byte(res.Body), &body) //nolint:errcheck
	if len(body.Children) != 32 {
		t.Errorf("000000 has %d children, want the 32 provincial units", len(body.Children))
	}

	for _, bad := range []string{"999999", "abc", "33010600212345"} {
		res = c.Get("/api/v1/regions/" + bad + "/children")
		wantStatus(t, res, http.StatusNotFound)
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: the 404 must be JSON", bad)
		}
	}
}
