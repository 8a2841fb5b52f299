package catalog_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
)

func TestScaleGeneratorWritesWellFormedItems(t *testing.T) {
	st, ref := seeded(t)
	ctx := context.Background()
	r := catalog.NewRepo(st)
	before, _ := r.CountItems(ctx, "")
	const n = 1500
	res, err := catalog.GenerateScale(ctx, st, catalog.ScaleOptions{Items: n, Batch: 400})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := r.CountItems(ctx, "")
	if res.Items != n || after-before != n {
		t.Fatalf("wrote %d (count %d → %d), want %d", res.Items, before, after, n)
	}
	var items []itemFacts
	st.DB.Table("matter_items").Where("code LIKE ?", "%-S1%").Find(&items)
	if len(items) != n {
		t.Fatalf("%d items with -S1 codes, want %d", len(items), n)
	}
	provinces, levels, types := set[string](), set[int](), set[string]()
	for _, it := range items {
		if !catalog.ValidCode(it.Code) || !refdata.ValidCreditCode(it.BodyCode) {
			t.Errorf("%s: code or credit code %q invalid", it.Code, it.BodyCode)
		}
		if _, ok := ref.Region(it.RegionCode); !ok {
			t.Errorf("%s: region %s unknown", it.Code, it.RegionCode)
		}
		provinces[it.RegionCode[:2]], levels[it.Level], types[it.Type] = true, true, true
	}
	// Spread evenly over the catalog, even a small run reaches every province.
	atLeast(t, "provinces", len(provinces), 31)
	atLeast(t, "levels", len(levels), 4)
	atLeast(t, "types", len(types), 8)

	// A generated item is a whole guide, and it is searchable.
	d, err := r.GetItemByCode(ctx, items[n/2].Code)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Materials) == 0 || len(d.Steps) == 0 || len(d.FAQs) == 0 || d.Body.Name == "" || d.Location == "" {
		t.Errorf("generated item %s is incomplete: %+v", d.Code, d.Item)
	}
	doc, ok, err := catalog.NewSearchSource(st, ref).Get(ctx, "item:"+d.Code)
	if err != nil || !ok || len(doc.RegionPath) < 3 {
		t.Errorf("search doc of %s: %v %v %v", d.Code, ok, err, doc.RegionPath)
	}

	// A second run adds new codes instead of colliding.
	if _, err := catalog.GenerateScale(ctx, st, catalog.ScaleOptions{Items: 10}); err != nil {
		t.Fatal(err)
	}
	var second int64
	st.DB.Table("matter_items").Where("code LIKE ?", "%-S2").Count(&second)
	if second != 10 {
		t.Errorf("second run wrote %d -S2 items, want 10", second)
	}
	// New items created afterwards still get fresh ids (the sequence moved).
	if _, err := r.CreateItem(ctx, catalog.ItemDetail{Item: d.Item}); err == nil {
		t.Error("creating a duplicate code should fail")
	}
	it := d.Item
	it.Code = "20A0099-330106"
	if _, err := r.CreateItem(ctx, catalog.ItemDetail{Item: it, Materials: d.Materials}); err != nil {
		t.Errorf("create after scale run: %v", err)
	}
}

func TestScaleCommandReportsItsRate(t *testing.T) {
	st, _ := seeded(t)
	var out bytes.Buffer
	if err := catalog.ScaleCommand(context.Background(), st, []string{"--items", "50"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "wrote 50 items") || !strings.Contains(out.String(), "items/s") {
		t.Errorf("output %q", out.String())
	}
	if err := catalog.ScaleCommand(context.Background(), st, []string{"--items", "0"}, &out); err == nil {
		t.Error("--items 0 accepted")
	}
}
