// Package migrations holds the portal's numbered, forward-only schema
// migrations. Each file NNNN_name.sql runs once, in its own transaction, on
// SQLite and on PostgreSQL. A released file is never edited: add a new one.
//
// The SQL is portable except for a few macros expanded per engine:
//
//	{{pk}}    an auto-incrementing 64-bit primary key column type
//	{{ts}}    a timestamp with time zone
//	{{blob}}  binary data
package migrations

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

//go:embed *.sql
var files embed.FS

// Migration is one numbered schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// All returns every embedded migration in version order.
func All() ([]Migration, error) {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		num, rest, ok := strings.Cut(name, "_")
		if !ok || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration file %q is not named NNNN_name.sql", name)
		}
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration file %q: %w", name, err)
		}
		body, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: strings.TrimSuffix(rest, ".sql"), SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrations must be numbered 1..n without gaps; found %04d at position %d", m.Version, i+1)
		}
	}
	return out, nil
}

// Latest is the version the code expects the schema to be at.
func Latest() int {
	all, err := All()
	if err != nil {
		return 0
	}
	return len(all)
}

// Expand replaces the engine macros for dialect ("sqlite" or "postgres").
func Expand(sql, dialect string) string {
	r := map[string][2]string{
		"{{pk}}":   {"INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"},
		"{{ts}}":   {"TIMESTAMP", "TIMESTAMPTZ"},
		"{{blob}}": {"BLOB", "BYTEA"},
	}
	idx := 0
	if dialect == "postgres" {
		idx = 1
	}
	for k, v := range r {
		sql = strings.ReplaceAll(sql, k, v[idx])
	}
	return sql
}

const createTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	applied_at {{ts}} NOT NULL
)`

// Current returns the highest applied version (0 on an empty database).
func Current(ctx context.Context, db *gorm.DB, dialect string) (int, error) {
	if err := db.WithContext(ctx).Exec(Expand(createTable, dialect)).Error; err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	var v int
	err := db.WithContext(ctx).Raw("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v).Error
	return v, err
}

// Up applies every migration above the current version up to target
// (0 = latest), each in its own transaction, and returns the versions applied.
// On PostgreSQL an advisory lock keeps two processes from migrating at once.
func Up(ctx context.Context, db *gorm.DB, dialect string, target int) ([]int, error) {
	all, err := All()
	if err != nil {
		return nil, err
	}
	if target <= 0 || target > len(all) {
		target = len(all)
	}
	if dialect == "postgres" {
		conn, err := db.DB()
		if err != nil {
			return nil, err
		}
		c, err := conn.Conn(ctx)
		if err != nil {
			return nil, err
		}
		defer c.Close()
		if _, err := c.ExecContext(ctx, "SELECT pg_advisory_lock(726001)"); err != nil {
			return nil, err
		}
		defer c.ExecContext(context.Background(), "SELECT pg_advisory_unlock(726001)") //nolint:errcheck
	}
	cur, err := Current(ctx, db, dialect)
	if err != nil {
		return nil, err
	}
	var applied []int
	for _, m := range all {
		if m.Version <= cur || m.Version > target {
			continue
		}
		err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			for _, stmt := range splitStatements(Expand(m.SQL, dialect)) {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%04d_%s: %w\n%s", m.Version, m.Name, err, stmt)
				}
			}
			return tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, time.Now().UTC()).Error
		})
		if err != nil {
			return applied, err
		}
		applied = append(applied, m.Version)
	}
	return applied, nil
}

// splitStatements splits a file on semicolons that end a line, dropping
// comment-only and empty statements. Migrations keep one statement per
// semicolon-terminated block, so no SQL parser is needed.
func splitStatements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(trimmed, ";") {
			if s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cur.String()), ";")); s != "" {
				out = append(out, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
