package migrations_test

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/migrations"
	"github.com/zwfw/portal/models/modelstest"
)

// testdata/NNNN.sql holds rows written right after migration NNNN, shaped
// like the data a release at that version would hold.
//
//go:embed testdata/*.sql
var fixtures embed.FS

// C 0103 9.4 c (跨版本升级): starting from every released schema with data in
// it, migrating to the latest version must keep every row.
func TestUpgradeFromEveryReleasedSchemaKeepsData(t *testing.T) {
	all, err := migrations.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, from := range all {
		t.Run(fmt.Sprintf("from_%04d", from.Version), func(t *testing.T) {
			ctx := context.Background()
			st := modelstest.OpenAt(t, from.Version)
			// Fill the database as a release at this version would have it:
			// every fixture up to and including this version.
			counts := map[string]int64{}
			for v := 1; v <= from.Version; v++ {
				body, err := fixtures.ReadFile(fmt.Sprintf("testdata/%04d.sql", v))
				if err != nil {
					continue
				}
				for _, stmt := range strings.Split(string(body), ";\n") {
					stmt = strings.TrimSpace(stmt)
					if stmt == "" || strings.HasPrefix(stmt, "--") {
						continue
					}
					if err := st.DB.Exec(stmt).Error; err != nil {
						t.Fatalf("fixture %04d: %v\n%s", v, err, stmt)
					}
					table := strings.Fields(stmt)[2]
					counts[table] = 0
				}
			}
			for table := range counts {
				var n int64
				st.DB.Raw("SELECT COUNT(*) FROM " + table).Scan(&n)
				counts[table] = n
			}
			if _, err := migrations.Up(ctx, st.DB, string(st.Dialect), 0); err != nil {
				t.Fatalf("upgrade from %04d: %v", from.Version, err)
			}
			cur, _ := migrations.Current(ctx, st.DB, string(st.Dialect))
			if cur != len(all) {
				t.Fatalf("schema at %d after upgrade, want %d", cur, len(all))
			}
			for table, before := range counts {
				var after int64
				if err := st.DB.Raw("SELECT COUNT(*) FROM " + table).Scan(&after).Error; err != nil {
					t.Fatalf("%s after upgrade: %v", table, err)
				}
				if after < before {
					t.Errorf("%s lost rows in the upgrade from %04d: %d → %d", table, from.Version, before, after)
				}
			}
		})
	}
}

func TestMigrationsAreNumberedWithoutGaps(t *testing.T) {
	all, err := migrations.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 || migrations.Latest() != len(all) {
		t.Fatalf("latest = %d, files = %d", migrations.Latest(), len(all))
	}
}

func TestUpIsIdempotent(t *testing.T) {
	st := modelstest.Open(t)
	applied, err := migrations.Up(context.Background(), st.DB, string(st.Dialect), 0)
	if err != nil || len(applied) != 0 {
		t.Fatalf("second Up applied %v, err %v", applied, err)
	}
}
