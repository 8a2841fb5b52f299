package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// dashDays is how far back the search dashboard looks.
const dashDays = 14

// home is GET /admin: the role, its tasks and the dashboards (issue 6 §4).
func (h *console) home(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	p := admin.HomeProps{Shell: h.shell(c, locales.T(ctx, "admin.home.title")),
		Intro: locales.T(ctx, "admin.home.intro", locales.T(ctx, s.Role.LabelKey()), h.scopeText(ctx, s.Scope()))}
	for _, sec := range sections[1:] {
		if s.Can(sec.perm) {
			p.Links = append(p.Links, admin.Link{Text: locales.T(ctx, sec.key), Href: sec.href})
		}
	}
	queues, err := h.content.Queues(ctx, s)
	if err != nil {
		return err
	}
	more, err := h.extraQueues(ctx, s, time.Now())
	if err != nil {
		return err
	}
	queues = append(queues, more...)
	p.Queues, p.QueueChart = h.queueTable(ctx, queues), queueChart(ctx, queues)
	p.Ratings = locales.T(ctx, "admin.dash.ratings_empty")
	if s.Can(staff.PermDashboard) {
		if err := h.searchDashboard(ctx, s.Scope(), &p); err != nil {
			return err
		}
		if err := h.ratings(ctx, s.Scope(), &p); err != nil {
			return err
		}
	}
	return web.Render(c, http.StatusOK, admin.Home(h.chrome(c), p))
}

func (h *console) queueTable(ctx context.Context, qs []content.Queue) components.TableProps {
	t := components.TableProps{Caption: locales.T(ctx, "admin.dash.queue_table"), RowHeaders: true, Layout: components.TableStack,
		Head: []components.TableHead{{Text: locales.T(ctx, "admin.dash.queue")}, {Text: locales.T(ctx, "admin.dash.backlog"), Numeric: true},
			{Text: locales.T(ctx, "admin.dash.overdue"), Numeric: true}}}
	for _, q := range qs {
		overdue := locales.T(ctx, "admin.dash.no_deadline")
		if q.Overdue >= 0 {
			overdue = strconv.Itoa(q.Overdue)
		} else if q.Stale > 0 {
			overdue = locales.T(ctx, "admin.dash.stale", q.Stale)
		}
		t.Rows = append(t.Rows, []components.TableCell{{Text: locales.T(ctx, "admin.queue."+q.Key), Href: q.Href},
			{Text: strconv.Itoa(q.Backlog), Numeric: true}, {Text: overdue, Numeric: true}})
	}
	return t
}

// searchDashboard fills the searches chart, its table and the top
// zero-result queries (from models/search's query log).
func (h *console) searchDashboard(ctx context.Context, sc staff.Scope, p *admin.HomeProps) error {
	now := time.Now()
	days, err := h.content.SearchesByDay(ctx, sc, dashDays, now)
	if err != nil {
		return err
	}
	p.ShowSearch = true
	searches, zero := locales.T(ctx, "admin.dash.searches"), locales.T(ctx, "admin.dash.zero_results")
	ch := admin.Chart{ID: "chart-searches", Title: locales.T(ctx, "admin.dash.search_chart", dashDays), Series: []string{searches, zero}}
	tbl := components.TableProps{Caption: locales.T(ctx, "admin.dash.search_table"), RowHeaders: true,
		Head: []components.TableHead{{Text: locales.T(ctx, "admin.dash.day")}, {Text: searches, Numeric: true}, {Text: zero, Numeric: true}}}
	total, totalZero, busiest := 0, 0, content.DayCount{}
	for _, d := range days {
		label := d.Day.Format("01-02")
		ch.Groups = append(ch.Groups, admin.ChartGroup{Label: label, Values: []int{d.Searches, d.ZeroResults}})
		tbl.Rows = append(tbl.Rows, []components.TableCell{{Text: d.Day.Format("2006-01-02")},
			{Text: strconv.Itoa(d.Searches), Numeric: true}, {Text: strconv.Itoa(d.ZeroResults), Numeric: true}})
		total, totalZero = total+d.Searches, totalZero+d.ZeroResults
		if d.Searches > busiest.Searches {
			busiest = d
		}
	}
	if total == 0 {
		ch.Summary = locales.T(ctx, "admin.dash.search_none", dashDays)
	} else {
		ch.Summary = locales.T(ctx, "admin.dash.search_summary", dashDays, total, totalZero,
			fmt.Sprintf("%.1f%%", 100*float64(totalZero)/float64(total)), busiest.Day.Format("2006-01-02"), busiest.Searches)
	}
	p.Searches, p.SearchTable = ch, tbl
	zq, err := h.content.ZeroResultQueries(ctx, sc, now.AddDate(0, 0, -dashDays), 10)
	if err != nil {
		return err
	}
	p.ZeroEmpty = locales.T(ctx, "admin.dash.zero_none")
	p.ZeroTable = components.TableProps{Caption: locales.T(ctx, "admin.dash.zero_table"), Layout: components.TableStack,
		Head: []components.TableHead{{Text: locales.T(ctx, "admin.dash.query")}, {Text: locales.T(ctx, "admin.dash.times"), Numeric: true}}}
	for _, q := range zq {
		p.ZeroTable.Rows = append(p.ZeroTable.Rows, []components.TableCell{{Text: q.Query}, {Text: strconv.Itoa(q.Count), Numeric: true}})
	}
	return nil
}
