package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/views/components"
	cview "github.com/zwfw/portal/views/consult"
)

// caseEvalForm is GET /evaluations/new?case=id (C 0103 7.6.1, table 1):
// only for the user's own completed case, once.
func (h *consultHandler) caseEvalForm(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := consultQueryID(c, "case")
	if err != nil {
		return err
	}
	k, err := h.svc.Cases(ctx, user(c).ID, id)
	if err != nil {
		return err
	}
	if done, err := h.svc.CaseEvaluated(ctx, k.ID); err != nil {
		return err
	} else if done {
		return flashAndGo(c, locales.T(ctx, "eval.already"), "/me")
	}
	return h.renderCaseEval(c, http.StatusOK, components.NewForm(nil), k)
}

func (h *consultHandler) renderCaseEval(c echo.Context, status int, f *components.Form, k consult.Case) error {
	ctx := c.Request().Context()
	p := cview.EvalFormProps{Shell: h.shell(c, locales.T(ctx, "eval.case.title"), h.meCrumb(ctx)), Form: f, Action: "/evaluations",
		Hidden: map[string]string{"case": strconv.FormatInt(k.ID, 10)}, Lead: locales.T(ctx, "eval.case.lead", k.Number, k.MatterName),
		Content: f.Field("content")}
	p.Stars = append(p.Stars, cview.Stars{Field: f.Field("overall"), Legend: locales.T(ctx, "eval.dim.overall")})
	for _, d := range consult.Dimensions {
		p.Stars = append(p.Stars, cview.Stars{Field: f.Field(d), Legend: locales.T(ctx, "eval.dim."+d), Hint: locales.T(ctx, "eval.dim."+d+".hint")})
	}
	return web.Render(c, status, cview.EvalForm(h.chrome(c, true), p))
}

func consultRatings(f *components.Form) consult.Ratings {
	r := consult.Ratings{}
	for _, k := range append([]string{"overall"}, consult.Dimensions...) {
		r[k], _ = strconv.Atoi(f.Value(k))
	}
	return r
}

// caseEvalPost is POST /evaluations.
func (h *consultHandler) caseEvalPost(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	_, kept := formValues(c)
	f := components.NewForm(kept)
	id, _ := strconv.ParseInt(f.Value("case"), 10, 64)
	k, err := h.svc.Cases(ctx, u.ID, id)
	if err != nil {
		return err // not yours or not completed: 404
	}
	_, err = h.svc.EvaluateCase(ctx, u.ID, id, consultRatings(f), f.Value("content"))
	if h.failed(c, f, err) {
		return h.renderCaseEval(c, http.StatusUnprocessableEntity, f, k)
	}
	if errors.Is(err, models.ErrConflict) {
		return flashAndGo(c, locales.T(ctx, "eval.already"), "/me")
	} else if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "eval.thanks"), "/me")
}

// appEvalForm is GET /evaluations/app?app=id (C 0103 7.6.2, table 2).
func (h *consultHandler) appEvalForm(c echo.Context) error {
	a, err := h.onlineApp(c, c.QueryParam("app"))
	if err != nil {
		return err
	}
	return h.renderAppEval(c, http.StatusOK, components.NewForm(nil), a)
}

func (h *consultHandler) onlineApp(c echo.Context, raw string) (apps.App, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return apps.App{}, models.ErrNotFound
	}
	a, err := apps.Get(c.Request().Context(), h.st, id)
	if err != nil || !a.Serving() {
		return apps.App{}, models.ErrNotFound
	}
	return a, nil
}

func (h *consultHandler) renderAppEval(c echo.Context, status int, f *components.Form, a apps.App) error {
	ctx := c.Request().Context()
	p := cview.EvalFormProps{Shell: h.shell(c, locales.T(ctx, "eval.app.title", a.Name)), Form: f, Action: "/evaluations/app",
		Hidden: map[string]string{"app": strconv.FormatInt(a.ID, 10)}, Lead: locales.T(ctx, "eval.app.lead"), Content: f.Field("content"),
		Stars: []cview.Stars{{Field: f.Field("overall"), Legend: locales.T(ctx, "eval.dim.overall")}}}
	return web.Render(c, status, cview.EvalForm(h.chrome(c, true), p))
}

// appEvalPost is POST /evaluations/app.
func (h *consultHandler) appEvalPost(c echo.Context) error {
	ctx := c.Request().Context()
	_, kept := formValues(c)
	f := components.NewForm(kept)
	a, err := h.onlineApp(c, f.Value("app"))
	if err != nil {
		return err
	}
	overall, _ := strconv.Atoi(f.Value("overall"))
	_, err = h.svc.EvaluateApp(ctx, user(c).ID, a.ID, overall, f.Value("content"))
	if h.failed(c, f, err) {
		return h.renderAppEval(c, http.StatusUnprocessableEntity, f, a)
	}
	if errors.Is(err, models.ErrConflict) {
		return flashAndGo(c, locales.T(ctx, "eval.already"), "/me")
	} else if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "eval.thanks"), "/me")
}
