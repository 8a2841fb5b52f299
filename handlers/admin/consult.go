package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// consultConsole serves the consultation, complaint and follow-up queues
// (C 0103 7.5, 7.6; issue 8) for RoleConsultHandler: every query is
// scoped by the staff member's region and department, every action is
// audited by models/consult.
type consultConsole struct {
	*console
	svc  *consult.Service
	blob blob.Store
}

const consultPerPage = 30

// registerConsult adds /admin/consultations, /admin/complaints,
// /admin/followups and /admin/satisfaction.
func registerConsult(g *echo.Group, con *console, blobs blob.Store) {
	h := &consultConsole{console: con, svc: consult.New(con.st, nil), blob: blobs}
	p := func(fn echo.HandlerFunc) echo.HandlerFunc { return need(staff.PermConsult, fn) }
	g.GET("/consultations", p(h.queue(consult.KindConsultation)))
	g.GET("/consultations/:id", p(h.consultation))
	g.POST("/consultations/:id/:verb", p(h.act(consult.KindConsultation)))
	g.GET("/complaints", p(h.queue(consult.KindComplaint)))
	g.GET("/complaints/settings", p(h.settings))
	g.POST("/complaints/statement", p(h.statement))
	g.POST("/complaints/limit", p(h.limit))
	g.GET("/complaints/:id", p(h.complaint))
	g.POST("/complaints/:id/:verb", p(h.act(consult.KindComplaint)))
	g.GET("/complaints/:id/files/:file", p(h.file))
	g.GET("/followups", p(h.followups))
	g.GET("/followups/:id", p(h.followup))
	g.POST("/followups/:id/call", p(h.call))
	g.GET("/satisfaction", p(h.satisfaction))
}

// unit is how the staff member's unit signs an acceptance or a reply.
func (h *consultConsole) unit(c echo.Context) string {
	s, _ := current(c)
	return h.scopeText(c.Request().Context(), s.Scope())
}

// queue is GET /admin/{consultations,complaints}?status=&overdue=1&held=1.
// Overdue items are escalated first, so they lead the list.
func (h *consultConsole) queue(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		s, _ := current(c)
		if _, err := h.svc.Escalate(ctx); err != nil {
			return err
		}
		f := consult.QueueFilter{Status: c.QueryParam("status"), Overdue: c.QueryParam("overdue") == "1", Held: c.QueryParam("held") == "1",
			Offset: (page(c) - 1) * consultPerPage, Limit: consultPerPage}
		switch f.Status {
		case "", consult.StatusOpen, consult.StatusAccepted, consult.StatusReplied:
		default:
			f.Status = ""
		}
		rows, total, err := h.rows(ctx, kind, s.Scope(), f)
		if err != nil {
			return err
		}
		title := locales.T(ctx, "admin.nav."+kind+"s")
		base := "/admin/" + kind + "s"
		p := admin.ListProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intro: locales.T(ctx, "consult.admin."+kind+".intro"),
			Caption: title, Count: locales.T(ctx, "consult.admin.count", total), Empty: locales.T(ctx, "admin.list.empty"), Rows: rows,
			Head:  []string{locales.T(ctx, "consult.field.title"), locales.T(ctx, "consult.status"), locales.T(ctx, "consult.admin.due"), locales.T(ctx, "consult.admin.unit")},
			Links: queueLinks(ctx, base),
			Pages: components.PaginationProps{BaseURL: base, Query: c.QueryParams(), Page: page(c), Total: int((total + consultPerPage - 1) / consultPerPage)}}
		if kind == consult.KindComplaint {
			p.Links = append(p.Links, admin.Link{Text: locales.T(ctx, "consult.admin.settings"), Href: "/admin/complaints/settings"})
		}
		return web.Render(c, http.StatusOK, admin.List(h.chrome(c), p))
	}
}

func queueLinks(ctx context.Context, base string) []admin.Link {
	q := func(k, v string) string { return base + "?" + url.Values{k: {v}}.Encode() }
	return []admin.Link{{Text: locales.T(ctx, "consult.admin.filter.open"), Href: q("status", consult.StatusOpen)},
		{Text: locales.T(ctx, "consult.admin.filter.overdue"), Href: q("overdue", "1")},
		{Text: locales.T(ctx, "consult.admin.filter.held"), Href: q("held", "1")},
		{Text: locales.T(ctx, "consult.admin.filter.all"), Href: base},
		{Text: locales.T(ctx, "admin.nav.satisfaction"), Href: "/admin/satisfaction"}}
}

func (h *consultConsole) rows(ctx context.Context, kind string, sc staff.Scope, f consult.QueueFilter) ([]admin.Row, int64, error) {
	now := h.svc.Now()
	var out []admin.Row
	add := func(id int64, title, status string, held, overdue bool, due string, unit string) {
		st := locales.T(ctx, "consult.status."+status)
		if held {
			st += " · " + locales.T(ctx, "consult.status.held")
		}
		if overdue {
			st += " · " + locales.T(ctx, "consult.admin.overdue")
		}
		out = append(out, admin.Row{Cells: []string{title, st, due, unit}, Href: "/admin/" + kind + "s/" + strconv.FormatInt(id, 10)})
	}
	if kind == consult.KindComplaint {
		list, n, err := h.svc.StaffComplaints(ctx, sc, f)
		for _, it := range list {
			add(it.ID, it.Title, it.Status, it.Held(), it.Overdue(now), consultDue(it.DeadlineAt), it.UnitName)
		}
		return out, n, err
	}
	list, n, err := h.svc.StaffConsultations(ctx, sc, f)
	for _, it := range list {
		add(it.ID, it.Title, it.Status, it.Held(), it.Overdue(now), consultDue(it.DeadlineAt), it.UnitName)
	}
	return out, n, err
}
