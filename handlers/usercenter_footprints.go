package handlers

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
	ucview "github.com/zwfw/portal/views/usercenter"
)

var footprintKinds = []string{usercenter.FootGuide, usercenter.FootApp, usercenter.FootSearch}

// footprints is GET /me/footprints?kind=guide|app|search (C 0103 7.7 h):
// view, delete one, clear all, pause recording.
func (h *accountHandler) footprints(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	kind := c.QueryParam("kind")
	p := ucview.ListProps{Shell: h.shell(c, "usercenter.footprints"), Empty: locales.T(ctx, "usercenter.footprints.empty"),
		Paused: u.FootprintsPaused, Toggle: "/me/footprints/pause",
		Bulk: "/me/footprints/clear", BulkText: locales.T(ctx, "usercenter.footprints.clear"), BulkWarn: true}
	if u.FootprintsPaused {
		p.Lead, p.ToggleText = locales.T(ctx, "usercenter.footprints.paused"), locales.T(ctx, "usercenter.footprints.resume")
	} else {
		p.Lead, p.ToggleText = locales.T(ctx, "usercenter.footprints.on"), locales.T(ctx, "usercenter.footprints.pause")
	}
	if kind != "" && !slices.Contains(footprintKinds, kind) {
		p.Notice = locales.T(ctx, "usercenter.filter.dropped")
		kind = ""
	}
	p.Filters = kindFilters(c, "/me/footprints", "usercenter.foot.kind.", footprintKinds, kind)
	list, err := usercenter.Footprints(ctx, h.st, u.ID, kind, usercenter.MaxFootprints)
	if err != nil {
		return err
	}
	for _, f := range list {
		p.Items = append(p.Items, ucview.ListItem{ID: f.ID, Title: f.Title, Href: f.URL, Kind: locales.T(ctx, "usercenter.foot.kind."+f.Kind),
			Meta: dateTime(f.VisitedAt), Action: "/me/footprints/" + strconv.FormatInt(f.ID, 10) + "/delete",
			ActionTx: locales.T(ctx, "usercenter.footprints.delete")})
	}
	return web.Render(c, http.StatusOK, ucview.List(h.chrome(c), p))
}

// footprintDelete is POST /me/footprints/{id}/delete.
func (h *accountHandler) footprintDelete(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := usercenter.DeleteFootprint(ctx, h.st, user(c).ID, id); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.footprints.deleted"), "/me/footprints")
}

// footprintsClear is POST /me/footprints/clear.
func (h *accountHandler) footprintsClear(c echo.Context) error {
	ctx := c.Request().Context()
	n, err := usercenter.ClearFootprints(ctx, h.st, user(c).ID)
	if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.footprints.cleared", n), "/me/footprints")
}

// footprintsPause is POST /me/footprints/pause: switch recording off or on.
func (h *accountHandler) footprintsPause(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	if err := users.SetFootprintsPaused(ctx, h.st, u.ID, !u.FootprintsPaused); err != nil {
		return err
	}
	msg := "usercenter.footprints.paused.done"
	if u.FootprintsPaused {
		msg = "usercenter.footprints.resumed"
	}
	return flashAndGo(c, locales.T(ctx, msg), "/me/footprints")
}
