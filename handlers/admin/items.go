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
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

const itemsPerPage = 20

func (h *console) registerItems(g *echo.Group) {
	p := staff.PermItems
	g.GET("/items", need(p, h.items))
	g.GET("/items/new", need(p, h.newItem))
	g.POST("/items", need(p, h.createItem))
	g.GET("/items/:id", need(p, h.item))
	g.GET("/items/:id/edit", need(p, h.editItem))
	g.POST("/items/:id", need(p, h.updateItem))
	g.GET("/items/:id/preview", need(p, h.preview))
	g.POST("/items/:id/publish", need(p, h.publish(true)))
	g.POST("/items/:id/unpublish", need(p, h.publish(false)))
	g.GET("/items/:id/history", need(p, h.history))
	g.GET("/items/:id/history/:row", need(p, h.change))
	h.registerParts(g)
	h.registerMatters(g)
}

// items is GET /admin/items: the items inside the scope, filtered by GET
// parameters (bookmarkable). An unknown status is dropped with a notice.
func (h *console) items(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	q := c.QueryParams()
	f := content.ItemFilter{Q: q.Get("q"), Status: q.Get("status"), Limit: itemsPerPage}
	notice := ""
	if f.Status != "" && f.Status != catalog.StatusDraft && f.Status != catalog.StatusPublished {
		notice, f.Status = locales.T(ctx, "admin.items.bad_status"), ""
		q.Del("status")
	}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	f.Offset = (page - 1) * itemsPerPage
	list, total, err := h.content.ListItems(ctx, s.Scope(), f)
	if err != nil {
		return err
	}
	form := components.NewForm(url.Values{"q": {f.Q}, "status": {f.Status}})
	p := admin.ItemsProps{Shell: h.shell(c, locales.T(ctx, "admin.items.title"), components.Crumb{Text: locales.T(ctx, "admin.items.title")}),
		Q: form.Field("q"), Status: form.Field("status"), CanCreate: true, Empty: locales.T(ctx, "admin.items.empty"),
		Count: locales.T(ctx, "admin.items.count", total),
		Statuses: []components.SelectOption{{Value: "", Text: locales.T(ctx, "admin.items.any_status")},
			{Value: catalog.StatusDraft, Text: locales.T(ctx, "admin.status.draft")}, {Value: catalog.StatusPublished, Text: locales.T(ctx, "admin.status.published")}},
		Pagination: components.PaginationProps{BaseURL: "/admin/items", Query: q, Page: page, Total: int((total + itemsPerPage - 1) / itemsPerPage)}}
	p.Notice = notice
	p.Table = components.TableProps{Caption: locales.T(ctx, "admin.items.title"), Layout: components.TableStack,
		Head: []components.TableHead{{Text: locales.T(ctx, "admin.field.name")}, {Text: locales.T(ctx, "admin.item.code")},
			{Text: locales.T(ctx, "admin.item.region")}, {Text: locales.T(ctx, "admin.items.status")}, {Text: locales.T(ctx, "admin.item.updated")}}}
	for _, it := range list {
		p.Table.Rows = append(p.Table.Rows, []components.TableCell{{Text: it.Fields.Name, Href: itemURL(it.ID)}, {Text: it.Code},
			{Text: h.regionName(it.RegionCode)}, {Text: statusText(ctx, it.Status)}, {Text: stamp(it.UpdatedAt)}})
	}
	return web.Render(c, http.StatusOK, admin.Items(h.chrome(c), p))
}

func itemURL(id int64) string { return "/admin/items/" + strconv.FormatInt(id, 10) }

func statusText(ctx context.Context, status string) string {
	return locales.T(ctx, "admin.status."+status)
}

func statusTag(ctx context.Context, status string) components.TagProps {
	if status == catalog.StatusPublished {
		return components.TagProps{Text: statusText(ctx, status), Colour: components.TagGreen}
	}
	return components.TagProps{Text: statusText(ctx, status), Colour: components.TagYellow}
}

// item is GET /admin/items/{id}: facts, links and the publish action.
func (h *console) item(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	it, err := h.content.GetItem(ctx, s.Scope(), n)
	if err != nil {
		return err
	}
	base := itemURL(it.ID)
	p := admin.ItemProps{Shell: h.shell(c, it.Fields.Name, components.Crumb{Text: locales.T(ctx, "admin.items.title"), Href: "/admin/items"},
		components.Crumb{Text: it.Fields.Name}), Status: statusTag(ctx, it.Status),
		Facts: components.SummaryListProps{Rows: h.identityRows(ctx, it)},
		Links: []admin.Link{{Text: locales.T(ctx, "admin.items.edit"), Href: base + "/edit"}, {Text: locales.T(ctx, "admin.items.preview"), Href: base + "/preview"},
			{Text: locales.T(ctx, "admin.items.history"), Href: base + "/history"}}}
	if p.Parts, err = h.partSections(ctx, s.Scope(), it); err != nil {
		return err
	}
	if it.Published() {
		p.PublicURL = "/matters/" + it.Code
		p.Actions = []admin.Action{{Href: base + "/unpublish", Text: locales.T(ctx, "admin.items.unpublish"), Variant: components.ButtonWarning}}
	} else {
		p.Actions = []admin.Action{{Href: base + "/publish", Text: locales.T(ctx, "admin.items.publish")}}
	}
	return web.Render(c, http.StatusOK, admin.Item(h.chrome(c), p))
}

