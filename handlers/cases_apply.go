package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/users"
	caseview "github.com/zwfw/portal/views/cases"
	"github.com/zwfw/portal/views/components"
)

// start is GET /matters/{item code}/apply: what the application needs, and
// the button that starts or resumes it.
func (h *casesHandler) start(c echo.Context) error {
	ctx := c.Request().Context()
	item, err := catalog.NewRepo(h.st).GetItemByCode(ctx, c.Param("code"))
	if err != nil {
		return err
	}
	if !item.Online {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if ok, err := h.levelCheck(c, item.Item); !ok {
		return err
	}
	p := caseview.StartProps{Shell: h.shell(c, locales.T(ctx, "cases.start.title", item.Name), nil), Item: item.Name,
		Lead: locales.T(ctx, "cases.start.lead"), Body: item.Body.Name, Action: "/cases/apply", Code: item.Code}
	for _, r := range cases.Rules(item) {
		p.Materials = append(p.Materials, r.Material.Name+"（"+r.Material.Necessity+"）")
	}
	return web.Render(c, http.StatusOK, caseview.Start(h.chrome(c), p))
}

// startPost is POST /cases/apply: starts (or resumes) the draft.
func (h *casesHandler) startPost(c echo.Context) error {
	ctx := c.Request().Context()
	item, err := catalog.NewRepo(h.st).GetItemByCode(ctx, c.FormValue("code"))
	if err != nil {
		return err
	}
	if ok, err := h.levelCheck(c, item.Item); !ok {
		return err
	}
	d, err := cases.StartDraft(ctx, h.st, user(c).ID, item.Item)
	if errors.Is(err, cases.ErrNotOnline) {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if err != nil {
		return err
	}
	return web.SeeOther(c, draftURL(d, d.Next()))
}

// openStep loads the draft for a step page and refuses what cannot be
// shown: a submitted draft goes to its case; a step beyond the next one is
// a tampered step order (409 with the way back).
func (h *casesHandler) openStep(c echo.Context) (cases.Draft, catalog.ItemDetail, bool, error) {
	d, item, err := h.draft(c)
	if err != nil {
		return d, item, false, err
	}
	if d.CaseID != nil {
		return d, item, false, web.SeeOther(c, "/me/cases/"+strconv.FormatInt(*d.CaseID, 10))
	}
	if ok, err := h.levelCheck(c, item.Item); !ok {
		return d, item, false, err
	}
	step := c.Param("step")
	if cases.StepIndex(step) < 0 {
		return d, item, false, echo.NewHTTPError(http.StatusNotFound)
	}
	if !d.MayOpen(step) {
		return d, item, false, h.message(c, http.StatusConflict, "cases.order.title", "cases.order.body", "cases.order.link", draftURL(d, d.Next()))
	}
	return d, item, true, nil
}

// step is GET /cases/drafts/{id}/{step}.
func (h *casesHandler) step(c echo.Context) error {
	d, item, ok, err := h.openStep(c)
	if !ok {
		return err
	}
	step := c.Param("step")
	vals := url.Values{}
	for k, v := range d.Values() {
		vals.Set(k, v)
	}
	form := components.NewForm(vals)
	restored := h.pending(c, d.ID, step)
	if restored != nil {
		form = components.NewForm(restored)
	}
	switch step {
	case cases.StepMaterials:
		return h.renderMaterials(c, http.StatusOK, d, item, nil)
	case cases.StepCheck:
		return h.renderCheck(c, d, item)
	}
	return h.renderStep(c, http.StatusOK, d, item, step, form, restored != nil)
}

// stepPost is POST /cases/drafts/{id}/{step}: saves the page's answers on
// the server (the draft) and goes on.
func (h *casesHandler) stepPost(c echo.Context) error {
	d, item, ok, err := h.openStep(c)
	if !ok {
		return err
	}
	ctx := c.Request().Context()
	step := c.Param("step")
	if step == cases.StepCheck {
		return echo.NewHTTPError(http.StatusMethodNotAllowed)
	}
	if step == cases.StepMaterials {
		return h.materialsNext(c, d, item)
	}
	form, _ := c.FormParams()
	in := map[string]string{}
	for k := range form {
		in[k] = form.Get(k)
	}
	vals, verr := cases.Validate(cases.Questions(item.MatterCode, step), in)
	if verr != nil {
		var v *models.ValidationError
		if errors.As(verr, &v) {
			f := components.NewForm(form)
			f.AddErrors(ctx, v.Order, v.Fields)
			return h.renderStep(c, http.StatusUnprocessableEntity, d, item, step, f, false)
		}
		return verr
	}
	d, err = cases.SaveStep(ctx, h.st, d, formVersion(c), step, vals)
	if errors.Is(err, models.ErrConflict) {
		return h.message(c, http.StatusConflict, "cases.stale.title", "cases.stale.body", "cases.stale.link", draftURL(d, step))
	}
	if err != nil {
		return err
	}
	return web.SeeOther(c, draftURL(d, cases.Steps[cases.StepIndex(step)+1]))
}

func (h *casesHandler) stepOf(c echo.Context, step string) string {
	return locales.T(c.Request().Context(), "cases.stepof", cases.StepIndex(step)+1, len(cases.Steps))
}

func (h *casesHandler) renderStep(c echo.Context, status int, d cases.Draft, item catalog.ItemDetail, step string, form *components.Form, restored bool) error {
	ctx := c.Request().Context()
	s := h.shell(c, locales.T(ctx, "cases.step."+step), form)
	s.Crumbs[len(s.Crumbs)-1].Text = item.Name
	if restored {
		s.Notice = locales.T(ctx, "cases.restored")
	}
	p := caseview.StepProps{Shell: s, Action: draftURL(d, step), Version: d.Version, StepOf: h.stepOf(c, step)}
	if i := cases.StepIndex(step); i > 0 {
		p.Back = draftURL(d, cases.Steps[i-1])
	}
	if step == cases.StepApplicant {
		u := user(c)
		p.KnownNote = locales.T(ctx, "cases.known")
		p.Known = []components.SummaryRow{
			{Key: locales.T(ctx, "cases.applicant.name"), Value: u.Name},
			{Key: locales.T(ctx, "cases.applicant.id"), Value: users.MaskIDNumber(u.IDNumber)},
			{Key: locales.T(ctx, "cases.applicant.phone"), Value: users.MaskPhone(u.Phone)},
			{Key: locales.T(ctx, "cases.applicant.level"), Value: levelName(ctx, u.Level)},
		}
	}
	for _, q := range cases.Questions(item.MatterCode, step) {
		f := form.Field(q.Name)
		if f.Value == "" && step == cases.StepDelivery {
			f.Value = knownValue(user(c), q.Name) // known fields are filled in (6.1 h)
		}
		vq := caseview.Question{Kind: q.Kind, Field: f, Label: locales.T(ctx, "cases.q."+q.Name)}
		if q.When != "" {
			vq.Hint = locales.T(ctx, "cases.q."+q.Name+".when")
		}
		for _, o := range q.Options {
			vq.Options = append(vq.Options, caseview.Option{Value: o, Text: locales.T(ctx, "cases.q."+q.Name+"."+o)})
		}
		p.Questions = append(p.Questions, vq)
	}
	return web.Render(c, status, caseview.Step(h.chrome(c), p))
}

func knownValue(u users.User, name string) string {
	switch name {
	case "phone":
		return u.Phone
	case "address":
		return u.Address
	}
	return ""
}
