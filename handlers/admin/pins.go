package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

func (h *console) registerPins(g *echo.Group) {
	// Echo matches the static /vocabulary/pins before /vocabulary/:list.
	g.GET("/vocabulary/pins", need(staff.PermVocabulary, h.pins))
	g.POST("/vocabulary/pins", need(staff.PermVocabulary, h.addPin))
	g.POST("/vocabulary/pins/:id/delete", need(staff.PermVocabulary, h.deletePin))
}

// pins is GET /admin/vocabulary/pins: words pinned to the top of 热词推荐.
func (h *console) pins(c echo.Context) error {
	return h.renderPins(c, http.StatusOK, components.NewForm(map[string][]string{"order": {"1"}}))
}

func (h *console) renderPins(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	list, err := h.content.ListPins(ctx)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "admin.vocab.pins")
	p := admin.ListProps{Shell: h.shell(c, title, h.vocabCrumbs(ctx, title)...), Intro: locales.T(ctx, "admin.vocab.pins_intro"),
		FormTitle: locales.T(ctx, "admin.vocab.add_pin"), FormURL: "/admin/vocabulary/pins", Submit: locales.T(ctx, "admin.vocab.pin"),
		Inputs: []admin.Input{{Field: f.Field("word"), Label: locales.T(ctx, "admin.vocab.word"), Width: components.Width20},
			{Kind: "number", Field: f.Field("order"), Label: locales.T(ctx, "admin.vocab.order"), Hint: locales.T(ctx, "admin.vocab.order_hint")},
			{Kind: "date", Field: f.Field("from"), Label: locales.T(ctx, "admin.vocab.from"), Hint: locales.T(ctx, "admin.vocab.date_hint")},
			{Kind: "date", Field: f.Field("to"), Label: locales.T(ctx, "admin.vocab.to"), Hint: locales.T(ctx, "admin.vocab.date_hint")}},
		Count: locales.T(ctx, "admin.list.count", len(list)), Caption: title, Empty: locales.T(ctx, "admin.list.empty"),
		Head: []string{locales.T(ctx, "admin.vocab.word"), locales.T(ctx, "admin.vocab.order"), locales.T(ctx, "admin.vocab.from"), locales.T(ctx, "admin.vocab.to")}}
	day := func(t interface{ Format(string) string }) string { return t.Format("2006-01-02") }
	for _, pin := range list {
		from, to := locales.T(ctx, "admin.vocab.always"), locales.T(ctx, "admin.vocab.always")
		if pin.StartsAt != nil {
			from = day(pin.StartsAt.In(beijing))
		}
		if pin.EndsAt != nil {
			to = day(pin.EndsAt.In(beijing))
		}
		p.Rows = append(p.Rows, admin.Row{Cells: []string{pin.Word, strconv.Itoa(pin.SortOrder), from, to}, Actions: []admin.Action{
			{Href: "/admin/vocabulary/pins/" + strconv.FormatInt(pin.ID, 10) + "/delete", Text: locales.T(ctx, "admin.vocab.unpin", pin.Word), Variant: components.ButtonWarning}}})
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.List(h.chrome(c), p))
}

// addPin is POST /admin/vocabulary/pins.
func (h *console) addPin(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	f := postedForm(c)
	order, err := strconv.Atoi(strings.TrimSpace(f.Value("order")))
	if err != nil {
		f.Fail("order", locales.T(ctx, "admin.err.pin.order"))
	}
	from, okFrom := parseDate(f.Value("from"))
	to, okTo := parseDate(f.Value("to"))
	if !okFrom {
		f.Fail("from", locales.T(ctx, "admin.err.date"))
	}
	if !okTo {
		f.Fail("to", locales.T(ctx, "admin.err.date"))
	}
	if f.HasErrors() {
		return h.renderPins(c, http.StatusUnprocessableEntity, f)
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1) // the end date is included
	}
	err = h.content.AddPin(ctx, s, c.RealIP(), f.Value("word"), order, from, to)
	return h.vocabResult(c, err, f, "/admin/vocabulary/pins", func(st int, f *components.Form) error { return h.renderPins(c, st, f) })
}

// deletePin is POST /admin/vocabulary/pins/{id}/delete.
func (h *console) deletePin(c echo.Context) error {
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	err = h.content.DeletePin(c.Request().Context(), s, c.RealIP(), n)
	return h.vocabResult(c, err, nil, "/admin/vocabulary/pins", nil)
}
