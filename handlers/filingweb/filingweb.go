// Package filingweb maps filings to the view structs shared by the
// organisation's pages (handlers) and the reviewers' console
// (handlers/admin): details, package facts and the review history.
package filingweb

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/views/components"
	filingview "github.com/zwfw/portal/views/filing"
)

var beijing = time.FixedZone("CST", 8*3600)

func dateTime(t time.Time) string { return t.In(beijing).Format("2006-01-02 15:04") }

// StatusColour is the tag colour of each status (the text says it too).
var StatusColour = map[string]components.TagColour{filing.StatusDraft: components.TagGrey, filing.StatusSubmitted: components.TagBlue,
	filing.StatusChanges: components.TagYellow, filing.StatusApproved: components.TagGreen, filing.StatusRefused: components.TagRed}

// Facts labels a filing's details, with where the organisation is.
func Facts(ctx context.Context, f filing.Filing, place string, public bool) []components.SummaryRow {
	rows := []components.SummaryRow{{Key: locales.T(ctx, "filing.f.level"), Value: locales.T(ctx, "filing.level."+f.Level) + " · " + place}}
	for _, fact := range f.Facts(public) {
		v := fact.Value
		if v == "" {
			v = locales.T(ctx, "filing.empty")
		}
		rows = append(rows, components.SummaryRow{Key: locales.T(ctx, "filing.f."+fact.Key), Value: v})
	}
	return rows
}

// PackageRows describes the install package (nil before one is uploaded).
func PackageRows(ctx context.Context, f filing.Filing) []components.SummaryRow {
	if f.PackageKey == "" {
		return nil
	}
	version := f.PackageVersion
	if f.PackageVersionCode != "" {
		version += " (" + f.PackageVersionCode + ")"
	}
	return []components.SummaryRow{
		{Key: locales.T(ctx, "filing.pkg.kind"), Value: locales.T(ctx, "filing.pkg.kind."+f.PackageKind)},
		{Key: locales.T(ctx, "filing.pkg.name"), Value: f.PackageName},
		{Key: locales.T(ctx, "filing.pkg.version"), Value: version},
		{Key: locales.T(ctx, "filing.pkg.size"), Value: size(f.PackageSize)},
		{Key: locales.T(ctx, "filing.pkg.sm3"), Value: f.PackageSM3},
	}
}

type dated struct {
	at time.Time
	e  filingview.HistoryEntry
}

// History merges revisions and reviews in time order.
func History(ctx context.Context, st *models.Store, id int64) ([]filingview.HistoryEntry, error) {
	revs, reviews, err := filing.History(ctx, st, id)
	if err != nil {
		return nil, err
	}
	var all []dated
	for _, r := range revs {
		all = append(all, dated{r.SubmittedAt, filingview.HistoryEntry{When: dateTime(r.SubmittedAt), Title: locales.T(ctx, "filing.hist.submitted", r.Revision)}})
	}
	for _, r := range reviews {
		e := filingview.HistoryEntry{When: dateTime(r.CreatedAt), Title: locales.T(ctx, "filing.hist.review", r.Revision,
			locales.T(ctx, "filing.decision."+r.Decision)), Note: r.Note}
		for _, it := range r.Items {
			res := locales.T(ctx, "filing.check.failed")
			if it.Passed {
				res = locales.T(ctx, "filing.check.passed")
			}
			e.Checks = append(e.Checks, filingview.CheckLine{Item: "9.4 " + it.Item, Label: locales.T(ctx, "filing.c94."+it.Item),
				Result: res, Note: it.Note, Passed: it.Passed})
		}
		all = append(all, dated{r.CreatedAt, e})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].at.Before(all[j].at) })
	out := make([]filingview.HistoryEntry, len(all))
	for i, d := range all {
		out[i] = d.e
	}
	return out, nil
}

// Place names where the organisation is: its region path or department.
func Place(ctx context.Context, ref *refdata.Catalog, f filing.Filing) string {
	if f.Level == filing.LevelDept {
		if d, ok := ref.Department(f.DeptCode); ok {
			return d.Label(locales.Lang(ctx))
		}
		return f.DeptCode
	}
	if p := ref.Path(f.RegionCode); p != "" {
		return p
	}
	return f.RegionCode
}

func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
