package admin

import (
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
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

var matterFieldOrder = []string{"code", "name", "type", "dept"}

// matterForm is what renderMatterForm needs besides the form values.
type matterForm struct {
	matter   *content.Matter // nil for a new matter
	version  int
	conflict *admin.ConflictProps
}

func (h *console) renderMatterForm(c echo.Context, status int, f *components.Form, mf matterForm) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	lang := locales.Lang(ctx)
	list := components.Crumb{Text: locales.T(ctx, "admin.matters.title"), Href: "/admin/matters"}
	p := admin.MatterFormProps{Submit: locales.T(ctx, "admin.items.save"), Conflict: mf.conflict}
	name := admin.FormField{Kind: admin.InputLine, Field: f.Field("name"), Label: locales.T(ctx, "admin.matter.name")}
	if mf.matter == nil {
		title := locales.T(ctx, "admin.matters.new")
		p.Shell, p.Action, p.Cancel, p.Submit = h.shell(c, title, list, components.Crumb{Text: title}), "/admin/matters", "/admin/matters",
			locales.T(ctx, "admin.matters.create")
		types := []components.SelectOption{{Value: "", Text: locales.T(ctx, "admin.part.unset")}}
		for _, t := range refdata.MatterTypes.All() {
			types = append(types, components.SelectOption{Value: t.Code, Text: t.Code + " " + refdata.MatterTypes.Label(t.Code, lang)})
		}
		p.Fields = []admin.FormField{{Kind: admin.InputLine, Field: f.Field("code"), Label: locales.T(ctx, "admin.matter.code"),
			Hint: locales.T(ctx, "admin.matter.code_hint")}, name,
			{Kind: admin.InputSelect, Field: f.Field("type"), Label: locales.T(ctx, "admin.matter.type"), Options: types}}
		if s.Scope().Dept == "" {
			depts := []components.SelectOption{{Value: "", Text: locales.T(ctx, "admin.part.unset")}}
			for _, d := range h.ref.Departments() {
				depts = append(depts, components.SelectOption{Value: d.Code, Text: d.Label(lang)})
			}
			p.Fields = append(p.Fields, admin.FormField{Kind: admin.InputSelect, Field: f.Field("dept"), Label: locales.T(ctx, "admin.item.dept"), Options: depts})
		}
	} else {
		title := locales.T(ctx, "admin.matters.edit_title", mf.matter.Name)
		p.Shell = h.shell(c, title, list, components.Crumb{Text: mf.matter.Name, Href: matterURL(mf.matter.ID)}, components.Crumb{Text: locales.T(ctx, "admin.matters.edit")})
		p.Action, p.Cancel, p.Version, p.Fields = matterURL(mf.matter.ID), matterURL(mf.matter.ID), strconv.Itoa(mf.version), []admin.FormField{name}
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.MatterForm(h.chrome(c), p))
}

// newMatter is GET /admin/matters/new (national scopes only).
func (h *console) newMatter(c echo.Context) error {
	if s, _ := current(c); !content.CanManageMatters(s.Scope()) {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	return h.renderMatterForm(c, http.StatusOK, components.NewForm(url.Values{}), matterForm{})
}

// createMatter is POST /admin/matters: a draft matter.
func (h *console) createMatter(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	vals := postedValues(c)
	f := components.NewForm(vals)
	m, err := h.content.CreateMatter(ctx, s, c.RealIP(), content.NewMatter{Code: f.Value("code"), Name: f.Value("name"),
		Type: f.Value("type"), DeptCode: f.Value("dept")})
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		return h.renderMatterForm(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, f, err, matterFieldOrder), matterForm{})
	case errors.Is(err, models.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden)
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.matters.created", m.Code), matterURL(m.ID))
}

// editMatter is GET /admin/matters/{id}/edit.
func (h *console) editMatter(c echo.Context) error {
	s, _ := current(c)
	if !content.CanManageMatters(s.Scope()) {
		return echo.NewHTTPError(http.StatusForbidden)
	}
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	m, err := h.content.GetMatter(c.Request().Context(), s.Scope(), n)
	if err != nil {
		return err
	}
	return h.renderMatterForm(c, http.StatusOK, components.NewForm(url.Values{"name": {m.Name}}), matterForm{matter: &m, version: m.Version})
}

// updateMatter is POST /admin/matters/{id}. A stale version answers 409
// keeping the editor's text, with the differences; saving again overwrites.
func (h *console) updateMatter(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	m, err := h.content.GetMatter(ctx, s.Scope(), n)
	if err != nil {
		return err
	}
	vals := postedValues(c)
	f := components.NewForm(vals)
	version, _ := strconv.Atoi(f.Value("version"))
	_, err = h.content.UpdateMatter(ctx, s, c.RealIP(), n, version, f.Value("name"))
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		return h.renderMatterForm(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, f, err, matterFieldOrder), matterForm{matter: &m, version: version})
	case errors.Is(err, models.ErrConflict):
		df := admin.DiffField{Label: locales.T(ctx, "admin.matter.name")}
		for _, l := range content.DiffLines(m.Name, content.CleanLine(f.Value("name"))) {
			df.Lines = append(df.Lines, admin.DiffLine{Op: l.Op, Text: l.Text})
		}
		cf := &admin.ConflictProps{Text: locales.T(ctx, "admin.conflict.matter_text", m.Version, version), Diffs: []admin.DiffField{df}}
		return h.renderMatterForm(c, http.StatusConflict, f, matterForm{matter: &m, version: m.Version, conflict: cf})
	case errors.Is(err, models.ErrForbidden):
		return echo.NewHTTPError(http.StatusForbidden)
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.matters.saved"), matterURL(n))
}
