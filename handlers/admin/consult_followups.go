package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// followups is GET /admin/followups: low ratings to call back within 15
// working days (reference.md §9), open and overdue first.
func (h *consultConsole) followups(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	list, err := h.svc.FollowUps(ctx, s.Scope(), 200)
	if err != nil {
		return err
	}
	now := h.svc.Now()
	title := locales.T(ctx, "admin.nav.followups")
	p := admin.ListProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intro: locales.T(ctx, "consult.admin.followups.intro"),
		Caption: title, Empty: locales.T(ctx, "admin.list.empty"),
		Head: []string{locales.T(ctx, "consult.admin.rated"), locales.T(ctx, "consult.admin.rating"), locales.T(ctx, "consult.status"), locales.T(ctx, "consult.admin.due")}}
	for _, f := range list {
		st := locales.T(ctx, "consult.followup."+f.Status)
		if f.Status == "open" && now.After(f.DeadlineAt) {
			st += " · " + locales.T(ctx, "consult.admin.overdue")
		}
		p.Rows = append(p.Rows, admin.Row{Cells: []string{f.MatterName, locales.T(ctx, "eval.star."+strconv.Itoa(f.Overall)), st, stamp(f.DeadlineAt)},
			Href: "/admin/followups/" + strconv.FormatInt(f.ID, 10)})
	}
	return web.Render(c, http.StatusOK, admin.List(h.chrome(c), p))
}

// followup is GET /admin/followups/{id} with the call-back form.
func (h *consultConsole) followup(c echo.Context) error {
	return h.renderFollowup(c, http.StatusOK, components.NewForm(nil))
}

func (h *consultConsole) renderFollowup(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	id, err := id(c, "id")
	if err != nil {
		return err
	}
	it, err := h.svc.FollowUpByID(ctx, s.Scope(), id)
	if err != nil {
		return err
	}
	list := locales.T(ctx, "admin.nav.followups")
	title := locales.T(ctx, "consult.admin.followup", it.MatterName)
	p := admin.ConsultDetailProps{Shell: h.shell(c, title, components.Crumb{Text: list, Href: "/admin/followups"}, components.Crumb{Text: title}),
		Content: it.Content}
	p.Rows = []components.SummaryRow{consultRow(locales.T(ctx, "consult.admin.rating"), locales.T(ctx, "eval.star."+strconv.Itoa(it.Overall))),
		consultRow(locales.T(ctx, "consult.status"), locales.T(ctx, "consult.followup."+it.Status)),
		consultRow(locales.T(ctx, "consult.admin.due"), stamp(it.DeadlineAt)), consultRow(locales.T(ctx, "consult.admin.call.note"), it.CallNote)}
	if it.CalledAt != nil {
		p.Rows = append(p.Rows, consultRow(locales.T(ctx, "consult.admin.called"), stamp(*it.CalledAt)),
			consultRow(locales.T(ctx, "consult.admin.call.outcome"), locales.T(ctx, "consult.outcome."+it.Outcome)))
	}
	if it.Status == "open" {
		var radios []components.RadioItem
		for _, o := range []string{"resolved", "unresolved", "unreachable"} {
			radios = append(radios, components.RadioItem{Value: o, Text: locales.T(ctx, "consult.outcome."+o)})
		}
		p.Forms = append(p.Forms, admin.TitledForm{Title: locales.T(ctx, "consult.admin.call"), Form: admin.FormProps{
			Action: "/admin/followups/" + strconv.FormatInt(it.ID, 10) + "/call", Submit: locales.T(ctx, "consult.admin.call.submit"),
			Inputs: []admin.Input{{Kind: "textarea", Field: f.Field("note"), Label: locales.T(ctx, "consult.admin.call.note")},
				{Kind: "radios", Field: f.Field("outcome"), Label: locales.T(ctx, "consult.admin.call.outcome"), Radios: radios}}}})
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.ConsultDetail(h.chrome(c), p))
}

// call is POST /admin/followups/{id}/call: the call-back record.
func (h *consultConsole) call(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	id, err := id(c, "id")
	if err != nil {
		return err
	}
	f := postedForm(c)
	err = h.svc.RecordCall(ctx, s, c.RealIP(), id, f.Value("note"), f.Value("outcome"))
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderFollowup(c, http.StatusUnprocessableEntity, f)
	}
	if errors.Is(err, models.ErrConflict) {
		return flashAndGo(c, locales.T(ctx, "consult.admin.conflict"), "/admin/followups/"+strconv.FormatInt(id, 10))
	} else if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "consult.admin.done.call"), "/admin/followups/"+strconv.FormatInt(id, 10))
}
