package catalog

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

// The scale generator writes synthetic but well-formed implementation items
// for load and search tests: every region of the catalog (townships, and
// villages when loaded, make up almost all of them) implements a rotating
// share of the demo matters, with the body, codes and texts the demo loader
// would derive, and the template's materials, fees, steps and FAQs.

// ScaleOptions controls GenerateScale.
type ScaleOptions struct {
	Items    int                                   // how many items to write
	Batch    int                                   // items per transaction (default 10000)
	Progress func(done int, elapsed time.Duration) // called after each batch
}

// ScaleResult reports what GenerateScale did.
type ScaleResult struct {
	Items, Rows int // items and all rows written (items + children)
	Took        time.Duration
}

// ItemsPerSecond is the write rate of the run.
func (r ScaleResult) ItemsPerSecond() float64 {
	if r.Took <= 0 {
		return 0
	}
	return float64(r.Items) / r.Took.Seconds()
}

// scaleTemplate is one demo matter prepared for fast copying.
type scaleTemplate struct {
	m        DemoMatter
	matterID int64
	dept     refdata.Department
	children ItemDetail // materials (with attachment ids), fees, steps, FAQs
}

// GenerateScale writes opts.Items synthetic items. The demo catalog is seeded
// first (its matters and attachments are the templates). Codes are
// <matter>-<region>-S<round>, so they never collide with demo items or an
// earlier run's items.
func GenerateScale(ctx context.Context, st *models.Store, opts ScaleOptions) (ScaleResult, error) {
	start := time.Now()
	if err := refdata.SeedRegions(ctx, st); err != nil {
		return ScaleResult{}, err
	}
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		return ScaleResult{}, err
	}
	ms, err := DemoMatters()
	if err != nil {
		return ScaleResult{}, err
	}
	if err := LoadDemo(ctx, st, ref, ms); err != nil {
		return ScaleResult{}, err
	}
	tpls, err := scaleTemplates(ctx, st, ref, ms)
	if err != nil {
		return ScaleResult{}, err
	}
	regions := scaleRegions(ref)
	if len(regions) == 0 || len(tpls) == 0 {
		return ScaleResult{}, fmt.Errorf("no regions or matters to generate from")
	}
	round, err := scaleRound(ctx, st)
	if err != nil {
		return ScaleResult{}, err
	}
	g := &scaleGen{ref: ref, tpls: tpls, regions: regions, round: round, now: time.Now().UTC(),
		copyRows: st.Dialect == models.Postgres}
	if err := st.DB.WithContext(ctx).Raw("SELECT COALESCE(MAX(id), 0) FROM matter_items").Scan(&g.nextID).Error; err != nil {
		return ScaleResult{}, err
	}
	res, err := g.run(ctx, st, opts, start)
	if err == nil && st.Dialect == models.Postgres {
		// Explicit ids bypass the sequence: move it past them.
		err = st.DB.WithContext(ctx).Exec("SELECT setval(pg_get_serial_sequence('matter_items', 'id'), (SELECT MAX(id) FROM matter_items))").Error
	}
	res.Took = time.Since(start)
	return res, err
}

// scaleRound numbers this run (S1, S2 …) from the codes already written.
func scaleRound(ctx context.Context, st *models.Store) (int, error) {
	var n int64
	err := st.DB.WithContext(ctx).Model(&itemRow{}).Where("code LIKE ?", "%-S%").Count(&n).Error
	if err != nil || n == 0 {
		return 1, err
	}
	var codes []string
	err = st.DB.WithContext(ctx).Model(&itemRow{}).Where("code LIKE ?", "%-S%").Order("id DESC").Limit(1).Pluck("code", &codes).Error
	if err != nil || len(codes) == 0 {
		return 1, err
	}
	c := codes[0]
	for i := len(c) - 1; i > 0; i-- {
		if c[i] == 'S' && c[i-1] == '-' {
			r, _ := strconv.Atoi(c[i+1:])
			return r + 1, nil
		}
	}
	return 1, nil
}

// scaleRegions lists every region below the provinces, deepest levels
// included, in catalog order.
func scaleRegions(ref *refdata.Catalog) []refdata.Region {
	var out []refdata.Region
	var walk func(code string)
	walk = func(code string) {
		for _, r := range ref.Children(code) {
			if !r.Grouping {
				out = append(out, r)
			}
			walk(r.Code)
		}
	}
	walk(refdata.National)
	return out
}

func scaleTemplates(ctx context.Context, st *models.Store, ref *refdata.Catalog, ms []DemoMatter) ([]scaleTemplate, error) {
	repo := NewRepo(st)
	var out []scaleTemplate
	for _, m := range ms {
		mt, err := repo.GetMatter(ctx, m.Code)
		if err != nil {
			return nil, fmt.Errorf("matter %s: %w", m.Code, err)
		}
		items, err := repo.ItemsForMatter(ctx, mt.ID, 1)
		if err != nil || len(items) == 0 {
			return nil, fmt.Errorf("matter %s has no demo item: %v", m.Code, err)
		}
		d, err := repo.GetItemByCode(ctx, items[0].Code)
		if err != nil {
			return nil, err
		}
		dept, _ := ref.Department(mt.DeptCode)
		out = append(out, scaleTemplate{m: m, matterID: mt.ID, dept: dept, children: d})
	}
	return out, nil
}
