package apps_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
)

// C 0103 figure 2 and 8.3.5, written out independently of the rules table:
// state → event → role → next state. Every other combination is refused.
var allowed = map[[3]string]string{
	{apps.Draft, apps.EvApply, apps.RoleOwner}:                       apps.Applied,
	{apps.Rejected, apps.EvApply, apps.RoleOwner}:                    apps.Applied,
	{apps.Applied, apps.EvApproveApplication, apps.RoleReviewer}:     apps.KeysIssued,
	{apps.Applied, apps.EvRejectApplication, apps.RoleReviewer}:      apps.Rejected,
	{apps.KeysIssued, apps.EvRegisterInterfaces, apps.RoleOwner}:     apps.InterfacesRegistered,
	{apps.InterfacesRegistered, apps.EvSubmitDesign, apps.RoleOwner}: apps.DesignSubmitted,
	{apps.DesignSubmitted, apps.EvApproveDesign, apps.RoleReviewer}:  apps.DesignApproved,
	{apps.DesignSubmitted, apps.EvRejectDesign, apps.RoleReviewer}:   apps.InterfacesRegistered,
	{apps.DesignApproved, apps.EvRegisterApp, apps.RoleOwner}:        apps.Registered,
	{apps.Registered, apps.EvStartDebug, apps.RoleOwner}:             apps.Debugging,
	{apps.Debugging, apps.EvSubmitReview, apps.RoleOwner}:            apps.InReview,
	{apps.Rectifying, apps.EvSubmitReview, apps.RoleOwner}:           apps.InReview,
	{apps.InReview, apps.EvApprove, apps.RoleReviewer}:               apps.Online,
	{apps.InReview, apps.EvReject, apps.RoleReviewer}:                apps.Debugging,
	{apps.Online, apps.EvTakeOffline, apps.RoleReviewer}:             apps.Offline,
	{apps.Online, apps.EvTakeOffline, apps.RoleSystem}:               apps.Offline,
	{apps.Offline, apps.EvRectify, apps.RoleOwner}:                   apps.Rectifying,
}

func TestEveryTransitionAllowedOrRefused(t *testing.T) {
	roles := []string{apps.RoleOwner, apps.RoleReviewer, apps.RoleSystem, apps.RoleCLI}
	n := 0
	for _, st := range apps.States {
		for _, ev := range apps.Events() {
			for _, role := range roles {
				want, ok := allowed[[3]string{st, ev, role}]
				got, err := apps.Next(st, ev, role, "reason")
				switch {
				case ok && (err != nil || got != want):
					t.Errorf("%s --%s/%s--> got %q, %v; want %s", st, ev, role, got, err, want)
				case !ok && err == nil:
					t.Errorf("%s --%s/%s--> %s must be refused", st, ev, role, got)
				case !ok:
					var te *apps.TransitionError
					if !errors.As(err, &te) {
						t.Errorf("refusal is not a TransitionError: %v", err)
					}
				}
				n++
			}
		}
	}
	if n != len(apps.States)*14*len(roles) {
		t.Fatalf("checked %d combinations; the event list changed", n)
	}
	if _, err := apps.Next(apps.Online, "publish", apps.RoleReviewer, ""); !errors.Is(err, apps.ErrUnknownEvent) {
		t.Fatal("an unknown event must be refused")
	}
	// 8.3.5: taking an app offline needs the reason.
	if _, err := apps.Next(apps.Online, apps.EvTakeOffline, apps.RoleReviewer, ""); !errors.Is(err, apps.ErrNoteRequired) {
		t.Fatal("take_offline without a reason must be refused")
	}
}

func TestAllowedListsButtonsPerRole(t *testing.T) {
	got := apps.Allowed(apps.InReview, apps.RoleReviewer)
	if len(got) != 2 || got[0] != apps.EvApprove || got[1] != apps.EvReject {
		t.Fatalf("reviewer buttons in review = %v", got)
	}
	if got := apps.Allowed(apps.InReview, apps.RoleOwner); len(got) != 0 {
		t.Fatalf("owner buttons in review = %v", got)
	}
}

