package sites_test

import (
	"context"
	"testing"

	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/seed"
	"github.com/zwfw/portal/models/sites"
)

// Issue 3 §5: demo content for 浙江, 江苏, 广东 and 公安部, 人社部, 国家医保局;
// topics and interpretations resolve to real items; seeding twice adds
// nothing.
func TestDemoContentCoversSixSitesAndIsIdempotent(t *testing.T) {
	ctx := context.Background()
	st := modelstest.Open(t)
	if err := seed.Demo(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{"330000", "320000", "440000"}
	for _, name := range []string{"公安部", "人力资源和社会保障部", "国家医疗保障局"} {
		d, ok := ref.DepartmentByName(name)
		if !ok {
			t.Fatalf("%s missing", name)
		}
		codes = append(codes, d.Code)
	}
	for _, code := range codes {
		h, err := sites.LoadHome(ctx, st, code, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Policies) < 2 || len(h.Interpretations) < 2 || len(h.Topics) < 2 || len(h.Apps) < 2 {
			t.Errorf("%s: %d policies, %d interpretations, %d topics, %d apps", code,
				len(h.Policies), len(h.Interpretations), len(h.Topics), len(h.Apps))
		}
		for _, tp := range h.Topics {
			full, err := sites.GetTopic(ctx, st, code, tp.ID)
			if err != nil {
				t.Fatal(err)
			}
			items, err := sites.LinkedItems(ctx, st, full.ItemCodes)
			if err != nil || len(items) == 0 || len(items) != len(full.ItemCodes) {
				t.Errorf("%s topic %q: codes %v resolve to %d items (%v)", code, tp.Title, full.ItemCodes, len(items), err)
			}
		}
	}
	var before, after int64
	st.DB.Model(&sites.Policy{}).Count(&before)
	if err := sites.SeedDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	st.DB.Model(&sites.Policy{}).Count(&after)
	if before != after || before == 0 {
		t.Fatalf("policies %d → %d after seeding again", before, after)
	}
}
