package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	gw "github.com/zwfw/portal/models/gateway"
	gt "github.com/zwfw/portal/models/gateway/gatewaytest"
	"github.com/zwfw/portal/models/staff"
)

func allowLoopback(d *handlers.Deps) { d.Options.GatewayAllowHosts = []string{"127.0.0.1"} }

func ifaceForm(app, code, source string) url.Values {
	return url.Values{"app": {app}, "code": {code}, "name": {"社保查询"}, "source_url": {source}, "method": {"GET"},
		"auth": {"whitelist"}, "request_params": {"region|是|string|行政区划代码\npf|否|string|渠道"},
		"mask_fields": {"name:name,id_number:id_number,mobile:mobile"}, "rate_per_min": {"600"}, "timeout_ms": {"3000"},
		"max_response_bytes": {"1048576"}, "check_interval_s": {"60"}, "slow_ms": {"1000"}, "secret": {"k-123456"}}
}

// C 0103 8.3.4.1: an interface is registered, reviewed by another
// interface admin and only then callable; 8.3.4.3: tested in the console.
func TestInterfaceConsoleRegisterReviewAndTest(t *testing.T) {
	env := handlertest.New(t, allowLoopback)
	up := gt.NewUpstream(t)
	app := gt.App(t, env.Store, "127.0.0.1", 0)
	if r := env.Client().Get("/admin/interfaces"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/admin/login") {
		t.Fatalf("logged out: %d", r.StatusCode)
	}
	alice, _ := admintest.SignIn(t, env, staff.RoleInterfaceAdmin, "", "")
	bob, _ := admintest.SignIn(t, env, staff.RoleInterfaceAdmin, "", "")
	handler, _ := admintest.SignIn(t, env, staff.RoleCaseHandler, "", "")
	get(t, handler, "/admin/interfaces", http.StatusForbidden)

	doc := get(t, alice, "/admin/interfaces/new", http.StatusOK)
	if !strings.Contains(doc.Find("textarea#request_params").Text(), "auth_code|是|string") ||
		!strings.Contains(doc.Find("textarea#response_params").Text(), "result_code|是|string") {
		t.Fatal("the form offers example 7's standard parameters and the envelope")
	}
	bad := ifaceForm(app.App.Key(), "Bad!", "http://169.254.169.254/latest/meta-data")
	bad.Set("request_params", "region|maybe")
	res := post(t, alice, "/admin/interfaces", bad, http.StatusUnprocessableEntity)
	d := res.Doc(t)
	for _, f := range []string{"code", "source_url", "request_params"} {
		if d.Find(".zw-error-summary a[href='#"+f+"']").Length() != 1 {
			t.Errorf("error summary lacks %s", f)
		}
	}
	if d.Find("input#name").AttrOr("value", "") != "社保查询" || strings.Contains(res.Body, "k-123456") {
		t.Fatal("values are kept, the secret is not echoed")
	}
	if r := alice.PostRaw("/admin/interfaces", ifaceForm(app.App.Key(), "zj.csrf", up.URL+"/q")); r.StatusCode != http.StatusForbidden {
		t.Fatalf("without CSRF: %d", r.StatusCode)
	}

	res = post(t, alice, "/admin/interfaces", ifaceForm(app.App.Key(), "zj.console", up.URL+"/q"), http.StatusSeeOther)
	loc := res.Header.Get("Location")
	doc = get(t, alice, loc, http.StatusOK)
	if !strings.Contains(doc.Find("main").Text(), "接口尚未审核通过") {
		t.Fatal("a new interface is not live")
	}
	vlink := doc.Find("a[href*='/versions/']").First().AttrOr("href", "")
	if d := get(t, alice, vlink, http.StatusOK); !strings.Contains(d.Text(), "须由另一位接口管理员审核") {
		t.Fatal("the submitter is told somebody else reviews")
	}
	post(t, alice, vlink+"/approve", nil, http.StatusConflict)
	if r := post(t, bob, vlink+"/reject", url.Values{"note": {""}}, http.StatusUnprocessableEntity); r.Doc(t).Find(".zw-error-summary a[href='#note']").Length() != 1 {
		t.Fatal("a rejection needs a reason")
	}
	post(t, bob, vlink+"/approve", url.Values{"note": {"同意"}}, http.StatusSeeOther)
	doc = get(t, bob, loc, http.StatusOK)
	if !strings.Contains(doc.Find("code").Text(), "/gateway/zj.console") || strings.Contains(doc.Text(), "k-123456") {
		t.Fatalf("live interface page: %s", doc.Find("main").Text())
	}

	// The test console (figure 3).
	doc = get(t, bob, loc+"/test", http.StatusOK)
	if doc.Find("input#p_region").Length() != 1 || doc.Find("input#p_pf").Length() != 1 {
		t.Fatal("the form is generated from the parameters")
	}
	if r := post(t, bob, loc+"/test", url.Values{"p_pf": {"gov"}}, http.StatusUnprocessableEntity); r.Doc(t).Find(".zw-error-summary a[href='#p_region']").Length() != 1 {
		t.Fatal("a required parameter is asked for")
	}
	d = post(t, bob, loc+"/test", url.Values{"p_region": {"330000"}}, http.StatusOK).Doc(t)
	body := d.Find("#test-response").Text()
	if d.Find("#test-status").Text() != "200" || !strings.Contains(body, "\"张**\"") || strings.Contains(body, "13800138000") ||
		!strings.Contains(d.Text(), "region=330000") {
		t.Fatalf("test outcome: %s", d.Find(".zw-gw__outcome").Text())
	}
	env.Store.DB.Exec("INSERT INTO banned_words (word, note, updated_at) VALUES ('赌博', '', ?)", time.Now())
	up.Mode.Store("sensitive")
	d = post(t, bob, loc+"/test", url.Values{"p_region": {"330000"}}, http.StatusOK).Doc(t)
	if d.Find("#test-response mark").Text() != "赌博" || d.Find("#zw-sensitive").Length() != 1 {
		t.Fatal("sensitive words are highlighted and announced")
	}
	if list := get(t, alice, "/admin/interfaces", http.StatusOK); !strings.Contains(list.Find(".zw-gw__alerts").Text(), "赌博") {
		t.Fatal("the admin is alerted on the list")
	}

	// An edit is a new version; the disable switch.
	get(t, alice, loc+"/edit", http.StatusOK)
	edit := ifaceForm("", "", up.URL+"/q2")
	edit.Set("secret", "")
	post(t, alice, loc, edit, http.StatusSeeOther)
	if d := get(t, alice, loc, http.StatusOK); !strings.Contains(d.Text(), "第 2 版") || !strings.Contains(d.Text(), "待审核") {
		t.Fatal("the edit waits for review")
	}
	post(t, alice, loc+"/disable", nil, http.StatusSeeOther)
	if d := get(t, alice, "/admin/interfaces?status=disabled", http.StatusOK); !strings.Contains(d.Find("tbody").Text(), "zj.console") {
		t.Fatal("the list filters by status")
	}
	get(t, alice, "/admin/interfaces/99999", http.StatusNotFound)
	js, _ := admintest.SignIn(t, env, staff.RoleInterfaceAdmin, "320000", "")
	get(t, js, loc, http.StatusNotFound)
	post(t, js, vlink+"/approve", nil, http.StatusNotFound)
}

