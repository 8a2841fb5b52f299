package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/seed"
	"github.com/zwfw/portal/models/usercenter"
)

func demoStore(t *testing.T) *models.Store {
	return modelstest.OpenSeeded(t, func(ctx context.Context, st *models.Store) error { return seed.Demo(ctx, st, nil) })
}

func TestScaleApplicantsAreDistinctValidAndReused(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	a, err := cases.ScaleApplicants(ctx, st, 30)
	if err != nil || len(a) != 30 {
		t.Fatalf("applicants: %d, %v", len(a), err)
	}
	ids := map[string]bool{}
	for _, x := range a {
		if !refdata.ValidIDNumber(x.IDNumber) || ids[x.IDNumber] || len(x.Phone) != 11 || x.Name == "" {
			t.Errorf("applicant %+v: invalid or duplicate identity", x)
		}
		ids[x.IDNumber] = true
	}
	// Asking for more creates only the missing ones.
	b, err := cases.ScaleApplicants(ctx, st, 45)
	if err != nil || len(b) != 45 || b[0].ID != a[0].ID || b[29].ID != a[29].ID {
		t.Fatalf("second call: %d, %v", len(b), err)
	}
	var n int64
	st.DB.Table("users").Where("verified_by = ?", cases.SyntheticMark).Count(&n)
	if n != 45 {
		t.Errorf("%d synthetic accounts, want 45", n)
	}
}

func TestScaleCasesAreValidAndListedInTheUserCenter(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	demo, err := cases.DemoApplicants(ctx, st)
	if err != nil || len(demo) != 1 || demo[0].Phone != usercenter.DemoPhone {
		t.Fatalf("demo applicants: %+v, %v", demo, err)
	}
	_, before, _ := cases.ForUser(ctx, st, demo[0].ID, cases.Filter{})
	apps, err := cases.ScaleApplicants(ctx, st, 20)
	if err != nil {
		t.Fatal(err)
	}
	var progress int
	res, err := cases.GenerateScale(ctx, st, cases.ScaleOptions{Cases: 700, Applicants: apps, Demo: demo, PerDemo: 45, Batch: 100,
		Progress: func(done int, _ time.Duration) { progress = done }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cases != 745 || progress != 745 || res.PerSecond() <= 0 {
		t.Fatalf("result %+v, last progress %d", res, progress)
	}

	// The demo account's user center lists its cases, paged and filtered.
	list, total, err := cases.ForUser(ctx, st, demo[0].ID, cases.Filter{Limit: 20})
	if err != nil || total != before+45 || len(list) != 20 {
		t.Fatalf("demo user: %d of %d (had %d), %v", len(list), total, before, err)
	}
	open, openTotal, _ := cases.ForUser(ctx, st, demo[0].ID, cases.Filter{Status: cases.FilterOpen})
	if openTotal == 0 || openTotal >= total || len(open) == 0 {
		t.Errorf("open filter: %d of %d", openTotal, total)
	}
	// Every synthetic applicant has some, and only its own.
	mine, n, _ := cases.ForUser(ctx, st, apps[7].ID, cases.Filter{Limit: 100})
	if n < 20 || n > 50 {
		t.Errorf("applicant 7 has %d cases, want about 35", n)
	}
	for _, c := range mine {
		if _, err := cases.GetForUser(ctx, st, apps[8].ID, c.ID); err == nil {
			t.Fatalf("case %d of applicant 7 is readable by applicant 8", c.ID)
		}
	}

	// Every case is for an item of the catalog, with its codes and names.
	var strays int64
	st.DB.Raw(`SELECT COUNT(*) FROM cases c LEFT JOIN matter_items i ON i.id = c.item_id AND i.code = c.item_code
		AND i.region_code = c.region_code AND i.dept_code = c.dept_code AND i.name = c.matter_name WHERE i.id IS NULL`).Scan(&strays)
	if strays != 0 {
		t.Errorf("%d cases do not match their item", strays)
	}
	var all []cases.Case
	st.DB.Where("number NOT IN ?", []string{cases.DemoNumber, "330106202611200002"}).Find(&all)
	statuses, numbers := map[cases.Status]int{}, map[string]bool{}
	for _, c := range all {
		statuses[c.Status]++
		if !c.Status.Valid() || numbers[c.Number] || len(c.Number) != len(c.RegionCode)+14 || c.Number[:len(c.RegionCode)] != c.RegionCode {
			t.Fatalf("case %d: status %q number %q", c.ID, c.Status, c.Number)
		}
		numbers[c.Number] = true
		if (c.Status == cases.StatusCompleted) != (c.Outcome != "") || (c.CompletedAt != nil) != (c.Status == cases.StatusCompleted || c.Status == cases.StatusRejected) {
			t.Errorf("case %d %s: outcome %q completed %v", c.ID, c.Status, c.Outcome, c.CompletedAt)
		}
		if c.UpdatedAt.Before(c.SubmittedAt) || c.DueAt == nil || c.ApplicantName == "" {
			t.Errorf("case %d: updated %s before submitted %s, due %v", c.ID, c.UpdatedAt, c.SubmittedAt, c.DueAt)
		}
	}
	if len(statuses) != len(cases.Statuses) || statuses[cases.StatusCompleted] < len(all)/3 {
		t.Errorf("status mix %v", statuses)
	}
	// The timeline follows the state machine to the case's status.
	for _, c := range all[:40] {
		evs, err := cases.Events(ctx, st, c.ID)
		if err != nil || len(evs) != c.Version || evs[0].Event != "submit" || evs[len(evs)-1].ToStatus != c.Status {
			t.Fatalf("case %d (%s): %d events %+v, %v", c.ID, c.Status, len(evs), evs, err)
		}
		for i := 1; i < len(evs); i++ {
			if evs[i].FromStatus != evs[i-1].ToStatus {
				t.Errorf("case %d: event %d jumps from %s", c.ID, i, evs[i].FromStatus)
			}
		}
	}
	// Each case has its own draft pointing back at it.
	var linked int64
	st.DB.Raw("SELECT COUNT(*) FROM cases c JOIN case_drafts d ON d.id = c.draft_id AND d.case_id = c.id AND d.user_id = c.user_id").Scan(&linked)
	var totalCases int64
	st.DB.Table("cases").Count(&totalCases)
	if linked != totalCases {
		t.Errorf("%d of %d cases have their draft", linked, totalCases)
	}
	// A second run appends more without colliding.
	if _, err := cases.GenerateScale(ctx, st, cases.ScaleOptions{Cases: 50, Applicants: apps}); err != nil {
		t.Fatalf("second run: %v", err)
	}
}
