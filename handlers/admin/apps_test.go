package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// reviewApp registers an app of site in state with a passed run of the
// automated checks, as the owner's submission would have left it.
func reviewApp(t *testing.T, env *handlertest.Env, name, site, state string) int64 {
	t.Helper()
	svc, err := apps.NewService(env.Store, []byte("admin-apps-test-secret-0123456789"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := svc.CreateOnline(context.Background(), apps.Form{Name: name, Type: apps.TypeIdentity, OwnerOrg: "测试单位", SiteCode: site,
		EntryURL: "https://" + site + ".app.example/"}, apps.Credentials{Whitelist: "192.0.2.0/24"})
	if err != nil {
		t.Fatal(err)
	}
	db := env.Store.DB
	db.Exec("UPDATE apps SET status = ? WHERE id = ?", state, a.ID)
	for _, c := range []string{apps.CheckReachable, apps.CheckViewport, apps.CheckNoAds, apps.CheckWeight} {
		db.Exec("INSERT INTO app_checks (app_id, run_at, name, passed, detail) VALUES (?, ?, ?, ?, '')", a.ID, time.Now().UTC(), c, true)
	}
	return a.ID
}

func appPath(id int64) string { return "/admin/apps/" + strconv.FormatInt(id, 10) }

func appStatus(env *handlertest.Env, id int64) string {
	var s string
	env.Store.DB.Raw("SELECT status FROM apps WHERE id = ?", id).Scan(&s)
	return s
}

// Issue 9 §2 (C 0103 8.3.5): a reviewer approves an app only with every
// automated check passed and the four manual checks ticked; requests
// changes and takes apps offline with a reason; the moves are in the
// app's history and the audit chain.
func TestReviewerApprovesWithChecklistRequestsChangesTakesOffline(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	rev, acct := admintest.SignIn(t, env, staff.RoleAppReviewer, "330000", "")
	id := reviewApp(t, env, "浙里办社保", "330000", apps.InReview)
	other := reviewApp(t, env, "苏服办公积金", "320000", apps.InReview)

	list := get(t, rev, "/admin/apps", http.StatusOK)
	if !strings.Contains(list.Find("table").Text(), "浙里办社保") || strings.Contains(list.Text(), "苏服办公积金") {
		t.Fatalf("the queue: %q", list.Find("main").Text())
	}
	doc := post(t, rev, appPath(id)+"/events/approve", nil, http.StatusUnprocessableEntity).Doc(t)
	if doc.Find(".zw-error-summary a[href='#checklist']").Length() != 1 || appStatus(env, id) != apps.InReview {
		t.Fatalf("approve without the checklist: %q", doc.Find(".zw-error-summary").Text())
	}
	post(t, rev, appPath(id)+"/checklist", url.Values{"checklist": {"compatibility", "security"}}, http.StatusSeeOther)
	post(t, rev, appPath(id)+"/events/approve", nil, http.StatusUnprocessableEntity)
	page := get(t, rev, appPath(id), http.StatusOK)
	if page.Find("input[name=checklist][checked]").Length() != 2 {
		t.Fatal("the ticked items are not kept")
	}
	post(t, rev, appPath(id)+"/checklist", url.Values{"checklist": apps.ChecklistItems}, http.StatusSeeOther)
	post(t, rev, appPath(id)+"/events/approve", nil, http.StatusSeeOther)
	if s := appStatus(env, id); s != apps.Online {
		t.Fatalf("approved app is %s", s)
	}

	doc = post(t, rev, appPath(id)+"/events/take_offline", url.Values{"note_take_offline": {""}}, http.StatusUnprocessableEntity).Doc(t)
	if doc.Find(".zw-error-summary a[href='#note_take_offline']").Length() != 1 {
		t.Fatalf("offline without a reason: %q", doc.Find(".zw-error-summary").Text())
	}
	post(t, rev, appPath(id)+"/events/take_offline", url.Values{"note_take_offline": {"连续三天不可用"}}, http.StatusSeeOther)
	if s := appStatus(env, id); s != apps.Offline {
		t.Fatalf("offline app is %s", s)
	}
	// A move the state no longer allows is a conflict, not a change.
	doc = post(t, rev, appPath(id)+"/events/approve", nil, http.StatusConflict).Doc(t)
	if !strings.Contains(doc.Text(), "状态已被") {
		t.Fatal("the conflict is not explained")
	}
	// Statistics for staff (issue 9 §9): the container's and JSSDK's counts.
	env.Store.DB.Exec("INSERT INTO app_stats (app_id, day, views, errors, tickets) VALUES (?, ?, 1234, 7, 56)", id, time.Now().UTC().Format("2006-01-02"))
	stats := get(t, rev, appPath(id), http.StatusOK).Find("dl").Last().Text()
	for _, want := range []string{"1234", "56"} {
		if !strings.Contains(stats, want) {
			t.Errorf("the staff statistics lack %s: %q", want, stats)
		}
	}
	hist := get(t, rev, appPath(id), http.StatusOK).Find("table").Last().Text()
	for _, want := range []string{"审核通过并上线", "下线", "连续三天不可用"} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q: %q", want, hist)
		}
	}
	entries, _, _ := audit.List(context.Background(), env.Store.DB, audit.Filter{ObjectType: "app", ObjectID: strconv.FormatInt(id, 10)})
	if len(entries) != 4 || entries[0].Action != "app.take_offline" || entries[0].Actor != acct.Username {
		t.Fatalf("audit entries: %+v", entries)
	}

	// 8.3.5: the owner rectifies the offline app and resubmits it; it is
	// back in the reviewers' queue for re-review.
	svc, _ := apps.NewService(env.Store, []byte("admin-apps-test-secret-0123456789"), nil)
	var owner int64
	env.Store.DB.Raw("SELECT id FROM users ORDER BY id LIMIT 1").Scan(&owner)
	env.Store.DB.Exec("UPDATE apps SET owner_user_id = ? WHERE id = ?", owner, id)
	for _, ev := range []string{apps.EvRectify, apps.EvSubmitReview} {
		if _, err := svc.Transition(context.Background(), id, ev, apps.Actor{Role: apps.RoleOwner, ID: owner}, ""); err != nil {
			t.Fatalf("owner %s: %v", ev, err)
		}
	}
	if !strings.Contains(get(t, rev, "/admin/apps", http.StatusOK).Find("table").Text(), "浙里办社保") {
		t.Fatal("a resubmitted app is not back in the review queue")
	}

	// Request changes sends an app under review back to debugging.
	back := reviewApp(t, env, "浙里办医保", "330000", apps.InReview)
	post(t, rev, appPath(back)+"/events/reject", url.Values{"note_reject": {"登录页在小屏幕上错位"}}, http.StatusSeeOther)
	if s := appStatus(env, back); s != apps.Debugging {
		t.Fatalf("changes requested: %s", s)
	}

	// Scope: another province's app is a 404 by any URL.
	get(t, rev, appPath(other), http.StatusNotFound)
	post(t, rev, appPath(other)+"/checklist", url.Values{"checklist": apps.ChecklistItems}, http.StatusNotFound)
	post(t, rev, appPath(other)+"/events/approve", nil, http.StatusNotFound)
	if appStatus(env, other) != apps.InReview {
		t.Fatal("an out-of-scope app was moved")
	}
}

