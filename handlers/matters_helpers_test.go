package handlers_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers/handlertest"
)

// matGet fetches path and fails unless the status is want.
func matGet(t *testing.T, c *handlertest.Client, path string, want int) *goquery.Document {
	t.Helper()
	r := c.Get(path)
	if r.StatusCode != want {
		t.Fatalf("GET %s = %d, want %d\n%.500s", path, r.StatusCode, want, r.Body)
	}
	doc := r.Doc(t)
	matNoLeak(t, path, doc)
	return doc
}

var matLeak = regexp.MustCompile(`\b(matters|sites|dim)\.[a-z_]+(\.[a-z_0-9]+)*\b|%!|runtime error|record not found`)

// matNoLeak fails on raw locale keys, fmt errors or Go errors in the page.
func matNoLeak(t *testing.T, path string, doc *goquery.Document) {
	t.Helper()
	d := doc.Clone()
	d.Find("script, style").Remove()
	if m := matLeak.FindString(d.Text()); m != "" {
		t.Errorf("%s shows %q", path, m)
	}
	if n := d.Find("h1").Length(); n != 1 {
		t.Errorf("%s has %d h1 elements", path, n)
	}
}

var matDigits = regexp.MustCompile(`\d+`)

// matNumber is the first number in s (-1 when none).
func matNumber(s string) int {
	m := matDigits.FindString(s)
	if m == "" {
		return -1
	}
	n, _ := strconv.Atoi(m)
	return n
}

// matTotal reads the finder's result count.
func matTotal(t *testing.T, doc *goquery.Document) int {
	t.Helper()
	n := matNumber(doc.Find("#results").Text())
	if n < 0 {
		t.Fatalf("no result count on the page: %q", doc.Find("#results").Text())
	}
	return n
}

// matItemCode finds the implementation code of a demo matter by name.
func matItemCode(t testing.TB, env *handlertest.Env, name, cond string, args ...any) string {
	t.Helper()
	var code string
	q := `SELECT i.code FROM matter_items i WHERE i.name = ? AND i.status = 'published'`
	if cond != "" {
		q += " AND " + cond
	}
	err := env.Store.DB.WithContext(context.Background()).Raw(q+" ORDER BY i.code LIMIT 1", append([]any{name}, args...)...).Scan(&code).Error
	if err != nil || code == "" {
		t.Fatalf("no demo item %q (%v)", name, err)
	}
	return code
}

func matTexts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, x *goquery.Selection) { out = append(out, strings.TrimSpace(x.Text())) })
	return out
}
