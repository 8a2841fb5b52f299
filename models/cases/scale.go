package cases

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
)

// The scale generator (`portal seed scale --cases N`) writes synthetic but
// well-formed cases for load tests: each with its draft and its timeline,
// a status reached through the state machine's transitions, an item of the
// catalog (so real region and department codes), spread over many synthetic
// applicants plus a fixed number for each demo account, so the user center
// the load test signs in to shows a realistic list.

// Applicant is an account cases are generated for.
type Applicant struct {
	ID                    int64
	Name, Phone, IDNumber string
}

// SyntheticMark is users.verified_by of the generated accounts: they have
// no password (nobody signs in as them) and are easy to find or remove.
const SyntheticMark = "synthetic"

// ScaleOptions controls GenerateScale.
type ScaleOptions struct {
	Cases      int         // cases spread over Applicants
	Applicants []Applicant // synthetic applicants (ScaleApplicants)
	Demo       []Applicant // demo accounts (DemoApplicants), PerDemo cases each on top of Cases
	PerDemo    int
	Batch      int // cases per transaction (default 5000)
	Progress   func(done int, elapsed time.Duration)
}

// ScaleResult reports what GenerateScale did.
type ScaleResult struct {
	Cases, Rows int // cases, and all rows (drafts and events included)
	Took        time.Duration
}

// PerSecond is the rate in cases per second.
func (r ScaleResult) PerSecond() float64 {
	if r.Took <= 0 {
		return 0
	}
	return float64(r.Cases) / r.Took.Seconds()
}

var (
	idAreas    = []string{"330106", "110105", "440305", "510107", "320102", "420106", "610113", "370102"}
	givenNames = []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"}
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"}
)

// syntheticIDNumber is the seq-th (0-based) made-up 公民身份号码: distinct
// for every seq, born 1960 or later, with a valid check character.
func syntheticIDNumber(seq int) string {
	area, rest := idAreas[seq%len(idAreas)], seq/len(idAreas)
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rest/1000)
	s := area + birth.Format("20060102") + fmt.Sprintf("%03d", rest%1000)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return s + string("10X98765432"[sum%11])
}

// ScaleApplicants returns n synthetic accounts, creating those missing.
func ScaleApplicants(ctx context.Context, st *models.Store, n int) ([]Applicant, error) {
	var have []Applicant
	q := st.DB.WithContext(ctx).Table("users").Select("id, name, phone, id_number").Where("verified_by = ?", SyntheticMark)
	if err := q.Order("id").Limit(n).Scan(&have).Error; err != nil {
		return nil, err
	}
	if len(have) >= n {
		return have, nil
	}
	var total int64
	if err := st.DB.WithContext(ctx).Table("users").Where("verified_by = ?", SyntheticMark).Count(&total).Error; err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	var rows [][]any
	for seq := int(total); seq < int(total)+n-len(have); seq++ {
		name := surnames[seq%len(surnames)] + givenNames[(seq/len(surnames))%len(givenNames)]
		rows = append(rows, []any{"natural", fmt.Sprintf("199%08d", seq), name, syntheticIDNumber(seq), 3, SyntheticMark,
			idAreas[seq%len(idAreas)], 1, now, now})
	}
	cols := []string{"kind", "phone", "name", "id_number", "level", "verified_by", "region_code", "session_epoch", "created_at", "updated_at"}
	if err := writeTables(ctx, st, []bulkTable{{"users", cols, rows}}); err != nil {
		return nil, err
	}
	return ScaleApplicants(ctx, st, n)
}

// DemoApplicants returns the natural-person demo accounts that exist (the
// load test signs in as usercenter.DemoPhone).
func DemoApplicants(ctx context.Context, st *models.Store) ([]Applicant, error) {
	var out []Applicant
	err := st.DB.WithContext(ctx).Table("users").Select("id, name, phone, id_number").
		Where("phone IN ? AND kind = ?", []string{usercenter.DemoPhone}, "natural").Order("id").Scan(&out).Error
	return out, err
}