// A page good enough to pass every automated check.
func goodSite(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body>ok</body></html>`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// The whole life of an app through the database: apply, keys, interfaces,
// design, registration, debugging, review with checks and checklist,
// online, offline, rectification and re-review.
func TestWorkflowThroughTheDatabase(t *testing.T) {
	svc, _ := setup(t)
	owner := mkUser(t, svc.St, "legal", 3)
	intruder := mkUser(t, svc.St, "legal", 3)
	site := goodSite(t)
	reviewer := apps.Actor{Role: apps.RoleReviewer, ID: 7}
	me := apps.Actor{Role: apps.RoleOwner, ID: owner}
	a, err := svc.Apply(ctx, owner, apps.Form{Name: "社保查询", Type: apps.TypeIdentity, OwnerOrg: "某人社局", EntryURL: site.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Key() != "" || a.Status != apps.Applied {
		t.Fatalf("applied app = %+v", a)
	}
	step := func(ev string, by apps.Actor, note string, want string) {
		t.Helper()
		got, err := svc.Transition(ctx, a.ID, ev, by, note)
		if err != nil || got.Status != want {
			t.Fatalf("%s: %v (status %q, want %q)", ev, err, got.Status, want)
		}
	}
	if _, err := svc.Transition(ctx, a.ID, apps.EvApproveApplication, apps.Actor{Role: apps.RoleOwner, ID: intruder}, ""); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("another owner's app: %v", err)
	}
	if _, err := svc.Transition(ctx, a.ID, apps.EvApproveApplication, me, ""); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("owner approving own application: %v", err)
	}
	step(apps.EvApproveApplication, reviewer, "", apps.KeysIssued)
	a, _ = apps.Get(ctx, svc.St, a.ID)
	if a.Key() == "" || a.SM4KeySealed == "" || a.SM4KeyRevealed {
		t.Fatalf("keys not issued: %+v", a)
	}
	key, err := svc.RevealKey(ctx, a.ID, owner)
	if err != nil || len(key) != 16 {
		t.Fatalf("reveal: %v", err)
	}
	if _, err := svc.RevealKey(ctx, a.ID, owner); !errors.Is(err, models.ErrConflict) {
		t.Fatal("the SM4 key must be shown only once")
	}
	if _, err := svc.Transition(ctx, a.ID, apps.EvRegisterInterfaces, me, ""); err == nil {
		t.Fatal("interface registration without its reference must fail")
	}
	svc.UpdateSubmission(ctx, a.ID, owner, "GW-2026-0001", site.URL+"/design.pdf")
	step(apps.EvRegisterInterfaces, me, "", apps.InterfacesRegistered)
	step(apps.EvSubmitDesign, me, "", apps.DesignSubmitted)
	if _, err := svc.Transition(ctx, a.ID, apps.EvRejectDesign, reviewer, ""); err == nil {
		t.Fatal("rejecting a design needs a reason")
	}
	step(apps.EvRejectDesign, reviewer, "配色对比度不足", apps.InterfacesRegistered)
	step(apps.EvSubmitDesign, me, "", apps.DesignSubmitted)
	step(apps.EvApproveDesign, reviewer, "", apps.DesignApproved)
	if _, err := svc.Transition(ctx, a.ID, apps.EvRegisterApp, me, ""); err == nil {
		t.Fatal("an identity app needs a key or whitelist to register")
	}
	if err := svc.UpdateCredentials(ctx, a.ID, owner, apps.Credentials{Whitelist: "192.0.2.0/24"}); err != nil {
		t.Fatal(err)
	}
	step(apps.EvRegisterApp, me, "", apps.Registered)
	step(apps.EvStartDebug, me, "", apps.Debugging)
	a, run, err := svc.SubmitForReview(ctx, a.ID, owner, apps.NewChecker(true))
	if err != nil || a.Status != apps.InReview || !apps.AllPassed(run) {
		t.Fatalf("submit for review: %v %+v", err, run)
	}
	if _, err := svc.Transition(ctx, a.ID, apps.EvApprove, reviewer, ""); err == nil {
		t.Fatal("approval needs the reviewer checklist")
	}
	svc.SetChecklist(ctx, a.ID, reviewer, []string{"compatibility", "availability", "security", "stress"})
	if err := svc.UpdateDetails(ctx, a.ID, owner, apps.Form{Name: "x", Type: apps.TypeOpen, OwnerOrg: "y", EntryURL: site.URL}); !errors.Is(err, models.ErrConflict) {
		t.Fatal("an app under review is frozen")
	}
	step(apps.EvApprove, reviewer, "", apps.Online)
	step(apps.EvTakeOffline, reviewer, "安全风险", apps.Offline)
	step(apps.EvRectify, me, "", apps.Rectifying)
	step(apps.EvSubmitReview, me, "", apps.InReview)
	step(apps.EvApprove, reviewer, "", apps.Online)
	h, _ := svc.History(ctx, a.ID, 50)
	if len(h) != 15 || h[0].ToState != apps.Online || h[len(h)-1].Event != apps.EvApply {
		t.Fatalf("history has %d moves: %+v", len(h), h[0])
	}
	// Two reviewers pressing at once: only one move wins.
	if _, err := svc.Transition(ctx, a.ID, apps.EvApprove, reviewer, ""); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("approving an online app: %v", err)
	}
}

func TestApprovalNeedsPassingChecks(t *testing.T) {
	svc, c := setup(t)
	owner := mkUser(t, svc.St, "legal", 3)
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><head></head><body>no viewport</body></html>`))
	}))
	defer bad.Close()
	a, err := svc.Apply(ctx, owner, apps.Form{Name: "x", Type: apps.TypeOpen, OwnerOrg: "y", EntryURL: bad.URL})
	if err != nil {
		t.Fatal(err)
	}
	_ = c
	svc.St.DB.Exec("UPDATE apps SET status = ? WHERE id = ?", apps.Debugging, a.ID)
	_, run, err := svc.SubmitForReview(ctx, a.ID, owner, apps.NewChecker(true))
	if err != nil || apps.AllPassed(run) {
		t.Fatalf("checks on a page without viewport: %v %+v", err, run)
	}
	reviewer := apps.Actor{Role: apps.RoleReviewer, ID: 1}
	svc.SetChecklist(ctx, a.ID, reviewer, apps.ChecklistItems)
	_, err = svc.Transition(ctx, a.ID, apps.EvApprove, reviewer, "")
	var ve *models.ValidationError
	if !errors.As(err, &ve) || ve.Fields["checks"] == "" {
		t.Fatalf("approve with failing checks: %v", err)
	}
}

func TestApplyValidates(t *testing.T) {
	svc, _ := setup(t)
	owner := mkUser(t, svc.St, "legal", 3)
	_, err := svc.Apply(ctx, owner, apps.Form{Name: "", Type: "other", EntryURL: "http://example.org/", Origins: "ftp://x"})
	var ve *models.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	for _, f := range []string{"name", "type", "owner_org", "entry_url"} {
		if ve.Fields[f] == "" {
			t.Errorf("no error on %s: %v", f, ve.Fields)
		}
	}
	a, err := svc.Apply(ctx, owner, apps.Form{Name: "x", Type: apps.TypeOpen, OwnerOrg: "y", EntryURL: "https://App.Example/start?x=1",
		Origins: "https://cdn.example\nhttps://app.example"})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.OriginList(); len(got) != 2 || got[0] != "https://app.example" || got[1] != "https://cdn.example" {
		t.Fatalf("origins = %v", got)
	}
}
