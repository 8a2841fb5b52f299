package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/consult"
)

// seedScaleCmd is `portal seed scale [--items N] [--cases N]
// [--consultations N] …`. With only --items (or nothing) it is the catalog
// generator as before (1,000,000 items by default); with --cases or
// --consultations, items are written only when --items is given too, then
// cases and consultations over synthetic applicants (and a fixed number for
// the demo account 张三, whom load tests sign in as).
func seedScaleCmd(ctx context.Context, st *models.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("seed scale", flag.ContinueOnError)
	fs.SetOutput(out)
	items := fs.Int("items", 1000000, "synthetic implementation items (default only when neither --cases nor --consultations is given)")
	batch := fs.Int("batch", 0, "rows per transaction (default: 10000 items, 5000 cases, 2000 consultations)")
	nCases := fs.Int("cases", 0, "synthetic cases (办件) with their drafts and timelines")
	nConsult := fs.Int("consultations", 0, "synthetic consultations (咨询)")
	nUsers := fs.Int("users", 0, "synthetic applicants the cases and consultations are spread over (default: cases/100, at least 100)")
	perDemo := fs.Int("demo-cases", 60, "cases of the demo account 张三 on top of --cases (3 pages of 我的办件)")
	perDemoConsult := fs.Int("demo-consultations", 12, "consultations of the demo account on top of --consultations")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["cases"] && !set["consultations"] {
		return catalog.ScaleCommand(ctx, st, args, out)
	}
	if *nCases < 0 || *nConsult < 0 || *items < 0 || *nUsers < 0 || *perDemo < 0 || *perDemoConsult < 0 {
		return fmt.Errorf("seed scale: counts must not be negative")
	}
	if set["items"] && *items > 0 {
		a := []string{"--items", strconv.Itoa(*items)}
		if *batch > 0 {
			a = append(a, "--batch", strconv.Itoa(*batch))
		}
		if err := catalog.ScaleCommand(ctx, st, a, out); err != nil {
			return err
		}
	}
	users := *nUsers
	if users == 0 {
		users = max(100, max(*nCases, *nConsult)/100)
	}
	applicants, err := cases.ScaleApplicants(ctx, st, users)
	if err != nil {
		return err
	}
	demo, err := cases.DemoApplicants(ctx, st)
	if err != nil {
		return err
	}
	if len(demo) == 0 {
		fmt.Fprintln(out, "scale: no demo account (run portal seed demo first): the user center's bench rows will be empty")
	}
	progress := func(what string, total int) func(int, time.Duration) {
		var last time.Duration
		return func(done int, elapsed time.Duration) {
			if elapsed-last >= 3*time.Second {
				last = elapsed
				fmt.Fprintf(out, "scale: %d/%d %s, %.0f %s/s\n", done, total, what, float64(done)/elapsed.Seconds(), what)
			}
		}
	}
	if *nCases > 0 {
		total := *nCases + *perDemo*len(demo)
		res, err := cases.GenerateScale(ctx, st, cases.ScaleOptions{Cases: *nCases, Applicants: applicants, Demo: demo,
			PerDemo: *perDemo, Batch: *batch, Progress: progress("cases", total)})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "scale: wrote %d cases (%d rows with drafts and timelines) for %d applicants into %s in %s: %.0f cases/s\n",
			res.Cases, res.Rows, len(applicants)+len(demo), st.Dialect, res.Took.Round(time.Millisecond), res.PerSecond())
	}
	if *nConsult > 0 {
		askers := make([]consult.Asker, len(applicants))
		for i, a := range applicants {
			askers[i] = consult.Asker{ID: a.ID, Name: a.Name, Phone: a.Phone}
		}
		var demoAskers []consult.Asker
		for _, a := range demo {
			demoAskers = append(demoAskers, consult.Asker{ID: a.ID, Name: a.Name, Phone: a.Phone})
		}
		total := *nConsult + *perDemoConsult*len(demo)
		res, err := consult.GenerateScale(ctx, st, consult.ScaleOptions{Consultations: *nConsult, Askers: askers, Demo: demoAskers,
			PerDemo: *perDemoConsult, Batch: *batch, Progress: progress("consultations", total)})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "scale: wrote %d consultations into %s in %s: %.0f consultations/s\n",
			res.Consultations, st.Dialect, res.Took.Round(time.Millisecond), res.PerSecond())
	}
	if st.Dialect == models.Postgres {
		// Fresh statistics, as autovacuum would give a live table: the user
		// center's counts become index-only scans.
		for _, t := range []string{"users", "case_drafts", "cases", "case_events", "consultations"} {
			if err := st.DB.WithContext(ctx).Exec("VACUUM ANALYZE " + t).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
