package modelstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/migrations"
)

// SeedFunc fills a freshly migrated store (models/seed.Demo in practice;
// passed in because seed imports the packages whose tests use this one).
type SeedFunc func(ctx context.Context, st *models.Store) error

// Seeding the demo data takes seconds, so each test process seeds it once
// into a template and every test gets a cheap private copy: a file copy on
// SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL.
var (
	templateOnce sync.Once
	templateRef  string // SQLite: file path; PostgreSQL: database name
	templateErr  error
)

// OpenSeeded returns a private store holding what seed loads.
func OpenSeeded(t testing.TB, seed SeedFunc) *models.Store {
	t.Helper()
	templateOnce.Do(func() { templateRef, templateErr = buildTemplate(seed) })
	if templateErr != nil {
		t.Fatalf("build seeded template: %v", templateErr)
	}
	ctx := context.Background()
	if PostgresURL() == "" {
		dir := t.TempDir()
		if err := copyFile(templateRef, filepath.Join(dir, "portal.db")); err != nil {
			t.Fatal(err)
		}
		st, err := models.Open(ctx, "", dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() }) // #nosec G104 -- test cleanup
		return st
	}
	admin, err := models.Open(ctx, PostgresURL(), "")
	if err != nil {
		t.Fatal(err)
	}
	name := "portal_t_" + randHex(6)
	if err := admin.DB.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, templateRef)).Error; err != nil {
		admin.Close() // #nosec G104 -- test cleanup
		t.Fatalf("copy template: %v", err)
	}
	st, err := models.Open(ctx, withDatabase(PostgresURL(), name), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close() // #nosec G104 -- test cleanup
		admin.DB.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close() // #nosec G104 -- test cleanup
	})
	return st
}

func buildTemplate(seed SeedFunc) (string, error) {
	ctx := context.Background()
	if PostgresURL() == "" {
		dir, err := os.MkdirTemp("", "portal-seeded-")
		if err != nil {
			return "", err
		}
		st, err := models.Open(ctx, "", dir)
		if err != nil {
			return "", err
		}
		if _, err := migrations.Up(ctx, st.DB, string(st.Dialect), 0); err != nil {
			return "", err
		}
		if err := seed(ctx, st); err != nil {
			return "", err
		}
		// Closing the last connection checkpoints the WAL into the file.
		st.DB.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		if err := st.Close(); err != nil {
			return "", err
		}
		return filepath.Join(dir, "portal.db"), nil
	}
	admin, err := models.Open(ctx, PostgresURL(), "")
	if err != nil {
		return "", err
	}
	defer admin.Close()
	dropStaleTemplates(admin)
	name := fmt.Sprintf("portal_tpl_%d_%s", time.Now().Unix(), randHex(4))
	if err := admin.DB.Exec("CREATE DATABASE " + name).Error; err != nil {
		return "", err
	}
	st, err := models.Open(ctx, withDatabase(PostgresURL(), name), "")
	if err != nil {
		return "", err
	}
	defer st.Close()
	if _, err := migrations.Up(ctx, st.DB, string(st.Dialect), 0); err != nil {
		return "", err
	}
	if err := seed(ctx, st); err != nil {
		return "", err
	}
	return name, nil
}

// dropStaleTemplates removes templates left by test processes that ended
// more than two hours ago (a process cannot drop its own at exit).
func dropStaleTemplates(admin *models.Store) {
	var names []string
	admin.DB.Raw("SELECT datname FROM pg_database WHERE datname LIKE 'portal_tpl_%' OR datname LIKE 'portal_t_%'").Scan(&names)
	cut := time.Now().Add(-2 * time.Hour).Unix()
	for _, n := range names {
		parts := strings.Split(n, "_")
		if len(parts) < 4 || parts[1] != "tpl" {
			continue
		}
		if ts, err := strconv.ParseInt(parts[2], 10, 64); err == nil && ts < cut {
			admin.DB.Exec("DROP DATABASE IF EXISTS " + n + " WITH (FORCE)")
		}
	}
}

func withDatabase(raw, db string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + db
	return u.String()
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) //nolint:errcheck
	return hex.EncodeToString(b)
}

func copyFile(src, dst string) error {
	in, err := os.Open(filepath.Clean(src))
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(filepath.Clean(dst))
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close() // #nosec G104 -- the copy error is the one to report
		return err
	}
	return out.Close()
}
