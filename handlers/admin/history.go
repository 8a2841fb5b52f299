package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// beijing is the time zone console times are shown in.
var beijing = time.FixedZone("CST", 8*3600)

func stamp(t time.Time) string { return t.In(beijing).Format("2006-01-02 15:04") }

// history is GET /admin/items/{id}/history: every saved version.
func (h *console) history(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	it, versions, err := h.content.History(ctx, s.Scope(), n)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "admin.history.title", it.Fields.Name)
	p := admin.HistoryProps{Shell: h.shell(c, title, components.Crumb{Text: locales.T(ctx, "admin.items.title"), Href: "/admin/items"},
		components.Crumb{Text: it.Fields.Name, Href: itemURL(it.ID)}, components.Crumb{Text: locales.T(ctx, "admin.items.history")}),
		Empty: locales.T(ctx, "admin.history.empty")}
	p.Table = components.TableProps{Caption: title, Layout: components.TableStack, Head: []components.TableHead{
		{Text: locales.T(ctx, "admin.item.version")}, {Text: locales.T(ctx, "admin.history.action")}, {Text: locales.T(ctx, "admin.history.by")},
		{Text: locales.T(ctx, "admin.history.at")}, {Text: locales.T(ctx, "admin.history.changes")}}}
	for _, v := range versions {
		by := v.StaffName
		if by == "" {
			by = locales.T(ctx, "admin.history.import")
		}
		p.Table.Rows = append(p.Table.Rows, []components.TableCell{{Text: strconv.Itoa(v.Version)},
			{Text: locales.T(ctx, "admin.history.action."+v.Action)}, {Text: by}, {Text: stamp(v.CreatedAt)},
			{Text: locales.T(ctx, "admin.history.show"), Href: itemURL(it.ID) + "/history/" + strconv.FormatInt(v.ID, 10)}})
	}
	return web.Render(c, http.StatusOK, admin.History(h.chrome(c), p))
}

// change is GET /admin/items/{id}/history/{row}: one version against the
// one before it.
func (h *console) change(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	row, err := id(c, "row")
	if err != nil {
		return err
	}
	ch, err := h.content.VersionDiff(ctx, s.Scope(), n, row)
	if err != nil {
		return err
	}
	name := ch.Item.Fields.Name
	title := locales.T(ctx, "admin.change.title", ch.Version.Version, locales.T(ctx, "admin.history.action."+ch.Version.Action))
	p := admin.ChangeProps{Shell: h.shell(c, title, components.Crumb{Text: locales.T(ctx, "admin.items.title"), Href: "/admin/items"},
		components.Crumb{Text: name, Href: itemURL(n)}, components.Crumb{Text: locales.T(ctx, "admin.items.history"), Href: itemURL(n) + "/history"},
		components.Crumb{Text: title}), Diffs: diffView(ctx, ch.Fields), Empty: locales.T(ctx, "admin.diff.none")}
	by := ch.Version.StaffName
	if by == "" {
		by = locales.T(ctx, "admin.history.import")
	}
	p.Facts.Rows = []components.SummaryRow{{Key: locales.T(ctx, "admin.history.by"), Value: by},
		{Key: locales.T(ctx, "admin.history.at"), Value: stamp(ch.Version.CreatedAt)},
		{Key: locales.T(ctx, "admin.items.status"), Value: statusText(ctx, ch.Version.Status)}}
	if ch.Previous != nil {
		p.Facts.Rows = append(p.Facts.Rows, components.SummaryRow{Key: locales.T(ctx, "admin.change.against"),
			Value: locales.T(ctx, "admin.change.version", ch.Previous.Version, stamp(ch.Previous.CreatedAt))})
	}
	return web.Render(c, http.StatusOK, admin.Change(h.chrome(c), p))
}
