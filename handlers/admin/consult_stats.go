package admin

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// satisfaction is GET /admin/satisfaction: satisfaction per department,
// matter and app inside the staff member's scope (issue 8 item 6), each as
// an SVG chart of 满意率 and 差评 share with the figures as a table.
func (h *consultConsole) satisfaction(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	sc := s.Scope()
	byDept, err1 := consult.SatisfactionByDept(ctx, h.st, sc)
	byMatter, err2 := consult.SatisfactionByMatter(ctx, h.st, sc)
	byApp, err3 := consult.SatisfactionByApp(ctx, h.st, sc)
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			return err
		}
	}
	for i := range byDept {
		byDept[i].Label = h.deptLabel(ctx, byDept[i].Key) + " · " + h.ref.ShortName(byDept[i].Region)
	}
	title := locales.T(ctx, "admin.nav.satisfaction")
	p := admin.SatisfactionProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intro: locales.T(ctx, "consult.admin.sat.intro")}
	p.Sections = []admin.SatSection{
		satSection(ctx, "sat-dept", locales.T(ctx, "consult.admin.sat.dept"), byDept),
		satSection(ctx, "sat-matter", locales.T(ctx, "consult.admin.sat.matter"), byMatter),
		satSection(ctx, "sat-app", locales.T(ctx, "consult.admin.sat.app"), byApp),
	}
	return web.Render(c, http.StatusOK, admin.Satisfaction(h.chrome(c), p))
}

func (h *consultConsole) deptLabel(ctx context.Context, code string) string {
	if d, ok := h.ref.Department(code); ok {
		return d.Label(locales.Lang(ctx))
	}
	if code == "" {
		return locales.T(ctx, "consult.admin.sat.nodept")
	}
	return code
}

// chartMax bounds the bars of one chart; the table lists every row.
const chartMax = 12

func satSection(ctx context.Context, id, title string, rows []consult.Satisfaction) admin.SatSection {
	sec := admin.SatSection{Title: title, Empty: locales.T(ctx, "consult.admin.sat.none"),
		Head: []string{locales.T(ctx, "consult.admin.sat.name"), locales.T(ctx, "consult.admin.sat.count"), locales.T(ctx, "consult.admin.sat.avg"),
			locales.T(ctx, "consult.admin.sat.rate"), locales.T(ctx, "consult.admin.sat.low")}}
	sec.Chart = admin.Chart{ID: id, Title: title, Series: []string{locales.T(ctx, "consult.admin.sat.rate"), locales.T(ctx, "consult.admin.sat.lowrate")}}
	for i, r := range rows {
		name := r.Label
		if name == "" {
			name = r.Key
		}
		lowRate := 0
		if r.Count > 0 {
			lowRate = int(r.Low * 100 / r.Count)
		}
		sec.Rows = append(sec.Rows, admin.Row{Cells: []string{name, strconv.FormatInt(r.Count, 10), strconv.FormatFloat(r.Average(), 'f', 1, 64),
			strconv.Itoa(r.Rate()) + "%", strconv.FormatInt(r.Low, 10)}})
		if i < chartMax {
			sec.Chart.Groups = append(sec.Chart.Groups, admin.ChartGroup{Label: name, Values: []int{r.Rate(), lowRate}})
		}
	}
	if len(rows) > 0 {
		sec.Chart.Summary = locales.T(ctx, "consult.admin.sat.summary", len(rows), sec.Rows[0].Cells[0], rows[0].Rate())
	}
	return sec
}
