package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/calendar"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// caseConsole is the staff side of online cases (issue 7): the queue in
// the staff member's scope and the actions on one case. A case outside the
// scope is a 404, like one that does not exist.
type caseConsole struct {
	*console
	blobs blob.Store
	cal   *calendar.Calendar
}

// registerCases adds /admin/cases (PermCases: 办件处理).
func registerCases(g *echo.Group, h *console, blobs blob.Store) {
	cal, err := calendar.Load(context.Background(), h.st)
	if err != nil {
		cal = calendar.New(nil)
	}
	cc := &caseConsole{console: h, blobs: blobs, cal: cal}
	g.GET("/cases", need(staff.PermCases, cc.queue))
	g.GET("/cases/:id", need(staff.PermCases, cc.show))
	g.POST("/cases/:id", need(staff.PermCases, cc.act))
	g.POST("/cases/:id/delivery", need(staff.PermCases, cc.delivery))
	g.GET("/cases/:id/files/:mid", need(staff.PermCases, cc.file))
	g.GET("/cases/:id/result", need(staff.PermCases, cc.result))
}

var queueFilters = []string{cases.FilterOpen, string(cases.StatusSubmitted), string(cases.StatusCorrection),
	string(cases.StatusCompleted), string(cases.StatusRejected), string(cases.StatusWithdrawn), "all"}

const queuePerPage = 30

// queue is GET /admin/cases?status=…: oldest first, open cases by default.
func (cc *caseConsole) queue(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	status := c.QueryParam("status")
	if status == "" {
		status = cases.FilterOpen
	}
	if !caseContains(queueFilters, status) {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	page := max(1, caseAtoi(c.QueryParam("page")))
	f := cases.Filter{Status: status, Offset: (page - 1) * queuePerPage, Limit: queuePerPage}
	if status == "all" {
		f.Status = ""
	}
	rows, total, err := cases.Queue(ctx, cc.st, s.Scope(), f)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "cases.admin.queue")
	p := admin.CaseQueueProps{Shell: cc.shell(c, title, components.Crumb{Text: title}), Empty: locales.T(ctx, "cases.list.empty")}
	for _, k := range queueFilters {
		p.Filters = append(p.Filters, admin.NavItem{Label: locales.T(ctx, "cases.filter."+k), Href: "/admin/cases?status=" + k, Current: k == status})
	}
	p.Table = components.TableProps{Caption: title, Layout: components.TableStack, Head: []components.TableHead{
		{Text: locales.T(ctx, "cases.number")}, {Text: locales.T(ctx, "cases.matter")}, {Text: locales.T(ctx, "cases.admin.region")},
		{Text: locales.T(ctx, "cases.admin.status")}, {Text: locales.T(ctx, "cases.submitted")}, {Text: locales.T(ctx, "cases.deadline")}}}
	for _, r := range rows {
		due := ""
		if r.Overdue(timeNow()) {
			due = locales.T(ctx, "cases.overdue")
		} else if r.DueAt != nil && !r.Status.Final() {
			due = r.DueAt.In(beijing).Format("2006-01-02")
		}
		p.Table.Rows = append(p.Table.Rows, []components.TableCell{{Text: r.Number, Href: "/admin/cases/" + strconv.FormatInt(r.ID, 10)},
			{Text: r.MatterName}, {Text: cc.regionName(r.RegionCode)}, {Text: caseStatus(ctx, r)},
			{Text: r.SubmittedAt.In(beijing).Format("2006-01-02 15:04")}, {Text: due}})
	}
	q := url.Values{"status": {status}}
	p.Pages = components.PaginationProps{BaseURL: "/admin/cases", Query: q, Page: page, Total: int((total + queuePerPage - 1) / queuePerPage)}
	return web.Render(c, http.StatusOK, admin.CaseQueue(cc.chrome(c), p))
}

