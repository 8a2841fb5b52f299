package search_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/search"
)

func search1(t *testing.T, e *search.Engine, q search.Query) search.Result {
	t.Helper()
	r, err := e.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	return r
}

func titles(r search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Doc.Title)
	}
	return out
}

// Issue 4 item 3 and ARCHITECTURE §5: shenfenzheng, sfz, shenfen zheng and
// 身分证 all find 居民身份证; the typo is corrected and says so, and the
// original stays searchable as typed.
func TestPinyinInitialsAndTyposFindTheTitle(t *testing.T) {
	e := fixtureEngine(t)
	for _, q := range []string{"shenfenzheng", "sfz", "shenfen zheng", "身分证", "身份zheng", "SHENFENZHENG", "身份證"} {
		r := search1(t, e, search.Query{Text: q, Limit: 3})
		if len(r.Hits) == 0 || !strings.HasPrefix(r.Hits[0].Doc.Title, "居民身份证") {
			t.Errorf("%s: top hits %v, want 居民身份证…", q, titles(r))
		}
	}
	r := search1(t, e, search.Query{Text: "身分证"})
	if r.Corrected != "身份证" {
		t.Errorf("身分证: Corrected = %q, want 身份证", r.Corrected)
	}
	r = search1(t, e, search.Query{Text: "身分证", Exact: true})
	if r.Corrected != "" || r.Total != 0 {
		t.Errorf("exact 身分证: corrected %q, %d results; want the query as typed (nothing)", r.Corrected, r.Total)
	}
	for q, want := range map[string]string{"户口前移": "户口迁移", "驾使证": "驾驶证"} {
		if r := search1(t, e, search.Query{Text: q}); r.Corrected != want || r.Total == 0 {
			t.Errorf("%s: corrected %q (%d results), want %s", q, r.Corrected, r.Total, want)
		}
	}
	// A query that finds its words is left alone.
	if r := search1(t, e, search.Query{Text: "结婚登记"}); r.Corrected != "" {
		t.Errorf("结婚登记 corrected to %q", r.Corrected)
	}
}

// Polyphonic characters: the word reading ranks, the other reading still
// finds (银行 read yinxing).
func TestPolyphonicTitles(t *testing.T) {
	e := fixtureEngine(t)
	e.Upsert(search.Doc{ID: "item:cq", Kind: "matter", Title: "重庆市居民身份证换领", RegionPath: []string{"500103", "500100", "500000"}},
		search.Doc{ID: "item:zb", Kind: "matter", Title: "赡养长辈纠纷调解", RegionPath: []string{"000000"}},
		search.Doc{ID: "item:cd", Kind: "matter", Title: "长度计量器具检定", RegionPath: []string{"000000"}})
	for q, want := range map[string]string{
		"chongqing": "重庆市居民身份证换领", "cqs": "重庆市居民身份证换领", "zhangbei": "赡养长辈纠纷调解",
		"changdu": "长度计量器具检定", "yinhang": "银行业金融机构设立审批", "yh": "银行业金融机构设立审批",
		"yinxing": "银行业金融机构设立审批",
	} {
		r := search1(t, e, search.Query{Text: q, Limit: 3})
		if !slices.Contains(titles(r), want) {
			t.Errorf("%s: %v, want %s in the top 3", q, titles(r), want)
		}
	}
}

func TestThesaurusAndSentences(t *testing.T) {
	e := fixtureEngine(t)
	for q, want := range map[string]string{
		"驾照": "机动车驾驶证换证", "结婚": "结婚登记", "开公司": "企业设立登记", "公积金": "住房公积金提取",
		"低保": "最低生活保障申请", "我想换身份证需要带什么": "居民身份证换领", "jiazhao": "机动车驾驶证换证",
	} {
		r := search1(t, e, search.Query{Text: q, Limit: 3})
		if !slices.Contains(titles(r), want) {
			t.Errorf("%s: %v, want %s in the top 3", q, titles(r), want)
		}
	}
	r := search1(t, e, search.Query{Text: "我想换身份证需要带什么"})
	if slices.Contains(r.Terms, "我") || slices.Contains(r.Terms, "什么") || !slices.Contains(r.Terms, "居民身份证换领") {
		t.Errorf("terms %v: stopwords must go, intent stay", r.Terms)
	}
}