// 8.3.4.3 c: the health page draws the uptime chart and lists the checks.
func TestInterfaceHealthPage(t *testing.T) {
	env := handlertest.New(t, allowLoopback)
	up := gt.NewUpstream(t)
	svc := gt.Service(t, env.Store)
	app := gt.App(t, env.Store, "127.0.0.1", 0)
	it := gt.Interface(t, svc, app, "zj.hp", up.URL+"/q", "GET", "whitelist", nil)
	if _, err := svc.CheckOne(t.Context(), it); err != nil {
		t.Fatal(err)
	}
	up.Close()
	cur, _ := svc.Get(t.Context(), staff.Scope{Region: staff.National}, it.ID)
	if _, err := svc.CheckOne(t.Context(), cur); err != nil {
		t.Fatal(err)
	}
	admin, _ := admintest.SignIn(t, env, staff.RoleInterfaceAdmin, "", "")
	doc := get(t, admin, "/admin/interfaces/"+strconv.FormatInt(it.ID, 10)+"/health", http.StatusOK)
	if doc.Find("svg[role=img] rect.zw-chart__bar").Length() != 14 || doc.Find("tbody tr").Length() != 2 ||
		!strings.Contains(doc.Find(".zw-gw__alerts").Text(), "报错") || !strings.Contains(doc.Find("desc").Text(), "50%") {
		t.Fatalf("health page: %s", doc.Find("main").Text())
	}
	if cur, _ = svc.Get(t.Context(), staff.Scope{Region: staff.National}, it.ID); cur.HealthState != gw.StateError {
		t.Fatalf("state %s", cur.HealthState)
	}
}
