package handlers_test

import (
	"net/http"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
)

func TestComponentGalleryInDevOnly(t *testing.T) {
	dev := handlertest.New(t)
	r := dev.Client().Get("/_components")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("dev /_components = %d, want 200", r.StatusCode)
	}
	doc := r.Doc(t)
	if doc.Find("h1").Length() != 1 || doc.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 {
		t.Fatal("gallery: one h1, noindex")
	}
	// Every component is shown, including a failed form whose summary
	// links land on controls that exist.
	for _, sel := range []string{"button.zw-button", "a.zw-button", "input.zw-input", "textarea", "select", "input[type=radio]",
		"input[type=checkbox]", ".zw-date", "input[type=file]", ".zw-error-summary", ".zw-error-message", ".zw-breadcrumbs",
		".zw-pagination", ".zw-tag", ".zw-banner", "dl.zw-summary", "details", "table", "svg.zw-icon"} {
		if doc.Find(sel).Length() == 0 {
			t.Errorf("gallery lacks %s", sel)
		}
	}
	doc.Find(".zw-error-summary a").Each(func(_ int, a *goquery.Selection) {
		if doc.Find(a.AttrOr("href", "")).Filter("input, textarea, select").Length() != 1 {
			t.Errorf("error summary link %s does not land on a control", a.AttrOr("href", ""))
		}
	})
	seen := map[string]bool{}
	doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("id", "")
		if seen[id] {
			t.Errorf("duplicate id %q", id)
		}
		seen[id] = true
	})
	assertNoLeak(t, "/_components", doc)
	if dev.Client().Get("/_components?elder=1").Doc(t).Find("html.zw-elder").Length() != 1 {
		t.Error("?elder=1 should preview elder mode")
	}

	prod := handlertest.New(t, func(d *handlers.Deps) { d.Options.Prod = true })
	if r := prod.Client().Get("/_components"); r.StatusCode != http.StatusNotFound {
		t.Fatalf("prod /_components = %d, want 404", r.StatusCode)
	}
}
