package admin

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// BacklogFunc counts a queue's open and overdue entries inside a scope:
// the signature of cases.Backlog and consult.Backlog (CONTRACTS.md).
type BacklogFunc func(ctx context.Context, st *models.Store, sc staff.Scope, now time.Time) (open, overdue int64, err error)

// backlogQueue is one dashboard queue fed by another feature's Backlog.
type backlogQueue struct {
	key, href string
	perm      staff.Perm
	count     BacklogFunc
}

// backlogQueues are the queues of cases (issue 7) and consultations and
// complaints (issue 8), counted by their own packages within the scope.
var backlogQueues = []backlogQueue{
	{"cases", "/admin/cases", staff.PermCases, cases.Backlog},
	{"consult", "/admin/consultations", staff.PermConsult, consult.Backlog},
}

// extraQueues counts the queues of the other features the staff member
// handles, and the apps waiting for review.
func (h *console) extraQueues(ctx context.Context, s staff.Staff, now time.Time) ([]content.Queue, error) {
	var out []content.Queue
	for _, q := range backlogQueues {
		if !s.Can(q.perm) {
			continue
		}
		open, overdue, err := q.count(ctx, h.st, s.Scope(), now)
		if err != nil {
			return nil, err
		}
		out = append(out, content.Queue{Key: q.key, Href: q.href, Backlog: int(open), Overdue: int(overdue)})
	}
	if s.Can(staff.PermApps) {
		_, n, err := h.content.ListApps(ctx, s, content.AppFilter{States: content.ReviewStates, Limit: 1})
		if err != nil {
			return nil, err
		}
		out = append(out, content.Queue{Key: "apps", Href: "/admin/apps", Backlog: int(n), Overdue: -1})
	}
	return out, nil
}

// queueChart draws backlog and overdue per queue; the queue table is its
// text alternative.
func queueChart(ctx context.Context, qs []content.Queue) admin.Chart {
	backlog, overdue := locales.T(ctx, "admin.dash.backlog"), locales.T(ctx, "admin.dash.overdue")
	ch := admin.Chart{ID: "chart-queues", Title: locales.T(ctx, "admin.dash.queue_chart"), Series: []string{backlog, overdue}}
	total, late := 0, 0
	for _, q := range qs {
		ch.Groups = append(ch.Groups, admin.ChartGroup{Label: locales.T(ctx, "admin.queue."+q.Key), Values: []int{q.Backlog, max(q.Overdue, 0)}})
		total, late = total+q.Backlog, late+max(q.Overdue, 0)
	}
	ch.Summary = locales.T(ctx, "admin.dash.queue_summary", len(qs), total, late)
	return ch
}

// ratings fills the satisfaction per department (consult.SatisfactionByDept)
// as a chart of satisfied shares and its table.
func (h *console) ratings(ctx context.Context, sc staff.Scope, p *admin.HomeProps) error {
	rows, err := consult.SatisfactionByDept(ctx, h.st, sc)
	if err != nil || len(rows) == 0 {
		return err
	}
	rate := locales.T(ctx, "admin.dash.rate")
	ch := admin.Chart{ID: "chart-ratings", Title: locales.T(ctx, "admin.dash.ratings_chart"), Series: []string{rate}}
	t := components.TableProps{Caption: locales.T(ctx, "admin.dash.ratings_table"), RowHeaders: true, Layout: components.TableStack,
		Head: []components.TableHead{{Text: locales.T(ctx, "admin.item.dept")}, {Text: locales.T(ctx, "admin.dash.ratings_n"), Numeric: true},
			{Text: locales.T(ctx, "admin.dash.average"), Numeric: true}, {Text: rate, Numeric: true}}}
	var count int64
	best := rows[0]
	for _, r := range rows {
		name := h.deptName(ctx, r.Key)
		if r.Region != "" && r.Region != staff.National {
			name = h.regionName(r.Region) + " " + name
		}
		ch.Groups = append(ch.Groups, admin.ChartGroup{Label: name, Values: []int{r.Rate()}})
		t.Rows = append(t.Rows, []components.TableCell{{Text: name}, {Text: strconv.FormatInt(r.Count, 10), Numeric: true},
			{Text: fmt.Sprintf("%.1f", r.Average()), Numeric: true}, {Text: strconv.Itoa(r.Rate()) + "%", Numeric: true}})
		count += r.Count
		if r.Rate() > best.Rate() {
			best = r
		}
	}
	ch.Summary = locales.T(ctx, "admin.dash.ratings_summary", len(rows), count, h.deptName(ctx, best.Key), best.Rate())
	p.RatingsChart, p.RatingsTable, p.ShowRatings = ch, t, true
	return nil
}
