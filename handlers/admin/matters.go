package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// registerMatters adds the 基本目录 pages (C 0103 7.1): list, create,
// rename with a stale-version check, publish and unpublish, history.
func (h *console) registerMatters(g *echo.Group) {
	p := staff.PermItems
	g.GET("/matters", need(p, h.matters))
	g.GET("/matters/new", need(p, h.newMatter))
	g.POST("/matters", need(p, h.createMatter))
	g.GET("/matters/:id", need(p, h.matter))
	g.GET("/matters/:id/edit", need(p, h.editMatter))
	g.POST("/matters/:id", need(p, h.updateMatter))
	g.POST("/matters/:id/publish", need(p, h.publishMatter(true)))
	g.POST("/matters/:id/unpublish", need(p, h.publishMatter(false)))
}

func matterURL(id int64) string { return "/admin/matters/" + strconv.FormatInt(id, 10) }

// matters is GET /admin/matters.
func (h *console) matters(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	q := c.QueryParams()
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	list, total, err := h.content.ListMatters(ctx, s.Scope(), q.Get("q"), (page-1)*itemsPerPage, itemsPerPage)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "admin.matters.title")
	p := admin.MattersProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Q: components.NewForm(url.Values{"q": {q.Get("q")}}).Field("q"),
		Count: locales.T(ctx, "admin.matters.count", total), CanCreate: content.CanManageMatters(s.Scope()), Empty: locales.T(ctx, "admin.matters.empty"),
		Pagination: components.PaginationProps{BaseURL: "/admin/matters", Query: q, Page: page, Total: int((total + itemsPerPage - 1) / itemsPerPage)}}
	p.Table = components.TableProps{Caption: title, Layout: components.TableStack, Head: []components.TableHead{
		{Text: locales.T(ctx, "admin.matter.name")}, {Text: locales.T(ctx, "admin.matter.code")}, {Text: locales.T(ctx, "admin.matter.type")},
		{Text: locales.T(ctx, "admin.item.dept")}, {Text: locales.T(ctx, "admin.items.status")}}}
	for _, m := range list {
		p.Table.Rows = append(p.Table.Rows, []components.TableCell{{Text: m.Name, Href: matterURL(m.ID)}, {Text: m.Code},
			{Text: refdata.MatterTypes.Label(m.Type, locales.Lang(ctx))}, {Text: h.deptName(ctx, m.DeptCode)}, {Text: statusText(ctx, m.Status)}})
	}
	return web.Render(c, http.StatusOK, admin.Matters(h.chrome(c), p))
}

// matter is GET /admin/matters/{id}.
func (h *console) matter(c echo.Context) error {
	return h.renderMatter(c, http.StatusOK, "")
}

func (h *console) renderMatter(c echo.Context, status int, notice string) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	m, versions, err := h.content.MatterHistory(ctx, s.Scope(), n)
	if err != nil {
		return err
	}
	all, pub, err := h.content.MatterItems(ctx, m.ID)
	if err != nil {
		return err
	}
	p := admin.MatterProps{Shell: h.shell(c, m.Name, components.Crumb{Text: locales.T(ctx, "admin.matters.title"), Href: "/admin/matters"},
		components.Crumb{Text: m.Name}), Status: statusTag(ctx, m.Status)}
	p.Notice = notice
	p.Facts.Rows = []components.SummaryRow{{Key: locales.T(ctx, "admin.matter.code"), Value: m.Code},
		{Key: locales.T(ctx, "admin.matter.type"), Value: refdata.MatterTypes.Label(m.Type, locales.Lang(ctx))},
		{Key: locales.T(ctx, "admin.item.dept"), Value: h.deptName(ctx, m.DeptCode)},
		{Key: locales.T(ctx, "admin.matter.items"), Value: locales.T(ctx, "admin.matter.items_n", all, pub)},
		{Key: locales.T(ctx, "admin.item.version"), Value: strconv.Itoa(m.Version)},
		{Key: locales.T(ctx, "admin.item.updated"), Value: stamp(m.UpdatedAt)}}
	p.Links = []admin.Link{{Text: locales.T(ctx, "admin.matter.its_items"), Href: "/admin/items?q=" + url.QueryEscape(m.Code)}}
	if content.CanManageMatters(s.Scope()) {
		p.Links = append([]admin.Link{{Text: locales.T(ctx, "admin.matters.edit"), Href: matterURL(m.ID) + "/edit"}}, p.Links...)
		if m.Published() {
			p.Actions = []admin.Action{{Href: matterURL(m.ID) + "/unpublish", Text: locales.T(ctx, "admin.items.unpublish"), Variant: components.ButtonWarning}}
		} else {
			p.Actions = []admin.Action{{Href: matterURL(m.ID) + "/publish", Text: locales.T(ctx, "admin.items.publish")}}
		}
	}
	p.History = matterHistory(ctx, versions)
	return web.Render(c, status, admin.Matter(h.chrome(c), p))
}

// matterHistory is the history table; each row says how the name changed.
func matterHistory(ctx context.Context, vs []content.MatterVersion) components.TableProps {
	t := components.TableProps{Caption: locales.T(ctx, "admin.items.history"), Layout: components.TableStack, Head: []components.TableHead{
		{Text: locales.T(ctx, "admin.item.version")}, {Text: locales.T(ctx, "admin.history.action")}, {Text: locales.T(ctx, "admin.history.by")},
		{Text: locales.T(ctx, "admin.history.at")}, {Text: locales.T(ctx, "admin.history.changes")}}}
	for i, v := range vs {
		change := v.Name()
		if i+1 < len(vs) && vs[i+1].Name() != v.Name() {
			change = locales.T(ctx, "admin.matter.renamed", vs[i+1].Name(), v.Name())
		} else if i+1 < len(vs) {
			change = locales.T(ctx, "admin.diff.none")
		}
		t.Rows = append(t.Rows, []components.TableCell{{Text: strconv.Itoa(v.Version)}, {Text: locales.T(ctx, "admin.history.action."+v.Action)},
			{Text: v.StaffName}, {Text: stamp(v.CreatedAt)}, {Text: change}})
	}
	return t
}

// publishMatter is POST /admin/matters/{id}/publish and …/unpublish.
func (h *console) publishMatter(on bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		s, _ := current(c)
		n, err := id(c, "id")
		if err != nil {
			return err
		}
		err = h.content.SetMatterPublished(ctx, s, c.RealIP(), n, on)
		var ve *models.ValidationError
		switch {
		case errors.As(err, &ve):
			return h.renderMatter(c, http.StatusConflict, locales.T(ctx, ve.Fields["status"]))
		case err != nil:
			return err
		}
		msg := "admin.matters.unpublished"
		if on {
			msg = "admin.matters.published"
		}
		return flashAndGo(c, locales.T(ctx, msg), matterURL(n))
	}
}