func caseStatus(ctx context.Context, r cases.Case) string {
	if r.Status == cases.StatusCompleted && r.Outcome != "" {
		return locales.T(ctx, "cases.outcome."+r.Outcome)
	}
	return locales.T(ctx, "cases.status."+string(r.Status))
}

// load returns the case of :id inside the signed-in staff member's scope.
func (cc *caseConsole) load(c echo.Context) (cases.Case, staff.Staff, error) {
	s, _ := current(c)
	cid, err := id(c, "id")
	if err != nil {
		return cases.Case{}, s, err
	}
	cs, err := cases.GetInScope(c.Request().Context(), cc.st, s.Scope(), cid)
	return cs, s, err
}

// act is POST /admin/cases/{id}: accept, reject, process, request
// correction or complete (with the result document).
func (cc *caseConsole) act(c echo.Context) error {
	ctx := c.Request().Context()
	cs, s, err := cc.load(c)
	if err != nil {
		return err
	}
	in := cases.StaffInput{Action: cases.Action(c.FormValue("action")), Version: caseAtoi(c.FormValue("version")),
		Note: c.FormValue("note"), Outcome: c.FormValue("outcome")}
	form, _ := c.FormParams()
	f := components.NewForm(form)
	if in.Action == cases.ActComplete {
		if fh, err := c.FormFile("result"); err == nil {
			file, err := fh.Open()
			if err != nil {
				return err
			}
			obj, err := cases.StoreResult(ctx, cc.blobs, file)
			file.Close() // #nosec G104 -- a multipart part already read to the end; closing frees its temp file
			var ue *cases.UploadError
			switch {
			case errors.As(err, &ue):
				f.Fail("result", locales.T(ctx, ue.Key))
			case err != nil:
				return err
			default:
				in.ResultKey, in.ResultName = obj.Key, cleanFileName(fh.Filename)
			}
		}
	}
	if f.HasErrors() {
		return cc.render(c, http.StatusUnprocessableEntity, cs, f)
	}
	_, err = cases.StaffAct(ctx, cc.st, cc.cal, s, c.RealIP(), cs.ID, in)
	return cc.after(c, cs, f, in.Action, err)
}

// after maps the outcome of a staff action to the page: 303 with a flash,
// 422 with the fields, 409 for a stale page or a move the case cannot make.
func (cc *caseConsole) after(c echo.Context, cs cases.Case, f *components.Form, action cases.Action, err error) error {
	ctx := c.Request().Context()
	var v *models.ValidationError
	switch {
	case errors.As(err, &v):
		for _, name := range v.Order {
			field := name
			if name == "note" {
				field = map[cases.Action]string{cases.ActReject: "reject-note", cases.ActCorrect: "correct-note"}[action]
			}
			f.Fail(field, locales.T(ctx, v.Fields[name]))
		}
		return cc.render(c, http.StatusUnprocessableEntity, cs, f)
	case errors.Is(err, models.ErrConflict) || errors.Is(err, cases.ErrTransition):
		f.Fail("version", locales.T(ctx, "cases.admin.stale"))
		cur, _, lerr := cc.load(c)
		if lerr != nil {
			return lerr
		}
		return cc.render(c, http.StatusConflict, cur, f)
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(ctx, "cases.admin.done."+string(action)), "/admin/cases/"+strconv.FormatInt(cs.ID, 10))
}

// delivery is POST /admin/cases/{id}/delivery: courier and tracking number.
func (cc *caseConsole) delivery(c echo.Context) error {
	cs, s, err := cc.load(c)
	if err != nil {
		return err
	}
	form, _ := c.FormParams()
	in := cases.DeliveryInput{Courier: c.FormValue("courier"), TrackingNo: c.FormValue("tracking_no"), Version: caseAtoi(c.FormValue("version"))}
	_, err = cases.SetDelivery(c.Request().Context(), cc.st, s, c.RealIP(), cs.ID, in)
	return cc.after(c, cs, components.NewForm(form), "deliver", err)
}

func caseAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func caseContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func cleanFileName(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[len(r)-80:])
	}
	return s
}
