package components

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"github.com/zwfw/portal/locales"
)

// renderComponent renders c in Chinese and parses the HTML fragment.
func renderComponent(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	return renderComponentLang(t, "zh-CN", c)
}

func renderComponentLang(t *testing.T, lang string, c templ.Component) *goquery.Document {
	t.Helper()
	return renderCtx(t, locales.WithLang(context.Background(), lang), c)
}

// renderWithChildren renders c with children, as `@c { children }` would.
func renderWithChildren(t *testing.T, c, children templ.Component) *goquery.Document {
	t.Helper()
	return renderCtx(t, templ.WithChildren(locales.WithLang(context.Background(), "zh-CN"), children), c)
}

// rawHTML is a trusted test fragment used as children.
func rawHTML(s string) templ.Component { return templ.Raw(s) }

func renderCtx(t *testing.T, ctx context.Context, c templ.Component) *goquery.Document {
	t.Helper()
	var b strings.Builder
	if err := c.Render(ctx, &b); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// attr returns the attribute of the first match, failing when absent.
func attr(t *testing.T, s *goquery.Selection, name string) string {
	t.Helper()
	if s.Length() == 0 {
		t.Fatalf("no element for attribute %q", name)
	}
	v, ok := s.First().Attr(name)
	if !ok {
		h, _ := goquery.OuterHtml(s.First())
		t.Fatalf("attribute %q missing on %s", name, h)
	}
	return v
}

func count(t *testing.T, doc *goquery.Document, sel string, want int) {
	t.Helper()
	if got := doc.Find(sel).Length(); got != want {
		t.Fatalf("%s: %d elements, want %d", sel, got, want)
	}
}

// assertDescribedBy checks that s's aria-describedby names exactly ids and
// that each id exists in doc.
func assertDescribedBy(t *testing.T, doc *goquery.Document, s *goquery.Selection, ids ...string) {
	t.Helper()
	got := strings.Fields(attr(t, s, "aria-describedby"))
	if strings.Join(got, " ") != strings.Join(ids, " ") {
		t.Fatalf("aria-describedby = %q, want %q", got, ids)
	}
	for _, id := range ids {
		if doc.Find("#"+id).Length() != 1 {
			t.Fatalf("aria-describedby names #%s which is not in the page", id)
		}
	}
}

// assertLabelled checks that the control with id has exactly one label
// whose text is want.
func assertLabelled(t *testing.T, doc *goquery.Document, id, want string) {
	t.Helper()
	l := doc.Find(`label[for="` + id + `"]`)
	if l.Length() != 1 {
		t.Fatalf("%d labels for #%s, want 1", l.Length(), id)
	}
	if got := strings.TrimSpace(l.Text()); got != want {
		t.Fatalf("label for #%s = %q, want %q", id, got, want)
	}
	if doc.Find("#"+id).Length() != 1 {
		t.Fatalf("label points at #%s which is not in the page", id)
	}
}