// CONTRACTS Query: filters AND across keys and OR within one; Region keeps
// the visitor's line (itself, ancestors, national, below); scopes of C 0103
// 7.4.
func TestFiltersScopesAndRegion(t *testing.T) {
	e := fixtureEngine(t)
	all := search1(t, e, search.Query{Limit: 100})
	r := search1(t, e, search.Query{Filters: map[string][]string{"type": {"01", "20"}}, Limit: 100})
	for _, h := range r.Hits {
		if tp := h.Doc.Facets["type"][0]; tp != "01" && tp != "20" {
			t.Errorf("type filter let %s (%s) through", h.Doc.Title, tp)
		}
	}
	both := search1(t, e, search.Query{Filters: map[string][]string{"type": {"01", "20"}, "audience": {"legal"}}, Limit: 100})
	if both.Total == 0 || both.Total >= r.Total {
		t.Errorf("AND across keys: %d results, type alone %d", both.Total, r.Total)
	}
	for _, h := range both.Hits {
		if !slices.Contains(h.Doc.Facets["audience"], "legal") {
			t.Errorf("%s is not for legal persons", h.Doc.Title)
		}
	}
	reg := search1(t, e, search.Query{Region: "330106", Limit: 100})
	if reg.Total == 0 || reg.Total >= all.Total {
		t.Fatalf("region 330106: %d of %d", reg.Total, all.Total)
	}
	for _, h := range reg.Hits {
		if own := h.Doc.RegionPath[0]; !slices.Contains([]string{"330106", "330100", "330000", "000000"}, own) {
			t.Errorf("region 330106 shows %s at %s", h.Doc.Title, own)
		}
	}
	if top := reg.Hits[0].Doc.RegionPath[0]; top != "330106" {
		t.Errorf("browse ranks %s first, want the visitor's own region", top)
	}
	city := search1(t, e, search.Query{Region: "330100", Limit: 100})
	if !slices.ContainsFunc(city.Hits, func(h search.Hit) bool { return h.Doc.RegionPath[0] == "330106" }) {
		t.Error("region 330100 must include docs below it (330106)")
	}
	for scope, check := range map[string]func(search.Hit) bool{
		search.ScopeNatural: func(h search.Hit) bool { return slices.Contains(h.Doc.Facets["audience"], "natural") },
		search.ScopeLegal:   func(h search.Hit) bool { return slices.Contains(h.Doc.Facets["audience"], "legal") },
		search.ScopePower:   func(h search.Hit) bool { return h.Doc.Facets["group"][0] == "power" },
		search.ScopeGuide:   func(h search.Hit) bool { return h.Doc.Kind == "matter" },
	} {
		r := search1(t, e, search.Query{Text: "登记", Scope: scope, Limit: 100})
		if r.Total == 0 {
			t.Errorf("scope %s: nothing", scope)
		}
		for _, h := range r.Hits {
			if !check(h) {
				t.Errorf("scope %s let %s through", scope, h.Doc.Title)
			}
		}
	}
	// A place alone lists what is offered there (C 0103 7.4 地理位置识别).
	place := search1(t, e, search.Query{Text: "深圳", Limit: 100})
	if place.Total == 0 {
		t.Error("深圳 alone finds nothing")
	}
	for _, h := range place.Hits {
		if own := h.Doc.RegionPath[0]; own != "440305" && own != "440300" && own != "440000" && own != "000000" {
			t.Errorf("深圳 lists %s at %s", h.Doc.Title, own)
		}
	}
	if r := search1(t, e, search.Query{Text: "我想", Limit: 5}); r.Total != 0 {
		t.Errorf("only stopwords: %d results", r.Total)
	}
	if r := search1(t, e, search.Query{Text: "登记", Scope: search.ScopePolicy}); r.Total != 0 {
		t.Errorf("scope policy over a catalog without policies: %d", r.Total)
	}
}

// Ranking: the exact title first, then the visitor's region.
func TestRankingExactTitleThenRegion(t *testing.T) {
	e := fixtureEngine(t)
	r := search1(t, e, search.Query{Text: "居民身份证换领", Region: "440305", Limit: 5})
	if r.Hits[0].Doc.Title != "居民身份证换领" || r.Hits[0].Doc.RegionPath[0] != "440305" {
		t.Errorf("first hit %s@%s, want 居民身份证换领@440305", r.Hits[0].Doc.Title, r.Hits[0].Doc.RegionPath[0])
	}
	r = search1(t, e, search.Query{Text: "结婚登记", Limit: 3})
	if r.Hits[0].Doc.Title != "结婚登记" {
		t.Errorf("exact title not first: %v", titles(r))
	}
	// Without a visitor region, one matter's copies in other regions do not
	// crowd other matters out of the first page.
	r = search1(t, e, search.Query{Text: "身份证", Limit: 3})
	if len(slices.Compact(slices.Sorted(slices.Values(titles(r))))) != 3 {
		t.Errorf("top 3 for 身份证 repeat a title: %v", titles(r))
	}
}

