package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
)

// fakeDocs: 25 matching 证 (three pages), two departments, three regions.
func searchFakeDocs() []search.Doc {
	docs := []search.Doc{
		{ID: "item:sfz", Kind: "matter", Title: "居民身份证换领", Keywords: []string{"身份证", "sfz"}, URL: "/matters/sfz",
			Body: "居民身份证有效期满换领新证。", RegionPath: []string{"330106", "330100", "330000"},
			Facets: map[string][]string{"type": {"20"}, "group": {"public"}, "audience": {"natural"}, "dept": {"N007"},
				"region": {"330106"}, "online": {"1"}, "theme_n": {"090"}}},
		{ID: "app:1", Kind: "app", Title: "电子证照应用", URL: "/apps/1", RegionPath: []string{refdata.National},
			Facets: map[string][]string{"region": {refdata.National}}},
		{ID: "policy:1", Kind: "policy", Title: "证照分离改革政策", URL: "/sites/330000/policies/1", RegionPath: []string{"330000"},
			Facets: map[string][]string{"region": {"330000"}}},
	}
	for i := 0; i < 22; i++ {
		dept, typ := "N007", "01"
		if i%2 == 1 {
			dept, typ = "N001", "07"
		}
		docs = append(docs, search.Doc{ID: fmt.Sprintf("item:x%d", i), Kind: "matter", Title: fmt.Sprintf("许可证%02d办理", i),
			URL: fmt.Sprintf("/matters/x%d", i), RegionPath: []string{refdata.National},
			Facets: map[string][]string{"type": {typ}, "group": {"power"}, "audience": {"legal"}, "dept": {dept},
				"region": {refdata.National}, "online": {"0"}}})
	}
	return docs
}

func searchFakeEnv(t *testing.T) (*handlertest.Env, *handlers.FakeSearch) {
	t.Helper()
	env := handlertest.NewWithDemo(t)
	ref, err := refdata.Load(context.Background(), env.Store)
	if err != nil {
		t.Fatal(err)
	}
	f := &handlers.FakeSearch{Docs: searchFakeDocs(), Hot: []string{"社保查询", "公积金提取"}, Banned: "违禁样例",
		Typos: map[string]string{"身分证": "身份证"}}
	handlers.UseFakeSearch(env.App, ref, f)
	return env, f
}

func searchGet(t *testing.T, c *handlertest.Client, path string) *goquery.Document {
	t.Helper()
	r := c.Get(path)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d\n%.500s", path, r.StatusCode, r.Body)
	}
	return r.Doc(t)
}

func searchTexts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, x *goquery.Selection) { out = append(out, strings.Join(strings.Fields(x.Text()), " ")) })
	return out
}

