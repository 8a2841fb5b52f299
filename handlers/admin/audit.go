package admin

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

const auditPerPage = 50

func (h *console) registerAudit(g *echo.Group) {
	g.GET("/audit", need(staff.PermAudit, h.auditLog))
	g.GET("/audit/:seq", need(staff.PermAudit, h.auditEntry))
}

// auditLog is GET /admin/audit: the chain's verification and its entries.
func (h *console) auditLog(c echo.Context) error {
	ctx := c.Request().Context()
	rep, err := audit.Verify(ctx, h.st.DB, audit.ChainStaff)
	if err != nil {
		return err
	}
	pg := page(c)
	list, total, err := audit.List(ctx, h.st.DB, audit.Filter{Offset: (pg - 1) * auditPerPage, Limit: auditPerPage})
	if err != nil {
		return err
	}
	title := locales.T(ctx, "admin.nav.audit")
	p := admin.AuditProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intact: rep.OK, Empty: locales.T(ctx, "admin.list.empty"),
		Pages: components.PaginationProps{BaseURL: "/admin/audit", Page: pg, Total: pages(total, auditPerPage)}}
	if rep.OK {
		p.Verdict = locales.T(ctx, "admin.audit.intact_text", rep.Entries, rep.HeadHash)
	} else {
		p.Verdict = locales.T(ctx, "admin.audit.broken_text", rep.BrokenSeq, locales.T(ctx, "admin.audit.problem."+rep.Problem))
	}
	p.Table = components.TableProps{Caption: locales.T(ctx, "admin.audit.entries"), Layout: components.TableStack, Head: []components.TableHead{
		{Text: locales.T(ctx, "admin.audit.seq"), Numeric: true}, {Text: locales.T(ctx, "admin.history.at")}, {Text: locales.T(ctx, "admin.history.by")},
		{Text: locales.T(ctx, "admin.history.action")}, {Text: locales.T(ctx, "admin.audit.object")}}}
	for _, r := range list {
		seq := strconv.FormatInt(r.Seq, 10)
		p.Table.Rows = append(p.Table.Rows, []components.TableCell{{Text: seq, Href: "/admin/audit/" + seq, Numeric: true},
			{Text: stamp(r.CreatedAt)}, {Text: r.Actor}, {Text: r.Action}, {Text: r.ObjectType + " " + r.ObjectID}})
	}
	return web.Render(c, http.StatusOK, admin.Audit(h.chrome(c), p))
}

// auditEntry is GET /admin/audit/{seq}.
func (h *console) auditEntry(c echo.Context) error {
	ctx := c.Request().Context()
	seq, err := id(c, "seq")
	if err != nil {
		return err
	}
	list, _, err := audit.List(ctx, h.st.DB, audit.Filter{Seq: seq, Limit: 1})
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	r := list[0]
	title := locales.T(ctx, "admin.audit.entry", r.Seq)
	p := admin.AuditEntryProps{Shell: h.shell(c, title, components.Crumb{Text: locales.T(ctx, "admin.nav.audit"), Href: "/admin/audit"}, components.Crumb{Text: title}),
		Before: pretty(r.BeforeJSON), After: pretty(r.AfterJSON)}
	p.Facts.Rows = []components.SummaryRow{{Key: locales.T(ctx, "admin.history.at"), Value: stamp(r.CreatedAt)},
		{Key: locales.T(ctx, "admin.history.by"), Value: r.Actor}, {Key: locales.T(ctx, "admin.audit.ip"), Value: r.IP},
		{Key: locales.T(ctx, "admin.history.action"), Value: r.Action}, {Key: locales.T(ctx, "admin.audit.object"), Value: r.ObjectType + " " + r.ObjectID},
		{Key: locales.T(ctx, "admin.audit.prev_hash"), Value: r.PrevHash}, {Key: locales.T(ctx, "admin.audit.hash"), Value: r.Hash}}
	return web.Render(c, http.StatusOK, admin.AuditEntry(h.chrome(c), p))
}

// pretty indents JSON for reading; other text is shown as it is.
func pretty(s string) string {
	if s == "" {
		return "—"
	}
	var b bytes.Buffer
	if json.Indent(&b, []byte(s), "", "  ") != nil {
		return s
	}
	return b.String()
}
