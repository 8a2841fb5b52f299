package refdata

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/zwfw/portal/models"
)

// VillageCount is the number of village rows in data/villages.csv.gz.
const VillageCount = 620573

// batchRows is how many rows one INSERT carries. PostgreSQL likes big
// batches (6 000 parameters, under its 65 535 limit); the pure-Go SQLite
// driver re-parses the statement on every execution, so there a smaller
// batch is faster (measured: 100 rows ≈ 0.45 s for 45k rows, 1 000 ≈ 1 s).
func batchRows(d models.Dialect) int {
	if d == models.Postgres {
		return 1000
	}
	return 100
}

// SeedResult says what a seeding step did.
type SeedResult struct {
	Inserted int           // rows written (0 when the data was already there)
	Skipped  bool          // already loaded
	Took     time.Duration // wall time
}

// RowsPerSecond is the insert rate of the step.
func (r SeedResult) RowsPerSecond() float64 {
	if r.Took <= 0 {
		return 0
	}
	return float64(r.Inserted) / r.Took.Seconds()
}

// SeedRegions loads provinces, cities, counties and townships (≈ 45k rows)
// in one transaction. It is a seed.Step: idempotent, skipped when the rows
// are already there.
func SeedRegions(ctx context.Context, st *models.Store) error {
	_, err := LoadRegions(ctx, st)
	return err
}

// LoadRegions is SeedRegions reporting what it did.
func LoadRegions(ctx context.Context, st *models.Store) (SeedResult, error) {
	start := time.Now()
	rows, err := baseRows()
	if err != nil {
		return SeedResult{}, err
	}
	have, err := countLevels(ctx, st, LevelProvince, LevelTownship)
	if err != nil {
		return SeedResult{}, err
	}
	if have >= len(rows) {
		return SeedResult{Skipped: true, Took: time.Since(start)}, nil
	}
	err = insertRegions(ctx, st, func(emit func(regionRow) error) error {
		for _, r := range rows {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	})
	return SeedResult{Inserted: len(rows), Took: time.Since(start)}, err
}

// LoadVillages loads the 620k villages and communities (level 5) in one
// transaction; only `portal seed regions --villages` asks for them. The
// townships must be loaded first.
func LoadVillages(ctx context.Context, st *models.Store) (SeedResult, error) {
	start := time.Now()
	have, err := countLevels(ctx, st, LevelVillage, LevelVillage)
	if err != nil {
		return SeedResult{}, err
	}
	if have >= VillageCount {
		return SeedResult{Skipped: true, Took: time.Since(start)}, nil
	}
	err = insertRegions(ctx, st, villageRows)
	return SeedResult{Inserted: VillageCount, Took: time.Since(start)}, err
}

// SeedCommand runs `portal seed regions [--villages]`, printing what it did.
func SeedCommand(ctx context.Context, st *models.Store, args []string, out io.Writer) error {
	villages := false
	for _, a := range args {
		switch a {
		case "--villages", "-villages":
			villages = true
		default:
			return fmt.Errorf("seed regions: unknown argument %q (only --villages)", a)
		}
	}
	report := func(what string, r SeedResult) {
		if r.Skipped {
			fmt.Fprintf(out, "%s: already loaded\n", what)
			return
		}
		fmt.Fprintf(out, "%s: %d rows in %s (%.0f rows/s)\n", what, r.Inserted, r.Took.Round(time.Millisecond), r.RowsPerSecond())
	}
	r, err := LoadRegions(ctx, st)
	if err != nil {
		return err
	}
	report("regions (province–township)", r)
	if !villages {
		return nil
	}
	r, err = LoadVillages(ctx, st)
	if err != nil {
		return err
	}
	report("villages", r)
	return nil
}

func countLevels(ctx context.Context, st *models.Store, from, to int) (int, error) {
	var n int64
	err := st.DB.WithContext(ctx).Raw("SELECT COUNT(*) FROM regions WHERE level BETWEEN ? AND ?", from, to).Scan(&n).Error
	return int(n), err
}

// insertRegions writes every row produced by each in one transaction, with
// multi-row INSERTs of batchRows rows through one prepared statement. Rows
// already present are left alone (ON CONFLICT DO NOTHING works on both
// engines), so an interrupted or partial load can simply be re-run.
func insertRegions(ctx context.Context, st *models.Store, each func(emit func(regionRow) error) error) error {
	db, err := st.DB.DB()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	batch := batchRows(st.Dialect)
	full, err := tx.PrepareContext(ctx, insertSQL(st.Dialect, batch))
	if err != nil {
		return err
	}
	defer full.Close()
	args := make([]any, 0, batch*6)
	err = each(func(r regionRow) error {
		args = append(args, r.Code, r.Name, r.Parent, r.Level, r.province(), r.Sort)
		if len(args) < cap(args) {
			return nil
		}
		_, err := full.ExecContext(ctx, args...)
		args = args[:0]
		return err
	})
	if err != nil {
		return fmt.Errorf("insert regions: %w", err)
	}
	if len(args) > 0 {
		if _, err := tx.ExecContext(ctx, insertSQL(st.Dialect, len(args)/6), args...); err != nil {
			return fmt.Errorf("insert regions: %w", err)
		}
	}
	return tx.Commit()
}

// insertSQL builds a multi-row INSERT with the engine's placeholders.
func insertSQL(d models.Dialect, rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO regions (code, name, parent_code, level, province_code, sort) VALUES ")
	n := 0
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := 0; j < 6; j++ {
			if j > 0 {
				b.WriteByte(',')
			}
			n++
			if d == models.Postgres {
				b.WriteString("$" + strconv.Itoa(n))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	b.WriteString(" ON CONFLICT (code) DO NOTHING")
	return b.String()
}