func TestSearchPageWithScriptedEngine(t *testing.T) {
	env, f := searchFakeEnv(t)
	c := env.Client()

	t.Run("results, count in a status region, tabs with counts", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("证"))
		if got := d.Find("[role=status][data-zw-result-count]").Text(); got != "找到 25 条结果" {
			t.Errorf("count = %q", got)
		}
		if d.Find("h1").Length() != 1 || !strings.Contains(d.Find("h1").Text(), "证") {
			t.Errorf("h1 = %q", d.Find("h1").Text())
		}
		if n := d.Find(".zw-search-hit").Length(); n != 10 {
			t.Errorf("hits on page 1 = %d, want 10", n)
		}
		cur := d.Find(".zw-search-tabs a[aria-current=page]")
		if !strings.Contains(cur.Text(), "全部") || !strings.Contains(cur.Text(), "25") {
			t.Errorf("current tab = %q", cur.Text())
		}
		power := d.Find(`.zw-search-tabs a[href*="scope=power"]`)
		if !strings.Contains(power.Text(), "行政权力") || !strings.Contains(power.Text(), "（22）") {
			t.Errorf("power tab = %q", power.Text())
		}
	})

	t.Run("scope tab narrows", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("证")+"&scope=policy")
		if got := searchTexts(d.Find(".zw-search-hit__title")); len(got) != 1 || got[0] != "证照分离改革政策" {
			t.Errorf("policy hits = %v", got)
		}
		if tag := d.Find(".zw-search-hit .zw-tag").Text(); tag != "政策" {
			t.Errorf("kind tag = %q", tag)
		}
	})

	t.Run("facet link narrows to its count", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("证"))
		link := d.Find("#facet-dept").Parent().Find("a").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Text(), "公安部")
		})
		if link.Length() != 1 {
			t.Fatalf("no 公安部 in the department facet: %v", searchTexts(d.Find(".zw-search-facet a")))
		}
		want := strings.TrimSpace(link.Find(".zw-search-facet__count").Text())
		href, _ := link.Attr("href")
		d2 := searchGet(t, c, href)
		if got := d2.Find("[data-zw-result-count]").Text(); got != "找到 "+strings.TrimSuffix(want, " 条")+" 条结果" {
			t.Errorf("after %s: %q, facet said %q", href, got, want)
		}
		if rm := d2.Find(".zw-search-applied a"); !strings.Contains(rm.Text(), "部门：公安部") {
			t.Errorf("applied filter = %q", rm.Text())
		}
	})

	t.Run("page past the end shows the last page", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("证")+"&page=99")
		if n := d.Find(".zw-search-hit").Length(); n != 5 {
			t.Errorf("hits on the last page = %d, want 5", n)
		}
		if cur := d.Find(".zw-pagination [aria-current=page]").Text(); cur != "3" {
			t.Errorf("current page = %q", cur)
		}
	})

	t.Run("bad filter values are dropped with a notice", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("证")+"&type=99&dept=NOPE&scope=zzz&page=-1")
		n := searchTexts(d.Find("#search-notices li"))
		if len(n) != 4 {
			t.Errorf("notices = %v", n)
		}
		if got := d.Find("[data-zw-result-count]").Text(); got != "找到 25 条结果" {
			t.Errorf("count = %q", got)
		}
	})

	t.Run("correction offers the original query", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("身分证"))
		if got := d.Find("#search-correction").Text(); !strings.Contains(got, "已为您显示“身份证”的结果") {
			t.Errorf("correction = %q", got)
		}
		a := d.Find("#search-correction a")
		href, _ := a.Attr("href")
		if a.Text() != "仍然搜索“身分证”" || !strings.Contains(href, "exact=1") || !strings.Contains(href, url.QueryEscape("身分证")) {
			t.Errorf("original link = %q %q", a.Text(), href)
		}
		if d := searchGet(t, c, href); d.Find("#search-correction").Length() != 0 || d.Find(".zw-search-hit").Length() != 0 {
			t.Errorf("exact=1 still corrected")
		}
	})

	t.Run("empty query shows hot words and recommendations", func(t *testing.T) {
		d := searchGet(t, c, "/search")
		if got := searchTexts(d.Find(".zw-search-hot a")); strings.Join(got, ",") != "社保查询,公积金提取" {
			t.Errorf("hot words = %v", got)
		}
		href, _ := d.Find(".zw-search-hot a").First().Attr("href")
		if href != "/search?q="+url.QueryEscape("社保查询") {
			t.Errorf("hot word link = %q", href)
		}
		if d.Find(".zw-search-recs li").Length() == 0 || !strings.Contains(d.Find(".zw-search-recs").Text(), "同一部门：公安部") {
			t.Errorf("recommendations = %q", d.Find(".zw-search-recs").Text())
		}
		if d.Find(".zw-search-hit").Length() != 0 || d.Find("[data-zw-result-count]").Length() != 0 {
			t.Error("empty query shows results")
		}
	})

	t.Run("banned word: message, nothing echoed, not searched", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("我要违禁样例"))
		if !strings.Contains(d.Find("#search-banned").Text(), "不允许搜索") {
			t.Errorf("banned message missing")
		}
		if v, _ := d.Find("input#q").Attr("value"); v != "" || strings.Contains(d.Find("title,h1").Text(), "违禁样例") {
			t.Errorf("banned query echoed: value %q", v)
		}
		if d.Find(".zw-search-hit").Length() != 0 {
			t.Error("banned query shows hits")
		}
	})

	t.Run("1001 characters are trimmed with a notice", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+strings.Repeat("证", 1001))
		if !strings.Contains(d.Find("#search-notices").Text(), "只搜索了前 1000 个字") {
			t.Errorf("notices = %q", d.Find("#search-notices").Text())
		}
		if v, _ := d.Find("input#q").Attr("value"); len([]rune(v)) != 1000 {
			t.Errorf("box keeps %d characters", len([]rune(v)))
		}
	})

	t.Run("no-JS suggestions are links", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("身份证"))
		a := d.Find("#search-suggestions a")
		if a.Length() == 0 || a.First().Text() != "居民身份证换领" {
			t.Fatalf("suggestions = %v", searchTexts(a))
		}
		if href, _ := a.First().Attr("href"); href != "/matters/sfz" {
			t.Errorf("suggestion href = %q", href)
		}
	})

	t.Run("region ranks first with the reason", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("身份证 许可证")+"&visitor=330106")
		first := d.Find(".zw-search-hit").First()
		if first.Find(".zw-search-hit__title").Text() != "居民身份证换领" ||
			first.Find(".zw-search-hit__reason").Text() != "您所在地区：杭州市西湖区" {
			t.Errorf("first hit = %q / %q", first.Find(".zw-search-hit__title").Text(), first.Find(".zw-search-hit__reason").Text())
		}
		d = searchGet(t, c, "/search?q="+url.QueryEscape("身份证")+"&region=330106")
		if got := d.Find(".zw-search-hit__reason").Text(); got != "所选地区：杭州市西湖区" {
			t.Errorf("chosen region reason = %q", got)
		}
	})

	t.Run("queries are logged once, refinements are not", func(t *testing.T) {
		before := len(f.Logged())
		searchGet(t, c, "/search?q=logme")
		searchGet(t, c, "/search?q=logme&scope=app")
		searchGet(t, c, "/search?q=logme&type=01")
		searchGet(t, c, "/search?q=logme&page=2")
		deadline := time.Now().Add(2 * time.Second)
		for len(f.Logged()) == before && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		if got := f.Logged()[before:]; len(got) != 1 || got[0] != "logme" {
			t.Errorf("logged %v", got)
		}
	})
}

