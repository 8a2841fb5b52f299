package search_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/search"
)

// TestComparePostgresFullText is the measurement behind the engine choice
// (issue 4 item 10): the same synthetic catalog in PostgreSQL 15 with (a)
// full text search over application-made CJK bigrams (PostgreSQL has no
// Chinese parser without the zhparser extension) and a GIN index, and (b)
// pg_trgm GIN on title and body for substring search. It runs only with
// SEARCH_PG_COMPARE=<docs> and TEST_DATABASE_URL, in a database of its own,
// and prints load time, index build time and query latencies.
func TestComparePostgresFullText(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SEARCH_PG_COMPARE"))
	if n == 0 {
		t.Skip("set SEARCH_PG_COMPARE=1000000 and TEST_DATABASE_URL to run")
	}
	base := modelstest.RequirePostgres(t)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("search_cmp_%d", time.Now().Unix())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") //nolint:errcheck
	u, _ := url.Parse(base)
	u.Path = "/" + name
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, s := range []string{"CREATE EXTENSION pg_trgm",
		"CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT, grams TEXT, region TEXT, pop REAL, " +
			"tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', grams)) STORED)"} {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	rows := make([][]any, 0, 10000)
	flush := func() {
		if _, err := conn.CopyFrom(ctx, pgx.Identifier{"docs"}, []string{"id", "title", "body", "grams", "region", "pop"}, pgx.CopyFromRows(rows)); err != nil {
			t.Fatal(err)
		}
		rows = rows[:0]
	}
	for i := 0; i < n; i++ {
		d := synthDoc(i)
		rows = append(rows, []any{i, d.Title, d.Body, bigrams(d.Title + " " + d.Body), d.RegionPath[0], float32(d.Popularity)})
		if len(rows) == cap(rows) {
			flush()
		}
	}
	flush()
	load := time.Since(start)
	start = time.Now()
	mustExec(t, conn, "CREATE INDEX docs_fts ON docs USING GIN (tsv)")
	ftsIdx := time.Since(start)
	start = time.Now()
	mustExec(t, conn, "CREATE INDEX docs_trgm ON docs USING GIN ((title || ' ' || body) gin_trgm_ops)")
	trgmIdx := time.Since(start)
	mustExec(t, conn, "ANALYZE docs")
	var size string
	conn.QueryRow(ctx, "SELECT pg_size_pretty(pg_total_relation_size('docs'))").Scan(&size) //nolint:errcheck
	fmt.Printf("postgres %d docs: COPY %.1fs (%.0f docs/s), FTS GIN index %.1fs, trigram GIN index %.1fs, table+indexes %s\n",
		n, load.Seconds(), float64(n)/load.Seconds(), ftsIdx.Seconds(), trgmIdx.Seconds(), size)

	words := []string{"身份证", "居民身份证换领", "机动车驾驶证", "结婚登记", "住房公积金提取", "社会保障卡", "户口迁移", "企业设立登记", "最低生活保障", "需要本人到场"}
	// Both return the top 10 and the total, like Engine.Search.
	fts := "SELECT id, count(*) OVER () FROM docs WHERE tsv @@ to_tsquery('simple', $1) " +
		"ORDER BY ts_rank(tsv, to_tsquery('simple', $1)) DESC LIMIT 10"
	trgm := "SELECT id, count(*) OVER () FROM docs WHERE (title || ' ' || body) LIKE '%' || $1 || '%' ORDER BY pop DESC LIMIT 10"
	for _, q := range []struct{ name, sql string }{{"fts", fts}, {"trgm", trgm}} {
		var lat []time.Duration
		for round := 0; round < 3; round++ {
			for _, w := range words {
				arg := w
				if q.name == "fts" {
					arg = strings.Join(strings.Fields(bigrams(w)), " & ")
				}
				st := time.Now()
				r, err := conn.Query(ctx, q.sql, arg)
				if err != nil {
					t.Fatal(err)
				}
				for r.Next() {
				}
				r.Close()
				lat = append(lat, time.Since(st))
			}
		}
		slices.Sort(lat)
		fmt.Printf("postgres %s: p50 %.1f ms, p95 %.1f ms over %d queries\n", q.name,
			float64(lat[len(lat)/2].Microseconds())/1000, float64(lat[len(lat)*95/100].Microseconds())/1000, len(lat))
	}
	e := search.NewEngine(search.WithResultCache(0))
	start = time.Now()
	if err := e.Load(ctx, synthSource{n}); err != nil {
		t.Fatal(err)
	}
	build := time.Since(start)
	var lat []time.Duration
	for round := 0; round < 3; round++ {
		for _, w := range words {
			st := time.Now()
			if _, err := e.Search(ctx, search.Query{Text: w, Limit: 10}); err != nil {
				t.Fatal(err)
			}
			lat = append(lat, time.Since(st))
		}
	}
	slices.Sort(lat)
	fmt.Printf("embedded %d docs: build %.1fs, p50 %.1f ms, p95 %.1f ms over %d queries\n", n, build.Seconds(),
		float64(lat[len(lat)/2].Microseconds())/1000, float64(lat[len(lat)*95/100].Microseconds())/1000, len(lat))
}

func mustExec(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}

// bigrams writes the CJK bigrams of s separated by spaces, the tokens a
// 'simple' tsvector can index.
func bigrams(s string) string {
	var b strings.Builder
	var prev rune = -1
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			if prev >= 0 {
				b.WriteRune(prev)
				b.WriteRune(r)
				b.WriteByte(' ')
			}
			prev = r
		} else {
			prev = -1
		}
	}
	return b.String()
}
