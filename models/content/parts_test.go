package content

import (
	"errors"
	"testing"

	"github.com/zwfw/portal/models"
)

// Part rows are checked and cleaned like the item's own fields: required
// fields, code sets (材料必要性 of reference.md §3), counts, rich text.
func TestNormalizePartChecksAndCleans(t *testing.T) {
	_, err := normalizePart(PartMaterials, map[string]string{"necessity": "随便", "copies": "100", "form": "传真"})
	var ve *models.ValidationError
	if !errors.As(err, &ve) || ve.Fields["name"] != "admin.err.required" || ve.Fields["necessity"] != "admin.err.choice" ||
		ve.Fields["copies"] != "admin.err.count" || ve.Fields["form"] != "admin.err.choice" {
		t.Fatalf("errors: %v", err)
	}
	got, err := normalizePart(PartMaterials, map[string]string{"name": " <b>户口簿</b> ", "necessity": "必要", "notes": "<p>一</p><script>x()</script><p>二</p>"})
	if err != nil || got["name"] != "户口簿" || got["notes"] != "一\n\n二" || got["copies"] != "0" {
		t.Fatalf("cleaned: %q %v", got, err)
	}
	fee, _ := normalizePart(PartFees, map[string]string{"name": "工本费", "standard": "20元", "waivable": "yes"})
	if fee["waivable"] != "0" {
		t.Fatal("only \"1\" ticks a yes/no field")
	}
	if l := (Part{Values: map[string]string{"name": "工本费", "standard": "20元", "waivable": "1"}}).Line(PartFees); l != "工本费；20元；允许减免" {
		t.Fatalf("line: %q", l)
	}
}

// Rows written before parts were kept have no part lines: their diffs
// leave the parts out instead of showing every row as added.
func TestDiffPartsSkipsOldSnapshots(t *testing.T) {
	if d := DiffParts(nil, map[string][]string{PartFAQs: {"问"}}); d != nil {
		t.Fatalf("old snapshot diffed: %v", d)
	}
	d := DiffParts(map[string][]string{PartFAQs: {"问一", "问二"}}, map[string][]string{PartFAQs: {"问一"}})
	if len(d) != 1 || d[0].Field != PartFAQs || len(d[0].Lines) != 2 || d[0].Lines[1].Op != OpDelete {
		t.Fatalf("diff: %+v", d)
	}
}