// scaleItem is an implementation item cases are generated for.
type scaleItem struct {
	ID                                         int64
	Code, Name, BodyName, RegionCode, DeptCode string
	PromisedLimit                              int
	PromisedUnit                               string
}

// sampleItems picks up to n published items spread over the whole table,
// online ones when there are any (cases are applications made online).
func sampleItems(ctx context.Context, st *models.Store, n int) ([]scaleItem, error) {
	var out []scaleItem
	for _, online := range []bool{true, false} {
		q := st.DB.WithContext(ctx).Table("matter_items").Where("status = ?", "published")
		if online {
			q = q.Where("online = ?", true)
		}
		var total, maxID int64
		if err := q.Count(&total).Error; err != nil {
			return nil, err
		}
		if total == 0 {
			continue
		}
		st.DB.WithContext(ctx).Table("matter_items").Select("COALESCE(MAX(id), 0)").Scan(&maxID)
		step := max(1, maxID/int64(n))
		err := q.Select("id, code, name, body_name, region_code, dept_code, promised_limit, promised_unit").
			Where("id % ? = 0", step).Order("id").Limit(n).Scan(&out).Error
		if err != nil {
			return nil, err
		}
		if len(out) == 0 { // ids too sparse for the step: take the first ones
			err = q.Select("id, code, name, body_name, region_code, dept_code, promised_limit, promised_unit").
				Order("id").Limit(n).Scan(&out).Error
		}
		return out, err
	}
	return nil, fmt.Errorf("no published items: seed the catalog first (portal seed demo, or seed scale --items N)")
}

// caseMix is the status share of every 20 generated cases: half completed,
// as on a portal that has run for some time.
var caseMix = []Status{StatusCompleted, StatusCompleted, StatusSubmitted, StatusCompleted, StatusAccepted,
	StatusProcessing, StatusCompleted, StatusCompleted, StatusCorrection, StatusCompleted, StatusProcessing,
	StatusCompleted, StatusRejected, StatusCompleted, StatusSubmitted, StatusCompleted, StatusWithdrawn,
	StatusAccepted, StatusCompleted, StatusProcessing}

// GenerateScale writes opts.Cases synthetic cases over opts.Applicants, and
// opts.PerDemo more for each demo account.
func GenerateScale(ctx context.Context, st *models.Store, opts ScaleOptions) (ScaleResult, error) {
	start := time.Now()
	if opts.Cases > 0 && len(opts.Applicants) == 0 {
		return ScaleResult{}, fmt.Errorf("scale: no applicants for %d cases", opts.Cases)
	}
	if opts.Batch <= 0 {
		opts.Batch = 5000
	}
	items, err := sampleItems(ctx, st, 5000)
	if err != nil {
		return ScaleResult{}, err
	}
	g := &caseGen{items: items, now: time.Now().UTC().Truncate(time.Second)}
	for _, t := range []struct {
		table string
		next  *int64
	}{{"cases", &g.nextCase}, {"case_drafts", &g.nextDraft}} {
		if err := st.DB.WithContext(ctx).Raw("SELECT COALESCE(MAX(id), 0) FROM " + t.table).Scan(t.next).Error; err != nil {
			return ScaleResult{}, err
		}
	}
	owners := func(i int) Applicant { return opts.Applicants[(i*7919)%len(opts.Applicants)] }
	total := opts.Cases + opts.PerDemo*len(opts.Demo)
	if len(opts.Demo) > 0 && opts.PerDemo > 0 {
		demo := opts.Demo
		owners = func(i int) Applicant {
			if i < opts.PerDemo*len(demo) {
				return demo[i%len(demo)]
			}
			return opts.Applicants[(i*7919)%len(opts.Applicants)]
		}
	}
	res, err := g.run(ctx, st, total, opts, owners, start)
	if err == nil && st.Dialect == models.Postgres {
		// Explicit ids bypass the sequences: move them past.
		for _, t := range []string{"cases", "case_drafts"} {
			if err = st.DB.WithContext(ctx).Exec("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), (SELECT MAX(id) FROM " + t + "))").Error; err != nil {
				break
			}
		}
	}
	res.Took = time.Since(start)
	return res, err
}

