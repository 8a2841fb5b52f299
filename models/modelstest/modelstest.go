// Package modelstest opens a migrated, empty database for a test: the
// embedded SQLite in a temporary directory by default, or PostgreSQL when
// TEST_DATABASE_URL is set, in a fresh schema that is dropped afterwards so
// test packages running at once never see each other's rows.
package modelstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/migrations"
)

// PostgresURL returns TEST_DATABASE_URL (empty when PostgreSQL tests are off).
func PostgresURL() string { return os.Getenv("TEST_DATABASE_URL") }

// RequirePostgres skips a PostgreSQL-only test with a message.
func RequirePostgres(t testing.TB) string {
	t.Helper()
	u := PostgresURL()
	if u == "" {
		t.Skip("PostgreSQL test skipped: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	}
	return u
}

// Open returns a store migrated to the latest schema.
func Open(t testing.TB) *models.Store {
	t.Helper()
	return OpenAt(t, 0)
}

// OpenAt returns a store migrated to version (0 = latest).
func OpenAt(t testing.TB, version int) *models.Store {
	t.Helper()
	st := OpenEmpty(t)
	if _, err := migrations.Up(context.Background(), st.DB, string(st.Dialect), version); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return st
}

// OpenEmpty returns a store with no schema at all.
func OpenEmpty(t testing.TB) *models.Store {
	t.Helper()
	ctx := context.Background()
	pg := PostgresURL()
	if pg == "" {
		st, err := models.Open(ctx, "", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() }) // #nosec G104 -- test cleanup
		return st
	}
	admin, err := models.Open(ctx, pg, "")
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	b := make([]byte, 6)
	rand.Read(b) //nolint:errcheck
	schema := "t_" + hex.EncodeToString(b)
	if err := admin.DB.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(pg)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := models.Open(ctx, u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close() // #nosec G104 -- test cleanup
		admin.DB.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close() // #nosec G104 -- test cleanup
	})
	return st
}