func TestSuggestEndpoint(t *testing.T) {
	env, _ := searchFakeEnv(t)
	c := env.Client()
	r := c.Get("/api/v1/search/suggest?q=" + url.QueryEscape("身份"))
	var items []map[string]string
	if err := json.Unmarshal([]byte(r.Body), &items); err != nil || r.StatusCode != 200 {
		t.Fatalf("%d %s %v", r.StatusCode, r.Body, err)
	}
	if len(items) == 0 || items[0]["text"] != "居民身份证换领" || items[0]["kind"] != "title" || items[0]["url"] != "/matters/sfz" {
		t.Errorf("items = %v", items)
	}
	r = c.Get("/api/v1/search/suggest?q=" + url.QueryEscape("证"))
	if err := json.Unmarshal([]byte(r.Body), &items); err != nil || len(items) != 8 {
		t.Errorf("suggest caps at 8: %d %v", len(items), err)
	}
	for _, q := range []string{"", "%00", "%E2%80%AE", "'", "%F0%9F%98%80"} {
		r = c.Get("/api/v1/search/suggest?q=" + q)
		if r.StatusCode != 200 || !strings.HasPrefix(r.Body, "[") {
			t.Errorf("suggest %q = %d %s", q, r.StatusCode, r.Body)
		}
	}
}

func TestSearchScriptMessagesAndNearest(t *testing.T) {
	env, _ := searchFakeEnv(t)
	c := env.Client()
	var m map[string]string
	r := c.Get("/api/v1/search/messages")
	if err := json.Unmarshal([]byte(r.Body), &m); err != nil || m["search.js.voice"] != "语音输入" {
		t.Errorf("messages = %s %v", r.Body, err)
	}
	// 西湖区 centroid area (Hangzhou West Lake) → 330106.
	r = c.Get("/api/v1/search/nearest?lat=30.26&lng=120.13")
	var place map[string]string
	if err := json.Unmarshal([]byte(r.Body), &place); err != nil || place["code"] != "330106" || place["name"] != "杭州市西湖区" {
		t.Errorf("nearest = %d %s", r.StatusCode, r.Body)
	}
	for _, q := range []string{"lat=abc&lng=1", "lat=51.5&lng=-0.12", "lat=999&lng=999"} {
		if r := c.Get("/api/v1/search/nearest?" + q); r.StatusCode != http.StatusBadRequest && r.StatusCode != http.StatusNotFound {
			t.Errorf("nearest %s = %d", q, r.StatusCode)
		}
	}
}