func TestFacetCountsAreOverTheFilteredSet(t *testing.T) {
	e := fixtureEngine(t)
	r := search1(t, e, search.Query{Text: "登记", Filters: map[string][]string{"audience": {"natural"}}, Facets: []string{"type", "audience", "nope"}})
	sum := 0
	for i, fc := range r.Facets["type"] {
		sum += fc.Count
		if i > 0 && fc.Count > r.Facets["type"][i-1].Count {
			t.Errorf("facet counts not sorted: %v", r.Facets["type"])
		}
	}
	if sum != r.Total {
		t.Errorf("type counts sum to %d, total %d", sum, r.Total)
	}
	for _, fc := range r.Facets["audience"] {
		if fc.Value == "natural" && fc.Count != r.Total {
			t.Errorf("audience natural counted %d of %d", fc.Count, r.Total)
		}
	}
	if r.Facets["nope"] == nil || len(r.Facets["nope"]) != 0 {
		t.Errorf("unknown facet key: %v", r.Facets["nope"])
	}
}

func TestSorts(t *testing.T) {
	e := fixtureEngine(t)
	r := search1(t, e, search.Query{Sort: search.SortUpdated, Limit: 50})
	for i := 1; i < len(r.Hits); i++ {
		if r.Hits[i].Doc.Updated.After(r.Hits[i-1].Doc.Updated) {
			t.Fatalf("updated sort out of order at %d", i)
		}
	}
	// Name order is pinyin order: 不动产… / 补领… (bu) first, 最低… (zui) last.
	r = search1(t, e, search.Query{Sort: search.SortName, Limit: 1})
	if first := r.Hits[0].Doc.Title; !strings.HasPrefix(first, "不") && !strings.HasPrefix(first, "补") {
		t.Errorf("name sort starts with %s", first)
	}
	r = search1(t, e, search.Query{Sort: search.SortName, Limit: 1, Offset: r.Total - 1})
	if last := r.Hits[0].Doc.Title; last != "最低生活保障申请" {
		t.Errorf("name sort ends with %s", last)
	}
	r = search1(t, e, search.Query{Sort: search.SortPopular, Text: "登记", Limit: 50})
	for i := 1; i < len(r.Hits); i++ {
		if r.Hits[i].Doc.Popularity > r.Hits[i-1].Doc.Popularity {
			t.Fatalf("popular sort out of order at %d", i)
		}
	}
	p1 := search1(t, e, search.Query{Sort: search.SortName, Limit: 10})
	p2 := search1(t, e, search.Query{Sort: search.SortName, Limit: 10, Offset: 10})
	if p1.Hits[9].Doc.ID == p2.Hits[0].Doc.ID || p1.Total != p2.Total {
		t.Error("pages overlap")
	}
}

