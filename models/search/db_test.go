package search_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/search"
)

func dbEngine(t *testing.T, st *models.Store, opts ...search.Option) *search.Engine {
	t.Helper()
	e := search.NewEngine(append([]search.Option{search.WithDB(st.DB)}, opts...)...)
	if err := e.Load(context.Background(), loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func count(t *testing.T, st *models.Store, sql string, args ...any) int {
	t.Helper()
	var n int64
	if err := st.DB.Raw(sql, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// Issue 4 item 5: the 政务主题词库 (≥ 200 real entries), stopwords and banned
// words live in the database, seeded once, loaded at start and editable by
// staff.
func TestSeedLoadsVocabularyStaffCanEdit(t *testing.T) {
	st := modelstest.Open(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ { // idempotent
		if err := search.Seed(ctx, st.DB); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, st, "SELECT COUNT(*) FROM thesaurus"); n < 200 {
		t.Errorf("%d thesaurus entries, want ≥ 200", n)
	}
	if count(t, st, "SELECT COUNT(*) FROM stopwords") == 0 || count(t, st, "SELECT COUNT(*) FROM banned_words") == 0 {
		t.Error("stopwords or banned words not seeded")
	}
	e := dbEngine(t, st)
	if r, _ := e.Search(ctx, search.Query{Text: "爱车落户"}); r.Total != 0 && r.Hits[0].Doc.Title == "机动车注册登记" {
		t.Fatal("爱车落户 already known")
	}
	now := time.Now().UTC()
	st.DB.Exec("INSERT INTO thesaurus (term, official, enabled, note, updated_at) VALUES (?, ?, ?, '', ?)", "爱车落户", "机动车注册登记", true, now)
	st.DB.Exec("INSERT INTO banned_words (word, note, updated_at) VALUES (?, '', ?)", "代办驾照", now)
	st.DB.Exec("UPDATE thesaurus SET enabled = ? WHERE term = ?", false, "驾照")
	if err := e.Changed(ctx, search.VocabularyChanged); err != nil {
		t.Fatal(err)
	}
	if r, _ := e.Search(ctx, search.Query{Text: "爱车落户", Limit: 1}); r.Total == 0 || r.Hits[0].Doc.Title != "机动车注册登记" {
		t.Errorf("staff thesaurus entry not used: %+v", r.Terms)
	}
	if r, _ := e.Search(ctx, search.Query{Text: "代办驾照"}); !r.Banned {
		t.Error("staff banned word not refused")
	}
	if r, _ := e.Search(ctx, search.Query{Text: "驾照", Exact: true}); slices.Contains(r.Terms, "机动车驾驶证") {
		t.Error("disabled thesaurus entry still used")
	}
}

// Issue 4 items 6 and 8: the query log is written in batches off the
// request; hot words decay with time, skip banned words and queries that
// found nothing, and put staff pins first; zero-result queries are counted
// for the staff dashboard.
func TestQueryLogHotWordsAndZeroResults(t *testing.T) {
	st := modelstest.Open(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)
	e := dbEngine(t, st, search.WithClock(func() time.Time { return now }))
	logN := func(q string, n, results int, at time.Time) {
		for i := 0; i < n; i++ {
			e.LogQuery(search.LogEntry{Query: q, Results: results, At: at, Banned: q == "办假证"})
		}
	}
	logN("身份证", 10, 30, now.Add(-21*24*time.Hour)) // 3 half-lives ago: worth 1.25
	logN("公积金", 4, 12, now)
	logN("办假证", 20, 0, now)
	logN("居住證", 2, 5, now) // normalized: counted with 居住证
	logN("居住证", 1, 5, now)
	logN("查无此事", 5, 0, now)
	logN("我想", 6, 40, now)                      // only stopwords
	logN("户口", 3, 8, now.Add(-40*24*time.Hour)) // outside the window
	e.FlushLog()
	if n := count(t, st, "SELECT COUNT(*) FROM query_log"); n != 51 {
		t.Fatalf("%d log rows, want 51", n)
	}
	if n := count(t, st, "SELECT COUNT(*) FROM query_log WHERE query = ?", "居住证"); n != 3 {
		t.Errorf("居住證 logged as typed: %d rows of 居住证", n)
	}
	if err := e.PinHotWord(ctx, "社保卡", 1, time.Time{}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := e.PinHotWord(ctx, "过期的置顶", 0, now.Add(-48*time.Hour), now.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	hot, err := e.HotWords(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, h := range hot {
		texts = append(texts, h.Text)
	}
	want := []string{"社保卡", "公积金", "居住证", "身份证"}
	if !slices.Equal(texts, want) {
		t.Errorf("hot words %v, want %v", texts, want)
	}
	if !hot[0].Pinned || hot[1].Pinned {
		t.Errorf("pins: %+v", hot)
	}
	zero, err := e.ZeroResultQueries(ctx, now.Add(-7*24*time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(zero) != 1 || zero[0].Query != "查无此事" || zero[0].Count != 5 {
		t.Errorf("zero-result queries %+v, want 查无此事 ×5 (banned ones excluded)", zero)
	}
	// Hot words become suggestions too, never banned ones.
	if s, _ := e.Suggest(ctx, "gongj", 5); !slices.ContainsFunc(s, func(x search.Suggestion) bool { return x.Text == "公积金" }) {
		t.Errorf("gongj: %v", s)
	}
	if err := e.UnpinHotWord(ctx, "社保卡"); err != nil {
		t.Fatal(err)
	}
	if hot, _ := e.HotWords(ctx, 1); len(hot) != 1 || hot[0].Text != "公积金" {
		t.Errorf("after unpin: %+v", hot)
	}
}

// Close writes what is still buffered.
func TestCloseFlushesTheLog(t *testing.T) {
	st := modelstest.Open(t)
	e := dbEngine(t, st)
	r, _ := e.Search(context.Background(), search.Query{Text: "结婚", Region: "330106"})
	e.LogQuery(search.EntryFor(search.Query{Text: "结婚", Region: "330106"}, r, "v1"))
	e.Close()
	var row struct {
		Query, Terms, Region, Visitor, TopDoc string
		ResultCount                           int
	}
	st.DB.Raw("SELECT query, terms, region, visitor, top_doc, result_count FROM query_log").Scan(&row)
	if row.Query != "结婚" || row.Region != "330106" || row.Visitor != "v1" || row.TopDoc == "" || row.ResultCount != r.Total || row.Terms == "" {
		t.Errorf("logged %+v", row)
	}
}

// Co-searches: visitors whose searches led to one matter also searched
// another; recommendations on the first name the second with that reason.
func TestCoSearchRecommendations(t *testing.T) {
	st := modelstest.Open(t)
	ctx := context.Background()
	e := dbEngine(t, st)
	first := func(q string) string {
		r, _ := e.Search(ctx, search.Query{Text: q, Region: "330106", Limit: 1})
		return r.Hits[0].Doc.ID
	}
	marriage, move := first("结婚登记"), first("户口迁移")
	for _, v := range []string{"v1", "v2", "v3"} {
		e.LogQuery(search.LogEntry{Query: "结婚登记", Results: 3, Visitor: v, TopDoc: marriage})
		e.LogQuery(search.LogEntry{Query: "户口迁移", Results: 3, Visitor: v, TopDoc: move})
	}
	e.FlushLog()
	recs, err := e.Recommend(ctx, search.RecommendRequest{DocID: marriage, Region: "330106"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || recs[0].Reason != search.ReasonCoSearch || recs[0].Doc.ID != move {
		t.Errorf("recommendations %+v, want %s by co-search first", recs, move)
	}
}
