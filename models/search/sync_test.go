package search_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/search"
)

// tableSource reads docs from a test table, like catalog.NewSearchSource
// reads matter items.
type tableSource struct{ db *gorm.DB }

func (s tableSource) Kind() string { return "matter" }

func (s tableSource) All(ctx context.Context, emit func(search.Doc) error) error {
	var rows []struct{ ID, Title string }
	if err := s.db.WithContext(ctx).Raw("SELECT id, title FROM sync_docs ORDER BY id").Scan(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		if err := emit(search.Doc{ID: r.ID, Title: r.Title, RegionPath: []string{"330106", "330100", "330000"}}); err != nil {
			return err
		}
	}
	return nil
}

func (s tableSource) Get(ctx context.Context, id string) (search.Doc, bool, error) {
	var rows []struct{ ID, Title string }
	if err := s.db.WithContext(ctx).Raw("SELECT id, title FROM sync_docs WHERE id = ?", id).Scan(&rows).Error; err != nil || len(rows) == 0 {
		return search.Doc{}, false, err
	}
	return search.Doc{ID: rows[0].ID, Title: rows[0].Title, RegionPath: []string{"330106"}}, true, nil
}

func waitFor(t *testing.T, what string, within time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func found(e *search.Engine, q string) bool {
	r, err := e.Search(context.Background(), search.Query{Text: q})
	return err == nil && r.Total > 0
}

// ARCHITECTURE §1 scale-out: two portal processes on one PostgreSQL
// database; a change made through one is searchable in the other within
// 2 s (LISTEN/NOTIFY), and after the listening connection drops, the other
// catches up by reloading.
func TestSyncAcrossProcesses(t *testing.T) {
	modelstest.RequirePostgres(t)
	st := modelstest.Open(t)
	ctx := context.Background()
	if err := st.DB.Exec("CREATE TABLE sync_docs (id TEXT PRIMARY KEY, title TEXT NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	st.DB.Exec("INSERT INTO sync_docs VALUES ('item:1', '居民身份证换领'), ('item:2', '结婚登记')")
	// The second "process" has its own connection pool and a recognisable
	// listener connection.
	dsn := st.DB.Dialector.(*postgres.Dialector).Config.DSN
	u, _ := url.Parse(dsn)
	q := u.Query()
	q.Set("application_name", "search_sync_b")
	u.RawQuery = q.Encode()
	st2, err := models.Open(ctx, u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st2.Close() })
	a, err := search.Open(ctx, st.DB, nil, tableSource{st.DB})
	if err != nil {
		t.Fatal(err)
	}
	b, err := search.Open(ctx, st2.DB, nil, tableSource{st2.DB})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	for _, e := range []*search.Engine{a, b} {
		if err := e.StartSync(ctx); err != nil {
			t.Fatal(err)
		}
	}

	st.DB.Exec("UPDATE sync_docs SET title = '机动车驾驶证换证' WHERE id = 'item:2'")
	st.DB.Exec("INSERT INTO sync_docs VALUES ('item:3', '住房公积金提取')")
	if err := a.Changed(ctx, "item:2", "item:3"); err != nil {
		t.Fatal(err)
	}
	if !found(a, "驾驶证") {
		t.Fatal("the changing process does not see its own change")
	}
	waitFor(t, "update in the other process", 2*time.Second, func() bool { return found(b, "驾驶证") && !found(b, "结婚登记") })
	waitFor(t, "insert in the other process", 2*time.Second, func() bool { return found(b, "公积金") })

	st.DB.Exec("DELETE FROM sync_docs WHERE id = 'item:1'")
	a.Changed(ctx, "item:1")
	waitFor(t, "delete in the other process", 2*time.Second, func() bool { return !found(b, "身份证") })

	// Drop b's listening connection; a change made meanwhile (whose
	// notification b cannot receive) shows after b reconnects.
	st.DB.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'search_sync_b' AND query LIKE 'LISTEN%'")
	st.DB.Exec("INSERT INTO sync_docs VALUES ('item:4', '结婚登记')")
	waitFor(t, "catch-up after reconnect", 10*time.Second, func() bool { return found(b, "结婚登记") })
}
