package cases_test

import (
	"context"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/modelstest"
)

// Issue 7 asks for "my cases" at p95 < 20 ms with 1,000,000 cases in the
// table, on PostgreSQL. The rows are bulk-inserted with generate_series
// (about a minute), so the benchmark only runs when asked:
//
//	TEST_DATABASE_URL=postgres://… CASES_BENCH_ROWS=1000000 \
//	  go test ./models/cases -run '^$' -bench MyCasesMillion -benchtime 2000x
//
// 10,000 applicants share the cases (about 100 each); every iteration asks
// one random applicant's first page, alternating no filter and "open"
// (the count and the page, as /me/cases does).
func BenchmarkMyCasesMillion(b *testing.B) {
	rows, _ := strconv.Atoi(os.Getenv("CASES_BENCH_ROWS"))
	if rows <= 0 || modelstest.PostgresURL() == "" {
		b.Skip("set TEST_DATABASE_URL and CASES_BENCH_ROWS=1000000 to run")
	}
	st := modelstest.Open(b)
	ctx := context.Background()
	const applicants = 10000
	t0 := time.Now()
	for _, q := range []string{
		`INSERT INTO users (kind, name, level, created_at, updated_at) SELECT 'natural', 'u' || g, 3, now(), now() FROM generate_series(1, 10000) g`,
		`INSERT INTO matters (code, name, type, dept_code, created_at) VALUES ('07A0002', '居民身份证换领', '07', 'N007', now())`,
		`INSERT INTO matter_items (code, matter_id, name, type, level, region_code, dept_code, body_name, body_code, online, status, created_at, updated_at)
			SELECT '07A0002-330106', id, name, '07', 4, '330106', 'N007', '公安分局', 'x', TRUE, 'published', now(), now() FROM matters`,
		`INSERT INTO cases (number, query_hash, draft_id, user_id, item_id, item_code, matter_name, body_name, region_code, dept_code,
			status, applicant_name, answers, promised_days, due_at, submitted_at, updated_at)
			SELECT lpad(g::text, 20, '0'), 'h', g, 1 + g % 10000, (SELECT id FROM matter_items), '07A0002-330106', '居民身份证换领', '公安分局',
			'330106', 'N007', (ARRAY['submitted','accepted','processing','correction','completed','completed','rejected','withdrawn'])[1 + (g / 10000) % 8],
			'u', '{}', 15, now() + interval '10 days', now() - g * interval '1 minute', now() - g * interval '1 minute'
			FROM generate_series(1, ` + strconv.Itoa(rows) + `) g`,
		`VACUUM ANALYZE cases`, // autovacuum would do this on a live table: index-only counts
	} {
		if err := st.DB.Exec(q).Error; err != nil {
			b.Fatal(err)
		}
	}
	var n, users int64
	st.DB.Raw("SELECT COUNT(*) FROM cases").Scan(&n)
	st.DB.Raw("SELECT COUNT(DISTINCT user_id) FROM cases").Scan(&users)
	b.Logf("inserted %d cases of %d applicants in %s", n, users, time.Since(t0).Round(time.Second))
	filters := []cases.Filter{{Limit: 20}, {Status: cases.FilterOpen, Limit: 20}}
	lat := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		user := int64(1 + rand.IntN(applicants))
		t := time.Now()
		list, total, err := cases.ForUser(ctx, st, user, filters[i%2])
		lat = append(lat, time.Since(t))
		if err != nil || total == 0 || len(list) == 0 {
			b.Fatalf("user %d: %d rows of %d, %v", user, len(list), total, err)
		}
		i++
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
}
