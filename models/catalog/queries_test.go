package catalog_test

import (
	"context"
	"errors"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
)

// C 0103 7.1: the guide shows every element of the implementation list.
func TestGetItemByCodeReturnsTheWholeGuide(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	d, err := catalog.NewRepo(st).GetItemByCode(ctx, "07A0001-330106")
	if err != nil {
		t.Fatal(err)
	}
	m := demoMatter(t, "07A0001")
	if d.Name != "居民身份证首次申领" || d.Matter.Code != "07A0001" || d.MatterCode != "07A0001" {
		t.Errorf("item %q of matter %q", d.Name, d.Matter.Code)
	}
	if d.Body.Name != "杭州市公安局西湖分局" || d.Body.Nature != "1" || d.Body.CreditCode == "" {
		t.Errorf("body %+v, want 杭州市公安局西湖分局 (法定机关)", d.Body)
	}
	if d.Statutory.Value != 60 || d.Statutory.Unit != "2" || d.Promised.Value != 15 || d.Promised.Unit != "1" {
		t.Errorf("time limits %+v / %+v", d.Statutory, d.Promised)
	}
	if d.Level != 4 || d.Type != "07" || d.RegionCode != "330106" || d.TrustLevel != 3 || !d.Charged {
		t.Errorf("level %d type %s region %s trust %d charged %v", d.Level, d.Type, d.RegionCode, d.TrustLevel, d.Charged)
	}
	for what, v := range map[string]string{"设定依据": d.LegalBasis, "受理条件": d.Conditions, "办理地点": d.Location,
		"办理时间": d.Hours, "咨询方式": d.Consult, "监督投诉方式": d.Complaint, "办件类型": d.CaseType} {
		if v == "" {
			t.Errorf("%s is empty", what)
		}
	}
	if len(d.Materials) != len(m.Materials) {
		t.Fatalf("%d materials, want %d", len(d.Materials), len(m.Materials))
	}
	for i, mat := range d.Materials {
		if mat.Name != m.Materials[i].Name || mat.Position != i+1 {
			t.Errorf("material %d is %q (position %d), want %q", i+1, mat.Name, mat.Position, m.Materials[i].Name)
		}
		for _, id := range []int64{mat.BlankFormID, mat.SampleID} {
			if _, ok := d.Attachments[id]; id != 0 && !ok {
				t.Errorf("material %q: attachment %d not loaded", mat.Name, id)
			}
		}
	}
	if len(d.Fees) != 1 || d.Fees[0].Standard != "20元/证" || !d.Fees[0].Waivable {
		t.Errorf("fees %+v", d.Fees)
	}
	if len(d.Steps) != len(m.Steps) || d.Steps[0].Name != "申请" || d.Steps[len(d.Steps)-1].Name != "领取" {
		t.Errorf("steps %+v", d.Steps)
	}
	if len(d.FAQs) != len(m.FAQs) || d.FAQs[0].Question != m.FAQs[0].Q {
		t.Errorf("faqs %+v", d.FAQs)
	}
	if len(d.Attachments) == 0 {
		t.Error("no attachments loaded")
	}
}

func TestUnknownOrUnpublishedCodeIsNotFound(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	r := catalog.NewRepo(st)
	if _, err := r.GetItemByCode(ctx, "99Z9999-000000"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown code: %v, want ErrNotFound", err)
	}
	st.DB.Exec("UPDATE matter_items SET status = ? WHERE code = ?", catalog.StatusDraft, "07A0002-320102")
	if _, err := r.GetItemByCode(ctx, "07A0002-320102"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("draft item: %v, want ErrNotFound", err)
	}
	if _, err := r.GetAttachment(ctx, 987654321); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown attachment: %v, want ErrNotFound", err)
	}
}

func TestOtherRegionsListsTheSameMatterElsewhere(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	r := catalog.NewRepo(st)
	d, err := r.GetItemByCode(ctx, "01A0011-330106")
	if err != nil {
		t.Fatal(err)
	}
	others, err := r.OtherRegions(ctx, d.MatterID, d.Code, 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(others) != 5 {
		t.Fatalf("%d other regions, want 5 (six demo counties less this one)", len(others))
	}
	for _, o := range others {
		if o.Code == d.Code || o.RegionCode == "330106" || o.BodyName == "" {
			t.Errorf("other region %+v", o)
		}
	}
	all, _ := r.ItemsForMatter(ctx, d.MatterID, 50)
	if len(all) != 6 {
		t.Errorf("%d items for the matter, want 6", len(all))
	}
	if few, _ := r.OtherRegions(ctx, d.MatterID, d.Code, 2); len(few) != 2 {
		t.Errorf("limit 2 gave %d", len(few))
	}
}

func TestStreamPublishedPagesByKeyWithoutGapsOrRepeats(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	r := catalog.NewRepo(st)
	st.DB.Exec("UPDATE matter_items SET status = ? WHERE code = ?", catalog.StatusDraft, "07A0003-440106")
	want, _ := r.CountItems(ctx, catalog.StatusPublished)
	seen := map[string]bool{}
	var last int64
	err := r.StreamPublished(ctx, 7, func(batch []catalog.ItemText) error {
		if len(batch) > 7 {
			t.Errorf("batch of %d", len(batch))
		}
		for _, it := range batch {
			if it.ID <= last || seen[it.Code] || it.Code == "07A0003-440106" {
				t.Errorf("item %s (id %d) out of order, repeated or unpublished", it.Code, it.ID)
			}
			last = it.ID
			seen[it.Code] = true
			if len(it.Materials) == 0 || len(it.Steps) == 0 || len(it.FAQs) == 0 || it.MatterName == "" {
				t.Errorf("%s streamed without its texts", it.Code)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(seen)) != want {
		t.Errorf("streamed %d items, want %d", len(seen), want)
	}
}

func demoMatter(t *testing.T, code string) catalog.DemoMatter {
	t.Helper()
	ms, err := catalog.DemoMatters()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Code == code {
			return m
		}
	}
	t.Fatalf("demo matter %s not found", code)
	return catalog.DemoMatter{}
}
