package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/users"
)

// orgAccount creates an organisation (法人) account and signs it in.
func orgAccount(t *testing.T, env *handlertest.Env, phone, credit string) *handlertest.Client {
	t.Helper()
	svc, err := users.NewService(env.Store, users.DevConfig(env.Store))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Create(context.Background(), users.NewAccount{Kind: users.Legal, Phone: phone, Password: "Good#pass1",
		Name: "王五", OrgName: "杭州市数据局", CreditCode: credit, Level: 1}); err != nil {
		t.Fatal(err)
	}
	c := env.Client()
	if r := c.Post("/login", url.Values{"login": {phone}, "password": {"Good#pass1"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("org login: %d %s", r.StatusCode, snippet(r.Body))
	}
	return c
}

func TestDeveloperAreaNeedsAnOrganisation(t *testing.T) {
	env, _ := appsEnv(t)
	if r := env.Client().Get("/developer/apps"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Fatalf("visitor: %d", r.StatusCode)
	}
	if r := citizen(t, env).Get("/developer/apps"); r.StatusCode != http.StatusForbidden || !strings.Contains(r.Body, "法人") {
		t.Fatalf("natural person: %d", r.StatusCode)
	}
}

// The owner's side of figure 2, with the reviewer's moves made through the
// model (the staff console wires them).
func TestDeveloperWalksTheWorkflow(t *testing.T) {
	env, svc := appsEnv(t)
	ctx := context.Background()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<!doctype html><html lang="zh-CN"><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>ok</body></html>`))
	}))
	defer site.Close()
	c := orgAccount(t, env, "13600000001", "91350100M000100Y43")
	other := orgAccount(t, env, "13600000002", "91110108551385082Q")
	reviewer := apps.Actor{Role: apps.RoleReviewer, ID: 1}

	if r := c.Get("/developer/apps/new"); r.StatusCode != http.StatusOK || r.Doc(t).Find(`input[name=owner_org]`).AttrOr("value", "") != "杭州市数据局" {
		t.Fatalf("new form: %d", r.StatusCode)
	}
	r := c.Post("/developer/apps", url.Values{"name": {""}, "type": {"identity"}, "owner_org": {"杭州市数据局"}, "entry_url": {"ftp://x"}})
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid application: %d", r.StatusCode)
	}
	doc := r.Doc(t)
	if doc.Find(".zw-error-summary a[href='#name']").Length() != 1 || doc.Find(".zw-error-summary a[href='#entry_url']").Length() != 1 ||
		doc.Find("input[name=entry_url]").AttrOr("value", "") != "ftp://x" {
		t.Fatal("422 needs the error summary linking to fields and the values kept")
	}
	if c.PostRaw("/developer/apps", url.Values{"name": {"x"}}).StatusCode != http.StatusForbidden {
		t.Fatal("application without CSRF token accepted")
	}
	r = c.Post("/developer/apps", url.Values{"name": {"公积金查询"}, "type": {"identity"}, "owner_org": {"杭州市数据局"},
		"entry_url": {site.URL + "/"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("apply: %d %s", r.StatusCode, snippet(r.Body))
	}
	path := r.Header.Get("Location")
	id, _ := strconv.ParseInt(strings.TrimPrefix(path, "/developer/apps/"), 10, 64)
	if doc := c.Get(path).Doc(t); !strings.Contains(doc.Find("main").Text(), "已申请接入") {
		t.Fatal("state not shown")
	}
	if other.Get(path).StatusCode != http.StatusNotFound || other.Post(path+"/events/register_interfaces", nil).StatusCode != http.StatusNotFound {
		t.Fatal("another organisation reached my app")
	}
	if list := c.Get("/developer/apps").Doc(t); list.Find("tbody tr").Length() != 1 {
		t.Fatal("my app is not listed")
	}

	svc.Transition(ctx, id, apps.EvApproveApplication, reviewer, "")
	// The SM4 key is shown exactly once.
	if r := c.Post(path+"/key", nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path+"/key" {
		t.Fatalf("reveal: %d", r.StatusCode)
	}
	keyPage := c.Get(path + "/key")
	if !regexp.MustCompile(`\b[0-9a-f]{32}\b`).MatchString(keyPage.Doc(t).Find("main").Text()) || keyPage.Header.Get("Cache-Control") != "no-store" {
		t.Fatal("key page does not show the key")
	}
	if r := c.Get(path + "/key"); r.StatusCode != http.StatusSeeOther {
		t.Fatal("the key page worked twice")
	}
	if r := c.Post(path+"/key", nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path {
		t.Fatal("the key was revealed twice")
	}

	r = c.Post(path+"/events/register_interfaces", url.Values{"interfaces_ref": {""}})
	if r.StatusCode != http.StatusUnprocessableEntity || r.Doc(t).Find(".zw-error-summary a[href='#interfaces_ref']").Length() != 1 {
		t.Fatalf("missing interface reference: %d", r.StatusCode)
	}
	step := func(ev string, form url.Values) {
		t.Helper()
		if r := c.Post(path+"/events/"+ev, form); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", ev, r.StatusCode, snippet(r.Body))
		}
	}
	step("register_interfaces", url.Values{"interfaces_ref": {"GW-2026-0042"}})
	step("submit_design", url.Values{"design_url": {site.URL + "/design"}})
	if r := c.Post(path+"/events/approve_design", nil); r.StatusCode != http.StatusForbidden {
		t.Fatalf("the owner approved its own design: %d", r.StatusCode)
	}
	svc.Transition(ctx, id, apps.EvApproveDesign, reviewer, "")
	if r := c.Post(path+"/credentials", url.Values{"sm2_public_key": {"not a key"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad key: %d", r.StatusCode)
	}
	if r := c.Post(path+"/credentials", url.Values{"whitelist": {"192.0.2.0/24"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("credentials: %d", r.StatusCode)
	}
	step("register_app", nil)
	step("start_debug", nil)
	// Test mode: the owner opens the app in the container, nobody else.
	if r := c.Get("/apps/" + strconv.FormatInt(id, 10)); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "测试模式") {
		t.Fatalf("owner's test mode: %d", r.StatusCode)
	}
	if r := other.Get("/apps/" + strconv.FormatInt(id, 10)); r.StatusCode != http.StatusNotFound {
		t.Fatalf("test mode seen by another account: %d", r.StatusCode)
	}
	step("submit_review", nil)
	doc = c.Get(path).Doc(t)
	if !strings.Contains(doc.Find("main").Text(), "审核中") || doc.Find("td .zw-tag").Length() != 5 {
		t.Fatalf("after submitting: %q", doc.Find(".zw-apps-dev__state").Text())
	}
	if doc.Find("form[action$='/events/approve']").Length() != 0 {
		t.Fatal("the owner is offered the reviewer's approve")
	}
	svc.SetChecklist(ctx, id, reviewer, apps.ChecklistItems)
	if _, err := svc.Transition(ctx, id, apps.EvApprove, reviewer, ""); err != nil {
		t.Fatalf("approve after passing checks: %v", err)
	}
	doc = c.Get(path).Doc(t)
	if !strings.Contains(doc.Find("main").Text(), "已上线") || doc.Find("table").Length() < 3 {
		t.Fatal("online app page")
	}
}