func TestAppReviewNeedsTheRoleSignInAndCSRF(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	id := reviewApp(t, env, "浙里办社保", "330000", apps.Applied)
	ed, _ := admintest.SignIn(t, env, staff.RoleContentEditor, "330000", "")
	get(t, ed, "/admin/apps", http.StatusForbidden)
	get(t, ed, appPath(id), http.StatusForbidden)
	if res := env.Client().Get("/admin/apps"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logged out: %d", res.StatusCode)
	}
	rev, _ := admintest.SignIn(t, env, staff.RoleAppReviewer, "", "")
	if res := rev.PostRaw(appPath(id)+"/events/approve_application", nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("no CSRF token: %d", res.StatusCode)
	}
	get(t, rev, "/admin/apps/999999", http.StatusNotFound)
	if doc := get(t, rev, "/admin/apps?state=nonsense", http.StatusOK); !strings.Contains(doc.Text(), "浙里办社保") {
		t.Fatal("a bad filter falls back to the review queue")
	}
	post(t, rev, appPath(id)+"/events/approve_application", nil, http.StatusSeeOther)
	var key *string
	env.Store.DB.Raw("SELECT app_key FROM apps WHERE id = ?", id).Scan(&key)
	if appStatus(env, id) != apps.KeysIssued || key == nil || *key == "" {
		t.Fatal("approving the application issues keys")
	}
}