func (h *console) identityRows(ctx context.Context, it content.Item) []components.SummaryRow {
	return []components.SummaryRow{
		{Key: locales.T(ctx, "admin.item.code"), Value: it.Code},
		{Key: locales.T(ctx, "admin.item.region"), Value: h.regionName(it.RegionCode)},
		{Key: locales.T(ctx, "admin.item.dept"), Value: h.deptName(ctx, it.DeptCode)},
		{Key: locales.T(ctx, "admin.item.body"), Value: it.BodyName},
		{Key: locales.T(ctx, "admin.item.version"), Value: strconv.Itoa(it.Version)},
		{Key: locales.T(ctx, "admin.item.updated"), Value: stamp(it.UpdatedAt)},
	}
}

// preview is GET /admin/items/{id}/preview: every field as visitors read
// it, whatever the status.
func (h *console) preview(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	it, err := h.content.GetItem(ctx, s.Scope(), n)
	if err != nil {
		return err
	}
	notice := locales.T(ctx, "admin.preview.draft")
	if it.Published() {
		notice = locales.T(ctx, "admin.preview.published")
	}
	p := admin.PreviewProps{Shell: h.shell(c, it.Fields.Name, components.Crumb{Text: locales.T(ctx, "admin.items.title"), Href: "/admin/items"},
		components.Crumb{Text: it.Fields.Name, Href: itemURL(it.ID)}, components.Crumb{Text: locales.T(ctx, "admin.items.preview")}),
		Notice: notice, Back: itemURL(it.ID), Facts: components.SummaryListProps{Rows: fieldRows(ctx, it.Fields)}}
	if p.Parts, err = h.partSections(ctx, s.Scope(), it); err != nil {
		return err
	}
	for i := range p.Parts { // read-only in the preview
		p.Parts[i].AddHref = ""
		for j := range p.Parts[i].Rows {
			p.Parts[i].Rows[j].Href = ""
		}
	}
	return web.Render(c, http.StatusOK, admin.Preview(h.chrome(c), p))
}

// fieldRows lists the edited fields, labelled, in form order.
func fieldRows(ctx context.Context, f content.ItemFields) []components.SummaryRow {
	vals := fieldValues(ctx, f)
	rows := make([]components.SummaryRow, 0, len(content.FieldOrder))
	for _, k := range content.FieldOrder {
		v := vals[k]
		if v == "" {
			v = locales.T(ctx, "admin.none")
		}
		rows = append(rows, components.SummaryRow{Key: locales.T(ctx, "admin.field."+k), Value: v})
	}
	return rows
}

func fieldValues(ctx context.Context, f content.ItemFields) map[string]string {
	days := func(n int) string {
		if n == 0 {
			return ""
		}
		return locales.T(ctx, "admin.days", n)
	}
	online := locales.T(ctx, "admin.no")
	if f.Online {
		online = locales.T(ctx, "admin.yes")
	}
	return map[string]string{"name": f.Name, "legal_basis": f.LegalBasis, "conditions": f.Conditions,
		"statutory_limit": days(f.StatutoryLimit), "promised_limit": days(f.PromisedLimit), "promised_note": f.PromisedNote,
		"location": f.Location, "hours": f.Hours, "consult": f.Consult, "complaint": f.Complaint, "online": online,
		"online_url": f.OnlineURL, "mobile_url": f.MobileURL}
}

// publish is POST /admin/items/{id}/publish and …/unpublish.
func (h *console) publish(on bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		s, _ := current(c)
		n, err := id(c, "id")
		if err != nil {
			return err
		}
		err = h.content.SetPublished(ctx, s, c.RealIP(), n, on)
		var ve *models.ValidationError
		if errors.As(err, &ve) {
			return flashAndGo(c, locales.T(ctx, ve.Fields["matter"]), itemURL(n)) // the matter is a draft
		}
		if err != nil {
			return err
		}
		msg := locales.T(ctx, "admin.items.unpublished")
		if on {
			msg = locales.T(ctx, "admin.items.published")
		}
		return flashAndGo(c, msg, itemURL(n))
	}
}
