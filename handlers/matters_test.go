package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
)

// The six dimensions of C 0103 6.3.1–6.3.6 and the demo matter each must
// reach (issue 3 "Done when").
var matDims = []string{"type", "audience", "department", "theme", "level", "scope"}

const matTarget = "居民身份证换领"

func TestMattersNavigation(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()

	t.Run("every dimension page leads to the finder and to the guide", func(t *testing.T) {
		home := matGet(t, c, "/", http.StatusOK)
		for _, dim := range matDims {
			href := "/matters/by/" + dim
			if home.Find(`main a[href="`+href+`"]`).Length() != 1 {
				t.Errorf("home page has no link to %s", href)
			}
			doc := matGet(t, c, href, http.StatusOK)
			reached := false
			links := doc.Find("a.zw-dim__link")
			if links.Length() == 0 {
				t.Fatalf("%s lists no values", href)
			}
			links.Each(func(_ int, a *goquery.Selection) {
				finder := a.AttrOr("href", "")
				want := matNumber(a.Find(".zw-dim__count").Text())
				fdoc := matGet(t, c, finder, http.StatusOK)
				// A value's count is the number of results it leads to.
				if got := matTotal(t, fdoc); got != want {
					t.Errorf("%s: %q says %d, %s lists %d", href, a.Find(".zw-dim__label").Text(), want, finder, got)
				}
				if !reached {
					reached = matFollowToGuide(t, c, finder, fdoc)
				}
			})
			if !reached {
				t.Errorf("no value of %s leads to %s", href, matTarget)
			}
		}
	})

	t.Run("facet counts equal the results they lead to", func(t *testing.T) {
		base := url.Values{"audience": {"natural"}, "scope": {"national"}}
		doc := matGet(t, c, "/matters?"+base.Encode(), http.StatusOK)
		boxes := doc.Find(`form[action="/matters"] input[type="checkbox"]`)
		if boxes.Length() < 10 {
			t.Fatalf("only %d filter values offered", boxes.Length())
		}
		boxes.Each(func(_ int, in *goquery.Selection) {
			name, val := in.AttrOr("name", ""), in.AttrOr("value", "")
			label := doc.Find(`label[for="` + in.AttrOr("id", "") + `"]`).Text()
			want := matNumber(label[strings.LastIndex(label, "（"):])
			q := url.Values{}
			for k, v := range base {
				if k != name {
					q[k] = v
				}
			}
			q.Set(name, val)
			if got := matTotal(t, matGet(t, c, "/matters?"+q.Encode(), http.StatusOK)); got != want {
				t.Errorf("%s=%s: label %q, finder lists %d", name, val, label, got)
			}
		})
	})

	t.Run("filters combine", func(t *testing.T) {
		a := matTotal(t, matGet(t, c, "/matters?type=07", http.StatusOK))
		b := matTotal(t, matGet(t, c, "/matters?audience=legal", http.StatusOK))
		doc := matGet(t, c, "/matters?type=07&audience=natural", http.StatusOK)
		ab := matTotal(t, doc)
		if ab == 0 || ab > a || ab >= a+b {
			t.Fatalf("type=07: %d, audience=legal: %d, type=07 with natural: %d", a, b, ab)
		}
		for _, meta := range matTexts(doc.Find(".zw-results__meta")) {
			if !strings.Contains(meta, "行政确认") {
				t.Errorf("result %q is not 行政确认", meta)
			}
		}
		if doc.Find(`input[name="type"][value="07"][checked]`).Length() != 1 ||
			doc.Find(`input[name="audience"][value="natural"][checked]`).Length() != 1 {
			t.Error("chosen filters are not checked in the form")
		}
		chips := doc.Find("a.zw-finder__chip")
		if chips.Length() != 2 {
			t.Fatalf("%d active filters shown, want 2", chips.Length())
		}
		// Removing 事项类型 keeps 服务对象, and the clear-all link clears both.
		removed := matGet(t, c, chips.First().AttrOr("href", ""), http.StatusOK)
		if removed.Find("a.zw-finder__chip").Length() != 1 || matTotal(t, removed) < ab {
			t.Errorf("removing one filter: %q", chips.First().AttrOr("href", ""))
		}
		clear := doc.Find(`a[href="/matters"]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Text(), "清除")
		})
		if clear.Length() != 1 {
			t.Error("no clear-all link")
		}
	})

	t.Run("invalid filter values are dropped with a notice", func(t *testing.T) {
		r := c.Get("/matters?type=99&audience=natural&dept=%3Cscript%3Ex&sort=bogus&page=abc&level=1&level=1")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("status %d", r.StatusCode)
		}
		if strings.Contains(r.Body, "<script>x") {
			t.Fatal("an invalid value is echoed unescaped")
		}
		doc := r.Doc(t)
		notice := doc.Find("#zw-notices").Text()
		for _, want := range []string{"type=99", "dept=<script>x", "sort=bogus", "page=abc"} {
			if !strings.Contains(notice, want) {
				t.Errorf("notice %q does not name %q", notice, want)
			}
		}
		want := matTotal(t, matGet(t, c, "/matters?audience=natural&level=1", http.StatusOK))
		if got := matTotal(t, doc); got != want {
			t.Errorf("with invalid values %d results, without %d", got, want)
		}
	})

	t.Run("a page past the end shows the last page", func(t *testing.T) {
		doc := matGet(t, c, "/matters?audience=natural&page=9999", http.StatusOK)
		total := matTotal(t, doc)
		last := (total + 19) / 20
		cur := doc.Find(`.zw-pagination [aria-current="page"]`).Text()
		if matNumber(cur) != last || doc.Find(".zw-results__item").Length() == 0 {
			t.Fatalf("current page %q, want %d with results", cur, last)
		}
		if !strings.Contains(doc.Find("#zw-notices").Text(), "最后一页") {
			t.Error("no notice that the last page is shown")
		}
	})

	t.Run("the chosen region limits the lists", func(t *testing.T) {
		all := matTotal(t, matGet(t, c, "/matters", http.StatusOK))
		rc := env.Client()
		u, _ := url.Parse(env.Server.URL)
		rc.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: handlers.RegionCookie, Value: "330106", Path: "/"}})
		doc := matGet(t, rc, "/matters", http.StatusOK)
		local := matTotal(t, doc)
		if local == 0 || local >= all {
			t.Fatalf("杭州市西湖区: %d results, nationwide %d", local, all)
		}
		if !strings.Contains(doc.Find(".zw-finder__region").Text(), "西湖区") {
			t.Error("the region in use is not shown")
		}
		for _, meta := range matTexts(doc.Find(".zw-results__meta")) {
			if !strings.Contains(meta, "杭州") && !strings.Contains(meta, "浙江") && !strings.Contains(meta, "西湖") && !strings.Contains(meta, "全国") {
				t.Errorf("result outside the region: %q", meta)
			}
		}
	})

	t.Run("unknown dimension is a 404", func(t *testing.T) {
		matGet(t, c, "/matters/by/colour", http.StatusNotFound)
	})
}

// matFollowToGuide looks for the target matter on the finder's pages and
// opens its guide; false when the list does not hold it.
func matFollowToGuide(t *testing.T, c *handlertest.Client, first string, doc *goquery.Document) bool {
	t.Helper()
	for page := 0; page < 30; page++ {
		link := doc.Find(".zw-results__title a").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.TrimSpace(s.Text()) == matTarget
		}).First()
		if link.Length() == 1 {
			guide := matGet(t, c, link.AttrOr("href", ""), http.StatusOK)
			if h1 := strings.TrimSpace(guide.Find("h1").Text()); h1 != matTarget {
				t.Errorf("%s opens %q", link.AttrOr("href", ""), h1)
			}
			return true
		}
		next := doc.Find(`a[rel="next"]`).AttrOr("href", "")
		if next == "" {
			return false
		}
		doc = matGet(t, c, next, http.StatusOK)
	}
	return false
}
