package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/zwfw/portal/models"
)

// Bulk writing for `portal seed scale`. PostgreSQL gets COPY through the pgx
// connection under database/sql; SQLite gets multi-row INSERTs through one
// prepared statement per table, in large transactions (one fsync each).

// Column lists of the bulk-written tables.
var (
	itemColumns = []string{"id", "code", "matter_id", "name", "type", "legal_basis", "level", "region_code", "dept_code",
		"body_name", "body_code", "body_nature", "statutory_limit", "statutory_unit", "statutory_note", "promised_limit",
		"promised_unit", "promised_note", "visits", "conditions", "charged", "audiences", "case_type", "forms", "location",
		"hours", "consult", "complaint", "themes_natural", "themes_legal", "local_themes", "scope", "online", "online_url",
		"mobile_url", "trust_level", "status", "version", "popularity", "created_at", "updated_at"}
	materialColumns = []string{"item_id", "position", "name", "necessity", "form", "kind", "copies", "source",
		"blank_form_id", "sample_id", "notes", "standard", "basis"}
	feeColumns  = []string{"item_id", "position", "name", "standard", "basis", "waivable"}
	stepColumns = []string{"item_id", "position", "name", "detail"}
	faqColumns  = []string{"item_id", "position", "question", "answer"}
)

func itemValues(r itemRow) []any {
	return []any{r.ID, r.Code, r.MatterID, r.Name, r.Type, r.LegalBasis, r.Level, r.RegionCode, r.DeptCode,
		r.BodyName, r.BodyCode, r.BodyNature, r.StatutoryLimit, r.StatutoryUnit, r.StatutoryNote, r.PromisedLimit,
		r.PromisedUnit, r.PromisedNote, r.Visits, r.Conditions, r.Charged, r.Audiences, r.CaseType, r.Forms, r.Location,
		r.Hours, r.Consult, r.Complaint, r.ThemesNatural, r.ThemesLegal, r.LocalThemes, r.Scope, r.Online, r.OnlineURL,
		r.MobileURL, r.TrustLevel, r.Status, r.Version, r.Popularity, r.CreatedAt, r.UpdatedAt}
}

// Columns an item of the scale generator does not share with its template;
// SQLite copies every other column (and all children) from the template row
// inside the database, so only these are bound.
var ownItemColumns = []string{"id", "code", "level", "region_code", "body_name", "body_code", "body_nature", "location",
	"hours", "consult", "complaint", "online_url", "mobile_url", "popularity"}

// batch is the rows of a group of items. For PostgreSQL it holds whole rows
// of every table (for COPY); for SQLite the items' own columns plus the
// template's id, and (new id, template id) pairs from which the children are
// copied inside the database.
type batch struct {
	items, materials, fees, steps, faqs [][]any
	pairs                               [][]any
	rows                                int // rows the batch writes, children included
}

// childTables are the children of an item, in the order they are written.
var childTables = []struct {
	name string
	cols []string
}{
	{"item_materials", materialColumns}, {"item_fees", feeColumns}, {"item_steps", stepColumns}, {"item_faqs", faqColumns},
}

// writeBatch writes a batch in one transaction.
func writeBatch(ctx context.Context, st *models.Store, db *sql.DB, b *batch) error {
	if st.Dialect == models.Postgres {
		return copyBatch(ctx, db, b)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Statement journals (needed to undo one failed INSERT) go to memory
	// instead of a temporary file, and a bigger page cache (64 MB) keeps the
	// index pages hot; both only affect this connection.
	if _, err := conn.ExecContext(ctx, "PRAGMA temp_store = MEMORY"); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -65536"); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	err = insertFromTemplates(ctx, tx, "matter_items", "id", ownItemColumns, itemColumns, b.items)
	for _, c := range childTables {
		if err == nil {
			err = insertFromTemplates(ctx, tx, c.name, "item_id", []string{"item_id"}, c.cols, b.pairs)
		}
	}
	if err != nil {
		tx.Rollback() // #nosec G104 -- the statement's error is the one to report
		return err
	}
	return tx.Commit()
}

// sqliteParams caps the parameters of one statement. SQLite allows 32 766,
// but the pure-Go driver binds each parameter by scanning the whole argument
// list (quadratic): 30 000 parameters ran at 130 items/s.
const sqliteParams = 400

// insertFromTemplates inserts one row per template row: each row of rows
// gives the values of own columns and, last, the template's key; the other
// columns are copied from the template rows (t.key = template key):
//
//	INSERT INTO t (own…, rest…) SELECT v.column1…, t.rest… FROM (VALUES (?…)) AS v JOIN t ON t.key = v.columnN
func insertFromTemplates(ctx context.Context, tx *sql.Tx, table, key string, own, all []string, rows [][]any) error {
	ownSet := map[string]bool{}
	for _, c := range own {
		ownSet[c] = true
	}
	var rest []string
	for _, c := range all {
		if !ownSet[c] {
			rest = append(rest, c)
		}
	}
	width := len(own) + 1
	per := max(1, sqliteParams/width)
	args := make([]any, 0, per*width)
	var full *sql.Stmt
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		args = args[:0]
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		if end-start == per && full == nil {
			var err error
			if full, err = tx.PrepareContext(ctx, templateSQL(table, key, own, rest, per)); err != nil {
				return err
			}
			defer full.Close()
		}
		var err error
		if end-start == per {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, templateSQL(table, key, own, rest, end-start), args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func templateSQL(table, key string, own, rest []string, rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(own, ", ") + ", " + strings.Join(rest, ", ") + ") SELECT ")
	for i := range own {
		fmt.Fprintf(&b, "v.column%d, ", i+1)
	}
	b.WriteString("t." + strings.Join(rest, ", t.") + " FROM (VALUES ")
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(own)+1), ",") + ")"
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(one)
	}
	fmt.Fprintf(&b, ") AS v JOIN %s t ON t.%s = v.column%d", table, key, len(own)+1)
	return b.String()
}

// copyBatch writes a batch on PostgreSQL with COPY, all tables in one
// transaction. (Copying the children server-side with INSERT … SELECT over
// unnest() was measured too: it saves client work but costs the server about
// twice the CPU of COPY, 213 s against 110 s per million items.)
func copyBatch(ctx context.Context, db *sql.DB, b *batch) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tables := []struct {
		name string
		cols []string
		rows [][]any
	}{
		{"matter_items", itemColumns, b.items}, {"item_materials", materialColumns, b.materials},
		{"item_fees", feeColumns, b.fees}, {"item_steps", stepColumns, b.steps}, {"item_faqs", faqColumns, b.faqs},
	}
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("postgres driver connection is %T, not pgx", dc)
		}
		tx, err := sc.Conn().Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx) //nolint:errcheck
		for _, t := range tables {
			if len(t.rows) == 0 {
				continue
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
		}
		return tx.Commit(ctx)
	})
}
