package handlers_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers/handlertest"
)

// C 0103 8.1: 32 provincial units (新疆生产建设兵团 included, no Taiwan, Hong
// Kong or Macau) and the national departments each have a sub-site; 8.2:
// each home shows policies, interpretations, topics, matters and apps.
func TestSubSites(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	list := matGet(t, c, "/sites", http.StatusOK)

	t.Run("the list holds the 32 provincial units and the departments", func(t *testing.T) {
		prov := list.Find("a").FilterFunction(func(_ int, a *goquery.Selection) bool {
			return regexp.MustCompile(`^/sites/\d{6}$`).MatchString(a.AttrOr("href", ""))
		})
		if prov.Length() != 32 {
			t.Fatalf("%d provincial sites, want 32", prov.Length())
		}
		if list.Find(`a[href="/sites/660000"]`).Text() != "新疆生产建设兵团" || list.Find(`a[href="/sites/710000"]`).Length() != 0 {
			t.Error("660000 must be listed and 710000 must not")
		}
		if list.Find(`a[href^="/sites/N"]`).Length() < 50 {
			t.Error("national departments missing")
		}
		if list.Find(`header nav a[href="/sites"]`).Length() != 1 {
			t.Error("primary navigation does not link the sub-sites")
		}
	})

	t.Run("province 330000", func(t *testing.T) { subSiteHome(t, c, "/sites/330000", "浙江省") })

	t.Run("department 公安部", func(t *testing.T) {
		href := list.Find("a").FilterFunction(func(_ int, a *goquery.Selection) bool { return a.Text() == "公安部" }).AttrOr("href", "")
		subSiteHome(t, c, href, "公安部")
	})

	t.Run("pages read in English", func(t *testing.T) {
		en := env.Client()
		for _, p := range []string{"/sites", "/sites/330000", "/matters", "/matters/by/type", "/matters/by/theme",
			"/matters/" + matItemCode(t, env, matTarget, "")} {
			req, _ := http.NewRequest(http.MethodGet, env.Server.URL+p, nil)
			req.Header.Set("Accept-Language", "en")
			r := en.Do(req)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("%s = %d", p, r.StatusCode)
			}
			doc := r.Doc(t)
			matNoLeak(t, p, doc)
			if doc.Find("html").AttrOr("lang", "") != "en" {
				t.Errorf("%s is not in English", p)
			}
		}
	})

	t.Run("unknown sites and documents are 404", func(t *testing.T) {
		home := matGet(t, c, "/sites/320000", http.StatusOK)
		jsPolicy := home.Find(`a[href^="/sites/320000/policies/"]`).First().AttrOr("href", "")
		for _, p := range []string{"/sites/999999", "/sites/710000", "/sites/330100", "/sites/N999",
			"/sites/330000/policies/99999", "/sites/330000/topics/abc", "/sites/330000/interpretations/0",
			strings.Replace(jsPolicy, "320000", "330000", 1)} {
			matGet(t, c, p, http.StatusNotFound)
		}
	})
}

// subSiteHome checks one sub-site's home and follows every link to its
// policies, interpretations, topics, matters and apps.
func subSiteHome(t *testing.T, c *handlertest.Client, href, name string) {
	t.Helper()
	doc := matGet(t, c, href, http.StatusOK)
	if h1 := doc.Find("h1").Text(); h1 != name {
		t.Fatalf("%s: h1 %q", href, h1)
	}
	for _, h := range []string{"政策服务", "政策解读", "政务服务专题", "政务服务事项", "政务服务应用"} {
		if !strings.Contains(strings.Join(matTexts(doc.Find("h2")), ","), h) {
			t.Errorf("%s lacks the %s column", href, h)
		}
	}
	for _, kind := range []string{"policies", "interpretations", "topics"} {
		links := doc.Find(`a[href^="` + href + `/` + kind + `/"]`)
		if links.Length() < 2 {
			t.Errorf("%s lists %d %s", href, links.Length(), kind)
		}
		links.Each(func(_ int, a *goquery.Selection) {
			page := matGet(t, c, a.AttrOr("href", ""), http.StatusOK)
			if page.Find("h1").Text() != a.Text() {
				t.Errorf("%s opens %q", a.Text(), page.Find("h1").Text())
			}
			switch kind {
			case "interpretations":
				// 8.2 b: linked to its policy and to the matters it affects.
				if page.Find(`main a[href*="/policies/"]`).Length() != 1 {
					t.Errorf("interpretation %q does not link its policy", a.Text())
				}
				matLinkedGuides(t, c, page, a.Text())
			case "topics":
				matLinkedGuides(t, c, page, a.Text())
			case "policies":
				if len(page.Find(".zw-sites__body p").Nodes) == 0 {
					t.Errorf("policy %q has no text", a.Text())
				}
			}
		})
	}
	total := matNumber(doc.Find("h2#matters + p").Text())
	all := doc.Find(`a[href="/matters?site=`+strings.TrimPrefix(href, "/sites/")+`"]`).AttrOr("href", "")
	if total <= 0 || matTotal(t, matGet(t, c, all, http.StatusOK)) != total {
		t.Errorf("%s: %d matters, finder %s disagrees", href, total, all)
	}
	apps := doc.Find(".zw-sites__app")
	if apps.Length() < 2 {
		t.Errorf("%s: %d apps", href, apps.Length())
	}
	apps.Each(func(_ int, li *goquery.Selection) {
		link := li.Find("a")
		paused := strings.Contains(li.Text(), "暂停服务")
		if paused == (link.Length() == 1) {
			t.Errorf("app %q: paused=%v but %d links", li.Find("h3").Text(), paused, link.Length())
		}
		// An online app opens in the portal's container (C 0103 8.3).
		if href := link.AttrOr("href", ""); link.Length() == 1 && !strings.HasPrefix(href, "/apps/") {
			t.Errorf("app link %q does not open the container", href)
		} else if link.Length() == 1 {
			if r := c.Get(href); r.StatusCode != http.StatusOK {
				t.Errorf("app container %s = %d", href, r.StatusCode)
			}
		}
	})
}

// matLinkedGuides checks that a page links at least one guide and that
// every linked guide opens.
func matLinkedGuides(t *testing.T, c *handlertest.Client, page *goquery.Document, what string) {
	t.Helper()
	guides := page.Find(`main a[href^="/matters/"]`)
	if guides.Length() == 0 {
		t.Errorf("%q links no matter", what)
	}
	guides.Each(func(_ int, g *goquery.Selection) {
		d := matGet(t, c, g.AttrOr("href", ""), http.StatusOK)
		if d.Find("h1").Text() != g.Text() {
			t.Errorf("%q → %q", g.Text(), d.Find("h1").Text())
		}
	})
}