// Bad input never errors: empty (the caller shows hot words), too long
// (trimmed), control characters, SQL and regex metacharacters, emoji.
func TestBadInput(t *testing.T) {
	e := fixtureEngine(t)
	if r := search1(t, e, search.Query{}); r.Total == 0 || r.Banned || r.Trimmed {
		t.Errorf("empty query: %+v", r)
	}
	long := strings.Repeat("身份证", 400)
	if r := search1(t, e, search.Query{Text: long}); !r.Trimmed {
		t.Error("1200-character query not trimmed")
	}
	if r := search1(t, e, search.Query{Text: strings.Repeat("a", 1000)}); r.Trimmed {
		t.Error("1000 characters is not too long")
	}
	for _, q := range []string{"\x00\x01\x7f", "'; DROP TABLE matters; --", "%_\\", ".*+?[](){}|^$", "😀🙏", "身份证😀sfz", "Ω≈ç√", "ｓｈｅｎ", "\u200b\u200e", strings.Repeat("(", 999), "a%00b"} {
		if _, err := e.Search(context.Background(), search.Query{Text: q, Limit: 5, Offset: -3}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
		if _, err := e.Suggest(context.Background(), q, 5); err != nil {
			t.Errorf("suggest %q: %v", q, err)
		}
	}
	if r := search1(t, e, search.Query{Text: "身份证", Offset: 1 << 30, Limit: 1 << 20}); len(r.Hits) != 0 {
		t.Errorf("huge offset returned %d hits", len(r.Hits))
	}
	if r := search1(t, e, search.Query{Text: "身份证", Limit: 1 << 20}); len(r.Hits) > 100 {
		t.Errorf("limit not capped: %d hits", len(r.Hits))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Search(ctx, search.Query{Text: "身份证"}); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestBannedWords(t *testing.T) {
	e := fixtureEngine(t)
	r := search1(t, e, search.Query{Text: "哪里可以办假证"})
	if !r.Banned || r.Total != 0 || len(r.Hits) != 0 {
		t.Errorf("banned query: %+v", r)
	}
	if s, _ := e.Suggest(context.Background(), "办假", 5); len(s) != 0 {
		t.Errorf("suggestions for a banned prefix: %v", s)
	}
}

func TestSuggest(t *testing.T) {
	e := fixtureEngine(t)
	for _, prefix := range []string{"shen", "sfz", "身份", "身份zh", "jumin", "居民身"} {
		s, err := e.Suggest(context.Background(), prefix, 8)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(s, func(x search.Suggestion) bool { return strings.HasPrefix(x.Text, "居民身份证") }) {
			t.Errorf("%s: %v, want a 居民身份证 title", prefix, s)
		}
		if len(s) > 8 {
			t.Errorf("%s: %d suggestions, limit 8", prefix, len(s))
		}
	}
	s, _ := e.Suggest(context.Background(), "jiaz", 5)
	if !slices.ContainsFunc(s, func(x search.Suggestion) bool { return x.Text == "驾照" && x.Kind == search.SuggestTerm }) {
		t.Errorf("jiaz: %v, want the thesaurus term 驾照", s)
	}
	s, _ = e.Suggest(context.Background(), "银行业", 5)
	if len(s) != 1 || s[0].URL == "" {
		t.Errorf("a title of one doc links to it: %v", s)
	}
	if s, _ := e.Suggest(context.Background(), "", 5); len(s) != 0 {
		t.Errorf("empty prefix: %v", s)
	}
}

func TestUpsertDeleteRefresh(t *testing.T) {
	src := loadFixture(t)
	e := search.NewEngine(search.WithVocabulary(fixtureVocabulary()))
	if err := e.Load(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	n := e.Len()
	e.Upsert(search.Doc{ID: "item:new", Title: "电动自行车登记", RegionPath: []string{"330106", "330100", "330000"}})
	if r := search1(t, e, search.Query{Text: "电动车上牌"}); r.Total != 1 || r.Hits[0].Doc.ID != "item:new" {
		t.Errorf("upserted doc not found: %v", titles(r))
	}
	e.Upsert(search.Doc{ID: "item:new", Title: "电动自行车注销", RegionPath: []string{"330106"}})
	if r := search1(t, e, search.Query{Text: "电动自行车"}); r.Total != 1 || r.Hits[0].Doc.Title != "电动自行车注销" {
		t.Errorf("replaced doc: %v", titles(r))
	}
	e.Delete("item:new", "item:unknown")
	if r := search1(t, e, search.Query{Text: "电动自行车"}); r.Total != 0 || e.Len() != n {
		t.Errorf("deleted doc still found (%d docs, want %d)", e.Len(), n)
	}
	// Refresh re-reads through the source: a doc the source no longer
	// publishes goes away, a changed one is updated.
	id := src.docs[0].ID
	src.docs[0].Title = "居民身份证首次申领（已更名）"
	if err := e.Refresh(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if r := search1(t, e, search.Query{Text: "已更名"}); r.Total != 1 {
		t.Errorf("refreshed title not found")
	}
	src.docs = src.docs[1:]
	if err := e.Refresh(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if r := search1(t, e, search.Query{Text: "已更名"}); r.Total != 0 {
		t.Errorf("unpublished doc still found")
	}
}

func TestRecommendGivesReasons(t *testing.T) {
	e := fixtureEngine(t)
	r := search1(t, e, search.Query{Text: "结婚登记", Region: "330106", Limit: 1})
	recs, err := e.Recommend(context.Background(), search.RecommendRequest{DocID: r.Hits[0].Doc.ID, Region: "330106",
		History: []string{"公积金"}, Limit: 6})
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]bool{}
	for _, rec := range recs {
		reasons[rec.Reason] = true
		if rec.Doc.Title == "结婚登记" {
			t.Errorf("recommends the doc itself")
		}
		if rec.Reason == search.ReasonTheme && !slices.Contains(rec.Doc.Facets["theme_n"], rec.Via) {
			t.Errorf("theme reason %s but %s has themes %v", rec.Via, rec.Doc.Title, rec.Doc.Facets["theme_n"])
		}
	}
	for _, want := range []string{search.ReasonTheme, search.ReasonDept, search.ReasonHistory} {
		if !reasons[want] {
			t.Errorf("no %s recommendation in %+v", want, recs)
		}
	}
}
