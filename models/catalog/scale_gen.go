package catalog

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

type scaleGen struct {
	ref     *refdata.Catalog
	tpls    []scaleTemplate
	regions []refdata.Region
	round   int
	now     time.Time
	nextID  int64
	// copyRows: build whole item rows (PostgreSQL COPY) instead of
	// template references (SQLite INSERT … SELECT).
	copyRows bool
}

// run generates in one goroutine and writes in others, so building rows and
// the database's work overlap. PostgreSQL gets two writers on two
// connections, hence two server processes: its side of the work (indexes,
// foreign-key checks) is most of the total. SQLite has one writer at a time.
func (g *scaleGen) run(ctx context.Context, st *models.Store, opts ScaleOptions, start time.Time) (ScaleResult, error) {
	if opts.Batch <= 0 {
		opts.Batch = 10000
	}
	db, err := st.DB.DB()
	if err != nil {
		return ScaleResult{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan *batch, 2)
	errc := make(chan error, 1)
	go func() {
		defer close(ch)
		errc <- g.produce(ctx, opts.Items, opts.Batch, ch)
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
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range ch {
				if err := writeBatch(ctx, st, db, b); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel() // the producer stops; the loop drains the channel
					continue
				}
				mu.Lock()
				res.Items += len(b.items)
				res.Rows += b.rows
				if opts.Progress != nil {
					opts.Progress(res.Items, time.Since(start))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	perr := <-errc
	if firstErr != nil {
		return res, firstErr
	}
	return res, perr
}

// produce spreads n items evenly over the regions: item i goes to region
// i·R/n, so a small n still reaches every province; each region implements a
// rotating run of matters starting at an offset of its own.
func (g *scaleGen) produce(ctx context.Context, n, size int, ch chan<- *batch) error {
	R, M := len(g.regions), len(g.tpls)
	b := &batch{}
	prev, k := -1, 0
	var place Place
	for i := 0; i < n; i++ {
		ri := int(int64(i) * int64(R) / int64(n))
		if ri != prev {
			prev, k = ri, 0
			p, ok := PlaceOf(g.ref, g.regions[ri].Code)
			if !ok {
				return fmt.Errorf("region %s vanished", g.regions[ri].Code)
			}
			place = p
		} else {
			k++
		}
		t := &g.tpls[(ri*7+k)%M]
		code := ItemCode(t.m.Code, place.Code) + fmt.Sprintf("-S%d", g.round)
		if k >= M {
			code += fmt.Sprintf("-%d", k/M)
		}
		g.nextID++
		g.add(b, t, place, code, g.nextID)
		if len(b.items) == size {
			select {
			case ch <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
			b = &batch{}
		}
	}
	if len(b.items) > 0 {
		select {
		case ch <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// levelOf maps a region's level to the 行使层级 of an item implemented there
// (province 2 … village 6); matters managed at several levels keep 7.
func levelOf(t *scaleTemplate, p Place) int {
	if t.m.Level == 7 {
		return 7
	}
	return p.Level + 1
}

// add appends one item to b: whole rows of the item and its children for
// COPY, or for SQLite the item's own columns and the template's id.
func (g *scaleGen) add(b *batch, t *scaleTemplate, p Place, code string, id int64) {
	it := demoItem(t.m, t.dept, p)
	it.ID, it.Code, it.MatterID, it.Level = id, code, t.matterID, levelOf(t, p)
	if it.MobileURL != "" {
		it.MobileURL = "/matters/" + code
	}
	// Popularity varies so "sort by popular" has something to sort.
	it.Popularity = float64((id*7919)%1000) / 1000
	d := &t.children
	b.rows += 1 + len(d.Materials) + len(d.Fees) + len(d.Steps) + len(d.FAQs)
	if !g.copyRows {
		b.items = append(b.items, []any{id, code, it.Level, it.RegionCode, it.Body.Name, it.Body.CreditCode,
			it.Body.Nature, it.Location, it.Hours, it.Consult, it.Complaint, it.OnlineURL, it.MobileURL, it.Popularity, d.ID})
		b.pairs = append(b.pairs, []any{id, d.ID})
		return
	}
	b.items = append(b.items, itemValues(rowOf(it, g.now)))
	for _, m := range d.Materials {
		b.materials = append(b.materials, []any{id, m.Position, m.Name, m.Necessity, m.Form, m.Kind, m.Copies, m.Source,
			optID(m.BlankFormID), optID(m.SampleID), m.Notes, m.Standard, m.Basis})
	}
	for _, f := range d.Fees {
		b.fees = append(b.fees, []any{id, f.Position, f.Name, f.Standard, f.Basis, f.Waivable})
	}
	for _, s := range d.Steps {
		b.steps = append(b.steps, []any{id, s.Position, s.Name, s.Detail})
	}
	for _, f := range d.FAQs {
		b.faqs = append(b.faqs, []any{id, f.Position, f.Question, f.Answer})
	}
}
