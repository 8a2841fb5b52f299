package errorspage

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/layout"
)

// Every status gets a localized title and body, in both languages, and the
// request ID; never a raw message key.
func TestEveryStatusIsLocalized(t *testing.T) {
	for _, lang := range locales.Langs {
		for _, status := range []int{400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 502, 503} {
			var b strings.Builder
			ctx := locales.WithLang(context.Background(), lang)
			err := Page(layout.Chrome{SiteName: "中国政务服务", Lang: lang}, Props{Status: status, RequestID: "req-42"}).Render(ctx, &b)
			if err != nil {
				t.Fatal(err)
			}
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
			h1 := doc.Find("h1").Text()
			if h1 == "" || strings.HasPrefix(h1, "error.") || strings.Contains(doc.Find(".zw-lead").Text(), "error.") {
				t.Errorf("%s %d: title %q is not a message", lang, status, h1)
			}
			if !strings.Contains(doc.Find("main").Text(), "req-42") {
				t.Errorf("%s %d: request ID missing", lang, status)
			}
		}
	}
}