type caseGen struct {
	items               []scaleItem
	now                 time.Time
	nextCase, nextDraft int64
}

// run builds batches in one goroutine while others write (two on
// PostgreSQL, whose server-side work is most of the cost; one on SQLite).
func (g *caseGen) run(ctx context.Context, st *models.Store, total int, opts ScaleOptions, owner func(int) Applicant, start time.Time) (ScaleResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan []bulkTable, 2)
	go func() {
		defer close(ch)
		for i := 0; i < total && ctx.Err() == nil; i += opts.Batch {
			select {
			case ch <- g.batch(i, min(i+opts.Batch, total), owner):
			case <-ctx.Done():
			}
		}
	}()
	writers := 1
	if st.Dialect == models.Postgres {
		writers = 2
	}
	var (
		mu       sync.Mutex
		res      ScaleResult
		firstErr error
		wg       sync.WaitGroup
	)
	for range writers {
		wg.Go(func() {
			for b := range ch {
				err := writeTables(ctx, st, b)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				if err == nil {
					for _, t := range b {
						res.Rows += len(t.rows)
						if t.name == "cases" {
							res.Cases += len(t.rows)
						}
					}
					if opts.Progress != nil {
						opts.Progress(res.Cases, time.Since(start))
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	return res, firstErr
}

var (
	caseColumns = []string{"id", "number", "query_hash", "draft_id", "user_id", "item_id", "item_code", "matter_name", "body_name",
		"region_code", "dept_code", "status", "outcome", "applicant_name", "applicant_id_number", "applicant_phone", "answers",
		"note", "promised_days", "due_at", "delivery_method", "submitted_at", "accepted_at", "completed_at", "updated_at", "version"}
	draftColumns = []string{"id", "user_id", "item_id", "step", "answers", "token", "case_id", "version", "created_at", "updated_at"}
	eventColumns = []string{"case_id", "event", "from_status", "to_status", "actor", "note", "created_at"}
)

// batch builds cases lo..hi-1 with their drafts and timelines.
func (g *caseGen) batch(lo, hi int, owner func(int) Applicant) []bulkTable {
	cs, ds := make([][]any, 0, hi-lo), make([][]any, 0, hi-lo)
	var evs [][]any
	for i := lo; i < hi; i++ {
		g.nextCase++
		g.nextDraft++
		id, did := g.nextCase, g.nextDraft
		u, it := owner(i), g.items[(i*31)%len(g.items)]
		status := caseMix[i%len(caseMix)]
		// Submitted within the last two years (newest first by id); the
		// number's date and id digits make it unique (see scaleNumber).
		day := int(id % 730)
		submitted := g.now.AddDate(0, 0, -day).Add(-time.Duration(id%36000) * time.Second)
		days := promisedDays(it.PromisedLimit, it.PromisedUnit)
		if days <= 0 {
			days = 15
		}
		due := submitted.AddDate(0, 0, 7)
		method := []string{"window", "post"}[i%2]
		answers := `{"method":"` + method + `","phone":"` + u.Phone + `"}`
		var accepted, completed any
		steps := [][2]Status{{"", StatusSubmitted}}
		events := []string{"submit"}
		outcome, note, updated := "", "", submitted
		if status != StatusSubmitted && status != StatusWithdrawn && status != StatusRejected {
			a := submitted.Add(26 * time.Hour)
			accepted, updated = a, a
			due = a.AddDate(0, 0, days*7/5)
			steps, events = append(steps, [2]Status{StatusSubmitted, StatusAccepted}), append(events, string(ActAccept))
		}
		switch status {
		case StatusProcessing, StatusCorrection, StatusCompleted:
			steps, events = append(steps, [2]Status{StatusAccepted, StatusProcessing}), append(events, string(ActProcess))
			updated = updated.Add(24 * time.Hour)
		}
		switch status {
		case StatusCorrection:
			note = "请补充上传近 6 个月内的证件照。"
			steps, events = append(steps, [2]Status{StatusProcessing, StatusCorrection}), append(events, string(ActCorrect))
		case StatusCompleted:
			outcome = OutcomeApproved
			if i%10 == 3 {
				outcome = OutcomeRefused
			}
			updated = updated.Add(72 * time.Hour)
			completed = updated
			steps, events = append(steps, [2]Status{StatusProcessing, StatusCompleted}), append(events, string(ActComplete))
		case StatusRejected:
			note = "申请材料不属于本机关受理范围。"
			updated = submitted.Add(30 * time.Hour)
			completed = updated
			steps, events = append(steps, [2]Status{StatusSubmitted, StatusRejected}), append(events, string(ActReject))
		case StatusWithdrawn:
			updated = submitted.Add(5 * time.Hour)
			steps, events = append(steps, [2]Status{StatusSubmitted, StatusWithdrawn}), append(events, string(ActWithdraw))
		}
		if updated.After(g.now) {
			updated = g.now
		}
		code := fmt.Sprintf("%08d", (id*7919+13)%100000000)
		cs = append(cs, []any{id, scaleNumber(it.RegionCode, submitted, id), hashCode(code), did, u.ID, it.ID, it.Code, it.Name,
			it.BodyName, it.RegionCode, it.DeptCode, string(status), outcome, u.Name, u.IDNumber, u.Phone, answers, note, days, due,
			method, submitted, accepted, completed, updated, len(steps)})
		ds = append(ds, []any{did, u.ID, it.ID, StepMaterials, answers, "scale-" + strconv.FormatInt(did, 10), id, 5, submitted.Add(-time.Hour), submitted})
		for k, s := range steps {
			actor, at := ByStaff, submitted
			if k > 0 {
				at = submitted.Add(time.Duration(k) * 26 * time.Hour)
			}
			if events[k] == "submit" || events[k] == string(ActWithdraw) {
				actor = ByApplicant
			}
			if at.After(updated) {
				at = updated
			}
			n := ""
			if s[1] == StatusCorrection || s[1] == StatusRejected {
				n = note
			}
			evs = append(evs, []any{id, events[k], string(s[0]), string(s[1]), actor, n, at})
		}
	}
	// Drafts first: the case points at its draft.
	return []bulkTable{{"case_drafts", draftColumns, ds}, {"cases", caseColumns, cs}, {"case_events", eventColumns, evs}}
}

// scaleNumber is a 办件编号 as Submit makes it (region, date in Beijing
// time, six digits), the digits being id mod 10⁶. Two ids with the same
// digits differ by k·10⁶, and their submission days (id mod 730) by
// 630·k mod 730 ≠ 0 for k < 73: unique up to 73 million cases.
func scaleNumber(region string, submitted time.Time, id int64) string {
	return region + submitted.In(china).Format("20060102") + fmt.Sprintf("%06d", id%1000000)
}

// bulkTable is rows of one table written by writeTables.
type bulkTable struct {
	name string
	cols []string
	rows [][]any
}

// writeTables writes the tables in one transaction: COPY on PostgreSQL,
// multi-row INSERTs on SQLite.
func writeTables(ctx context.Context, st *models.Store, tables []bulkTable) error {
	db, err := st.DB.DB()
	if err != nil {
		return err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if st.Dialect == models.Postgres {
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
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if err := insertRows(ctx, tx, t); err != nil {
			tx.Rollback() // #nosec G104 -- the insert error is the one to report
			return fmt.Errorf("insert %s: %w", t.name, err)
		}
	}
	return tx.Commit()
}

// insertRows inserts in statements of at most ~400 parameters: the pure-Go
// SQLite driver binds parameters in quadratic time (models/catalog/bulk.go).
func insertRows(ctx context.Context, tx *sql.Tx, t bulkTable) error {
	per := max(1, 400/len(t.cols))
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.cols)), ",") + ")"
	for lo := 0; lo < len(t.rows); lo += per {
		hi := min(lo+per, len(t.rows))
		var args []any
		for _, r := range t.rows[lo:hi] {
			args = append(args, r...)
		}
		q := "INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES " + // #nosec G202 -- t.name and t.cols are the constant table and column names of this file (rows(), writeTables callers); every value is a ? parameter
			strings.TrimSuffix(strings.Repeat(one+",", hi-lo), ",")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
