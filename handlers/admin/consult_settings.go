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

// settings is GET /admin/complaints/settings: the unit's statement of the
// legal nature of its complaint replies and the remedies (C 0103 7.5.2),
// and, for the platform, the reply limit in working days.
func (h *consultConsole) settings(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	sc := s.Scope()
	region := sc.Region
	if region == "" {
		region = "000000"
	}
	stm, err := h.svc.StatementFor(ctx, region, sc.Dept)
	if err != nil {
		return err
	}
	f := components.NewForm(map[string][]string{"legal_nature": {stm.LegalNature}, "remedy": {stm.Remedy},
		"limit": {strconv.Itoa(h.svc.ReplyLimit(ctx))}})
	return h.renderSettings(c, http.StatusOK, f)
}

func (h *consultConsole) renderSettings(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	list := locales.T(ctx, "admin.nav.complaints")
	title := locales.T(ctx, "consult.admin.settings")
	p := admin.ConsultDetailProps{Shell: h.shell(c, title, components.Crumb{Text: list, Href: "/admin/complaints"}, components.Crumb{Text: title})}
	p.Rows = []components.SummaryRow{consultRow(locales.T(ctx, "consult.admin.unit"), h.unit(c)),
		consultRow(locales.T(ctx, "consult.admin.limit"), locales.T(ctx, "consult.admin.limit.days", h.svc.ReplyLimit(ctx)))}
	p.Forms = append(p.Forms, admin.TitledForm{Title: locales.T(ctx, "consult.admin.statement"), Form: admin.FormProps{
		Action: "/admin/complaints/statement", Submit: locales.T(ctx, "consult.admin.save"),
		Inputs: []admin.Input{{Kind: "textarea", Field: f.Field("legal_nature"), Label: locales.T(ctx, "complaint.legal_nature"), Hint: locales.T(ctx, "consult.admin.legal_nature.hint")},
			{Kind: "textarea", Field: f.Field("remedy"), Label: locales.T(ctx, "complaint.remedy"), Hint: locales.T(ctx, "consult.admin.remedy.hint")}}}})
	if s.Scope().Everything() {
		p.Forms = append(p.Forms, admin.TitledForm{Title: locales.T(ctx, "consult.admin.limit"), Form: admin.FormProps{
			Action: "/admin/complaints/limit", Submit: locales.T(ctx, "consult.admin.save"),
			Inputs: []admin.Input{{Kind: "number", Field: f.Field("limit"), Label: locales.T(ctx, "consult.admin.limit"), Hint: locales.T(ctx, "consult.admin.limit.hint")}}}})
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.ConsultDetail(h.chrome(c), p))
}

// statement is POST /admin/complaints/statement.
func (h *consultConsole) statement(c echo.Context) error {
	s, _ := current(c)
	f := postedForm(c)
	return h.saved(c, f, h.svc.SetStatement(c.Request().Context(), s, c.RealIP(), f.Value("legal_nature"), f.Value("remedy")))
}

// limit is POST /admin/complaints/limit (platform scope only: 403 else).
func (h *consultConsole) limit(c echo.Context) error {
	s, _ := current(c)
	f := postedForm(c)
	return h.saved(c, f, h.svc.SetReplyLimit(c.Request().Context(), s, c.RealIP(), f.Value("limit")))
}

func (h *consultConsole) saved(c echo.Context, f *components.Form, err error) error {
	ctx := c.Request().Context()
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderSettings(c, http.StatusUnprocessableEntity, f)
	case errors.Is(err, models.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden)
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(ctx, "consult.admin.saved"), "/admin/complaints/settings")
}
