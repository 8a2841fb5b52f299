package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/usercenter"
)

// The guide page of an online item offers 在线办理 into this flow.
func TestGuideLinksToOnlineApplication(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	r := env.Client().Get("/matters/" + renewCode)
	want(t, r, http.StatusOK, "guide")
	if r.Doc(t).Find(`a[href="/matters/`+renewCode+`/apply"]`).Length() != 1 {
		t.Fatal("the guide must link to the online application")
	}
	wantRedirect(t, env.Client().Get("/matters/"+renewCode+"/apply"), "/login?return_to="+url.QueryEscape("/matters/"+renewCode+"/apply"))
}

// A submission past its time limit says so and how to retry (C 0103 9.4
// b); the retry makes the one case.
func TestCaseSubmitTimeoutThenRetry(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword)
	base := startDraft(t, c, renewCode)
	for _, s := range []struct {
		step string
		form url.Values
	}{{"applicant", url.Values{}}, {"details", url.Values{"renew_reason": {"expired"}}},
		{"delivery", url.Values{"method": {"window"}, "phone": {usercenter.DemoPhone}}}} {
		s.form.Set("version", version(t, c, base+"/"+s.step))
		wantRedirect(t, c.Post(base+"/"+s.step, s.form), base+"/"+cases.Steps[cases.StepIndex(s.step)+1])
	}
	uploadMaterials(t, env, c, base)
	token := c.Get(base+"/check").Doc(t).Find(`input[name="token"]`).AttrOr("value", "")
	restore := handlers.SetSubmitTimeout(time.Nanosecond)
	r := c.Post(base+"/submit", url.Values{"token": {token}})
	restore()
	want(t, r, http.StatusServiceUnavailable, "submission past its time limit")
	if txt := mainText(t, r); !strings.Contains(txt, "重试不会重复提交") {
		t.Fatalf("the timeout page explains the retry: %s", txt)
	}
	r = c.Post(base+"/submit", url.Values{"token": {token}})
	if r.StatusCode != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), "/submitted") {
		t.Fatalf("retry: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	var n int64
	env.Store.DB.Raw("SELECT COUNT(*) FROM cases WHERE draft_id = ?", strings.TrimPrefix(base, "/cases/drafts/")).Scan(&n)
	if n != 1 {
		t.Fatalf("%d cases after a timeout and a retry", n)
	}
}

// A draft can be discarded from check your answers; it is then gone.
func TestCaseDraftDelete(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword)
	base := startDraft(t, c, renewCode)
	other := signIn(t, env, usercenter.DemoPhoneLegal, usercenter.DemoPassword)
	want(t, other.Post(base+"/delete", nil), http.StatusNotFound, "deleting another user's draft")
	wantRedirect(t, c.Post(base+"/delete", nil), "/me/cases")
	want(t, c.Get(base+"/applicant"), http.StatusNotFound, "a deleted draft")
	if strings.Contains(c.Get("/me/cases").Body, base) {
		t.Fatal("a deleted draft is not listed")
	}
}
