package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
)

// These tests drive the real engine over the demo catalog through the full
// router (SQLite by default, PostgreSQL with TEST_DATABASE_URL).

func searchTop(d *goquery.Document, n int) []string {
	return searchTexts(d.Find(".zw-search-hit__title a").Slice(0, min(n, d.Find(".zw-search-hit__title a").Length())))
}

func searchHasPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func TestSearchOverDemoCatalog(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()

	for _, q := range []string{"身份证", "sfz", "shenfenzheng"} {
		t.Run("top 3 for "+q, func(t *testing.T) {
			d := searchGet(t, c, "/search?q="+url.QueryEscape(q))
			if top := searchTop(d, 3); !searchHasPrefix(top, "居民身份证换领") {
				t.Errorf("top 3 for %q = %v", q, top)
			}
		})
	}

	t.Run("typo is corrected and the original offered", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("身分证"))
		if got := d.Find("#search-correction").Text(); !strings.Contains(got, "已为您显示“身份证”的结果") {
			t.Fatalf("correction = %q", got)
		}
		a := d.Find("#search-correction a")
		href, _ := a.Attr("href")
		if a.Text() != "仍然搜索“身分证”" || !strings.Contains(href, "exact=1") {
			t.Errorf("original link = %q %q", a.Text(), href)
		}
		d = searchGet(t, c, href)
		if d.Find("#search-correction").Length() != 0 || !strings.Contains(d.Find("h1").Text(), "身分证") {
			t.Errorf("the original query was corrected again: %q", d.Find("#search-correction").Text())
		}
		if v, _ := d.Find("input#q").Attr("value"); v != "身分证" {
			t.Errorf("box = %q", v)
		}
	})

	t.Run("scope tab narrows", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("证"))
		all := searchCount(t, d)
		tab := d.Find(`.zw-search-tabs a[href*="scope=natural"]`)
		href, _ := tab.Attr("href")
		d2 := searchGet(t, c, href)
		n := searchCount(t, d2)
		if n == 0 || n >= all {
			t.Errorf("自然人服务 %d of %d", n, all)
		}
		if !strings.Contains(tab.Text(), "（"+strconv.Itoa(n)+"）") {
			t.Errorf("tab %q does not say %d", tab.Text(), n)
		}
	})

	t.Run("facet narrows to its count", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape("证"))
		all := searchCount(t, d)
		link := d.Find("#facet-dept").Parent().Find("a").First()
		href, _ := link.Attr("href")
		want := strings.TrimSuffix(strings.TrimSpace(link.Find(".zw-search-facet__count").Text()), " 条")
		d2 := searchGet(t, c, href)
		if got := strconv.Itoa(searchCount(t, d2)); got != want || searchCount(t, d2) >= all {
			t.Errorf("%s: %s results, facet said %s (of %d)", href, got, want, all)
		}
	})

	t.Run("1001 characters: trimmed notice", func(t *testing.T) {
		d := searchGet(t, c, "/search?q="+url.QueryEscape(strings.Repeat("证", 1001)))
		if !strings.Contains(d.Find("#search-notices").Text(), "只搜索了前 1000 个字") {
			t.Errorf("notices = %q", d.Find("#search-notices").Text())
		}
	})

	t.Run("recommendations say why, once per matter", func(t *testing.T) {
		for _, path := range []string{"/search?q=" + url.QueryEscape("身份证"), "/search"} {
			d := searchGet(t, c, path)
			items := d.Find(".zw-search-recs__item")
			titles := searchTexts(items.Find("a"))
			seen := map[string]bool{}
			for _, tt := range titles {
				if seen[tt] {
					t.Errorf("%s: %q recommended twice", path, tt)
				}
				seen[tt] = true
			}
			if len(titles) == 0 || items.Find(".zw-search-recs__reason").Length() != len(titles) {
				t.Errorf("%s: recommendations %v without reasons", path, titles)
			}
		}
	})

	t.Run("region cascade without JS, step by step", func(t *testing.T) {
		base := "/search?q=" + url.QueryEscape("社保")
		d := searchGet(t, c, base+"&province=330000")
		if d.Find("select[name=city]").Length() != 1 || d.Find("select[name=county]").Length() != 0 {
			t.Fatalf("after the province: city select %d, county select %d", d.Find("select[name=city]").Length(), d.Find("select[name=county]").Length())
		}
		if !strings.Contains(d.Find(".zw-search-applied").Text(), "办理地区：浙江省") {
			t.Errorf("applied = %q", d.Find(".zw-search-applied").Text())
		}
		d = searchGet(t, c, base+"&province=330000&city=330100&county=330106")
		if v, _ := d.Find("select[name=county] option[selected]").Attr("value"); v != "330106" {
			t.Errorf("county kept = %q", v)
		}
		if got := d.Find(".zw-search-hit__reason").First().Text(); got != "所选地区：杭州市西湖区" {
			t.Errorf("first hit reason = %q", got)
		}
		// A city of another province is dropped, the province kept.
		d = searchGet(t, c, base+"&province=330000&city=110100")
		if !strings.Contains(d.Find(".zw-search-applied").Text(), "办理地区：浙江省") || strings.Contains(d.Find(".zw-search-applied").Text(), "北京") {
			t.Errorf("applied = %q", d.Find(".zw-search-applied").Text())
		}
	})

	t.Run("visitor's region ranks first with the reason", func(t *testing.T) {
		v := env.Client()
		if r := v.Post("/region", url.Values{"code": {"330106"}, "return_to": {"/"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("choose region = %d", r.StatusCode)
		}
		d := searchGet(t, v, "/search?q="+url.QueryEscape("身份证"))
		first := d.Find(".zw-search-hit").First()
		if r := first.Find(".zw-search-hit__reason").Text(); r != "您所在地区：杭州市西湖区" {
			t.Errorf("first hit %q reason %q", first.Find("h3").Text(), r)
		}
		if h := d.Find("#search-recs-title").Text(); !strings.Contains(h, "杭州市西湖区") {
			t.Errorf("recommendations heading = %q", h)
		}
	})

	t.Run("suggest JSON for shen", func(t *testing.T) {
		r := c.Get("/api/v1/search/suggest?q=shen")
		var items []struct{ Text, Kind, URL string }
		if err := json.Unmarshal([]byte(r.Body), &items); err != nil || r.StatusCode != http.StatusOK {
			t.Fatalf("%d %s", r.StatusCode, r.Body)
		}
		var found bool
		for _, it := range items {
			found = found || strings.HasPrefix(it.Text, "居民身份证")
		}
		if !found || len(items) > 8 {
			t.Errorf("suggestions for shen = %+v", items)
		}
	})

	t.Run("no-JS suggestions section", func(t *testing.T) {
		d := searchGet(t, c, "/search?q=shen")
		if !searchHasPrefix(searchTexts(d.Find("#search-suggestions a")), "居民身份证") {
			t.Errorf("suggestions = %v", searchTexts(d.Find("#search-suggestions a")))
		}
	})
}

// TestSearchHotWordsAndBannedWords: the empty search page lists what
// visitors searched most (the query log), never a banned word; a banned
// word is refused with a message and not echoed.
func TestSearchHotWordsAndBannedWords(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	// Yesterday's searches, as the engine logs them (migration 0004). They
	// are written before the first request: the engine computes the hot
	// words once and keeps them for a few minutes.
	day := time.Now().UTC().Unix()/86400 - 1
	for i, q := range []string{"居住证", "居住证", "居住证", "网络赌博", "网络赌博", "网络赌博", "网络赌博", "公积金提取"} {
		err := env.Store.DB.Exec("INSERT INTO query_log (query, result_count, banned, log_day, created_at) VALUES (?, ?, ?, ?, ?)",
			q, 5, q == "网络赌博" && i%2 == 0, day, time.Now().UTC().Add(-24*time.Hour)).Error
		if err != nil {
			t.Fatal(err)
		}
	}
	c := env.Client()
	d := searchGet(t, c, "/search")
	hot := searchTexts(d.Find(".zw-search-hot a"))
	if len(hot) < 2 || hot[0] != "居住证" || !searchHas(hot, "公积金提取") || strings.Contains(strings.Join(hot, ","), "赌博") {
		t.Errorf("hot words = %v", hot)
	}
	href, _ := d.Find(".zw-search-hot a").First().Attr("href")
	if href != "/search?q="+url.QueryEscape("居住证") {
		t.Errorf("hot word link = %q", href)
	}
	d = searchGet(t, c, "/search?q="+url.QueryEscape("我想了解网络赌博"))
	if !strings.Contains(d.Find("#search-banned").Text(), "不允许搜索") || d.Find(".zw-search-hit").Length() > 0 {
		t.Errorf("banned word not refused")
	}
	if v, _ := d.Find("input#q").Attr("value"); v != "" || strings.Contains(d.Find("title").Text(), "赌博") {
		t.Errorf("banned word echoed")
	}
}

// TestSearchTypedQueriesBecomeHotWords: a query typed into the box is
// logged once (a tab, a facet or the next page of it is not a new query)
// and shows among the hot words once the engine recomputes them.
func TestSearchTypedQueriesBecomeHotWords(t *testing.T) {
	var (
		eng *search.Engine
		mu  sync.Mutex
		now = time.Now()
	)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	env := handlertest.NewWithDemo(t, func(d *handlers.Deps) {
		ref, err := refdata.Load(context.Background(), d.Store)
		if err != nil {
			t.Fatal(err)
		}
		eng = search.NewEngine(search.WithDB(d.Store.DB), search.WithClock(clock))
		if err := eng.Load(context.Background(), catalog.NewSearchSource(d.Store, ref), sites.NewSearchSource(d.Store, ref)); err != nil {
			t.Fatal(err)
		}
		d.Search = eng
	})
	c := env.Client()
	q := "/search?q=" + url.QueryEscape("居住证")
	var top string
	for _, path := range []string{q, q, q + "&scope=natural", q + "&type=20", q + "&page=2", "/search?q=" + url.QueryEscape("网络赌博"),
		"/search?q=" + url.QueryEscape("身份证")} {
		d := searchGet(t, c, path)
		if path == q {
			top = d.Find(".zw-search-hit__title").First().Text()
		}
	}
	eng.FlushLog()
	var logged []string
	env.Store.DB.Raw("SELECT query FROM query_log ORDER BY id").Scan(&logged)
	if strings.Join(logged, ",") != "居住证,居住证,网络赌博,身份证" {
		t.Errorf("logged %v", logged)
	}
	// Co-searches: another visitor searching 身份证 is offered what the
	// first one found for 居住证.
	d := searchGet(t, env.Client(), "/search?q="+url.QueryEscape("身份证"))
	var reason string
	d.Find(".zw-search-recs__item").Each(func(_ int, s *goquery.Selection) {
		if s.Find("a").Text() == top {
			reason = s.Find(".zw-search-recs__reason").Text()
		}
	})
	if reason != "搜索过相同内容的人也在看" {
		t.Errorf("co-search of %q: reason %q in %v", top, reason, searchTexts(d.Find(".zw-search-recs__item")))
	}
	mu.Lock()
	now = now.Add(10 * time.Minute) // past the engine's hot-word cache
	mu.Unlock()
	hot := searchTexts(searchGet(t, c, "/search").Find(".zw-search-hot a"))
	if !searchHas(hot, "居住证") || strings.Contains(strings.Join(hot, ","), "赌博") {
		t.Errorf("hot words = %v", hot)
	}
}

func searchHas(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func TestSearchNastyInputs(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	nasty := []string{
		"\x00\x01\x1b[31m", "' OR 1=1 --", "\"; DROP TABLE matters; --", "%' AND '%'='", ".*+?^${}()|[]\\", "(((", "[[:alpha:]",
		"😀🇨🇳👨‍👩‍👧", "身份证sfz护照passport", "ｓｆｚ", "\u202e\u200b\ufeff", "<script>alert(1)</script>", "\xff\xfe",
		strings.Repeat("a", 5000), strings.Repeat("證", 1500), "   ", "\t\n", "𠀀𪚥", "مرحبا", "Ω≈ç√", "%00", "*", "\\",
	}
	for _, q := range nasty {
		for _, path := range []string{"/search?q=" + url.QueryEscape(q), "/api/v1/search/suggest?q=" + url.QueryEscape(q),
			"/search?q=" + url.QueryEscape(q) + "&scope=" + url.QueryEscape(q) + "&type=" + url.QueryEscape(q) + "&page=" + url.QueryEscape(q)} {
			r := c.Get(path)
			if r.StatusCode != http.StatusOK {
				t.Errorf("%.60q → %d", path, r.StatusCode)
			}
			if strings.Contains(r.Body, "<script>alert(1)") {
				t.Errorf("%.60q echoed markup", path)
			}
		}
	}
}

func searchCount(t *testing.T, d *goquery.Document) int {
	t.Helper()
	s := d.Find("[data-zw-result-count]").Text()
	if strings.Contains(s, "没有找到") {
		return 0
	}
	var n int
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
		}
	}
	return n
}
