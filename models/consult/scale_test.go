package consult_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/consult"
)

func TestScaleConsultationsFillThePublicListingAndTheUserCenter(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	for i, region := range []string{"330106", "320102", "440305"} {
		e.item(t, "11330100MB0000000X400011180000"+string(rune('1'+i)), region, "N007", 3)
	}
	var askers []consult.Asker
	for range 12 {
		askers = append(askers, consult.Asker{ID: e.user(t, 3), Name: "欧阳娜娜", Phone: "13912345678"})
	}
	demo := consult.Asker{ID: e.user(t, 3), Name: "张三", Phone: "13800138000"}
	res, err := consult.GenerateScale(ctx, e.st, consult.ScaleOptions{Consultations: 400, Askers: askers,
		Demo: []consult.Asker{demo}, PerDemo: 30, Batch: 90})
	if err != nil {
		t.Fatal(err)
	}
	if res.Consultations != 430 {
		t.Fatalf("wrote %d, want 430", res.Consultations)
	}
	// The public listing pages through published ones, newest reply first,
	// personal data masked.
	page, next, err := e.svc.PublicConsultations(ctx, consult.Cursor{}, 20)
	if err != nil || len(page) != 20 || next.ID == 0 {
		t.Fatalf("public page: %d rows, next %v, %v", len(page), next, err)
	}
	for i, p := range page {
		if p.Reply == "" || p.ReplyUnit == "" || p.RepliedAt.IsZero() || strings.Contains(p.Person, "娜娜") {
			t.Errorf("public row %+v: missing reply or unmasked name", p)
		}
		if i > 0 && p.RepliedAt.After(page[i-1].RepliedAt) {
			t.Errorf("row %d replied after row %d", i, i-1)
		}
		if _, err := e.svc.PublicConsultation(ctx, p.ID); err != nil {
			t.Errorf("published %d not shown alone: %v", p.ID, err)
		}
	}
	// published follows the model's rule; no text is held by moderation.
	var all []consult.Consultation
	e.st.DB.Find(&all)
	scan, err := consult.LoadScanner(ctx, e.st.DB)
	if err != nil {
		t.Fatal(err)
	}
	statuses, published := map[string]int{}, 0
	for _, c := range all {
		statuses[c.Status]++
		want := c.Public && c.Status == consult.StatusReplied
		if c.Published != want || c.Held() || scan.Scan(c.Title, c.Content) != "" {
			t.Fatalf("consultation %+v: published %v want %v, flags %q", c, c.Published, want, scan.Scan(c.Title, c.Content))
		}
		if c.Status != consult.StatusDraft && (c.SubmittedAt == nil || c.DeadlineAt == nil || c.UnitName == "" || c.RegionCode == "") {
			t.Errorf("consultation %d: submitted without deadline or unit", c.ID)
		}
		if c.Published {
			published++
		}
	}
	if len(statuses) != 4 || published < len(all)/3 {
		t.Errorf("statuses %v, %d published of %d", statuses, published, len(all))
	}
	mine, err := e.svc.MyConsultations(ctx, demo.ID, 200)
	if err != nil || len(mine) != 30 {
		t.Errorf("demo user sees %d of its consultations, want 30 (%v)", len(mine), err)
	}
}
