package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"testing"

	"github.com/zwfw/portal/models"
)

// portal seed scale --cases N --consultations M writes exactly that many on
// top of the demo data (plus the demo account's fixed share), reports its
// rates, and leaves the item count alone unless --items is given.
func TestSeedScaleCasesAndConsultations(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"PORTAL_DATA_DIR": dir}
	ctx := context.Background()
	if err := run(ctx, []string{"seed", "demo"}, env(vars), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	count := func(table string) int64 {
		st, err := models.Open(ctx, "", dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var n int64
		st.DB.Table(table).Count(&n)
		return n
	}
	items, cases, consults := count("matter_items"), count("cases"), count("consultations")
	var out bytes.Buffer
	args := []string{"seed", "scale", "--cases", "400", "--consultations", "150", "--users", "20", "--demo-cases", "25", "--demo-consultations", "5"}
	if err := run(ctx, args, env(vars), &out, io.Discard); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, re := range []string{`wrote 425 cases .* for 21 applicants .*: \d+ cases/s`, `wrote 155 consultations .*: \d+ consultations/s`} {
		if !regexp.MustCompile(re).MatchString(out.String()) {
			t.Errorf("output lacks %q:\n%s", re, out.String())
		}
	}
	if got := count("cases") - cases; got != 425 {
		t.Errorf("%d new cases, want 425", got)
	}
	if got := count("consultations") - consults; got != 155 {
		t.Errorf("%d new consultations, want 155", got)
	}
	if got := count("matter_items"); got != items {
		t.Errorf("items %d → %d without --items", items, got)
	}
	// --items alone is the catalog generator, as before.
	out.Reset()
	if err := run(ctx, []string{"seed", "scale", "--items", "40"}, env(vars), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got := count("matter_items") - items; got != 40 || !regexp.MustCompile(`wrote 40 items .* items/s`).MatchString(out.String()) {
		t.Errorf("--items 40 wrote %d items:\n%s", got, out.String())
	}
	if err := run(ctx, []string{"seed", "scale", "--cases", "-1"}, env(vars), io.Discard, io.Discard); err == nil {
		t.Error("a negative count was accepted")
	}
}
