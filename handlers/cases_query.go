package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	caseview "github.com/zwfw/portal/views/cases"
	"github.com/zwfw/portal/views/components"
)

// queryShell is the frame of the public query: 首页 › 办件查询.
func (h *casesHandler) queryShell(c echo.Context, title string, form *components.Form) caseview.Shell {
	ctx := c.Request().Context()
	return caseview.Shell{Title: title, Form: form, Crumbs: []components.Crumb{{Text: locales.T(ctx, "nav.home"), Href: "/"},
		{Text: locales.T(ctx, "cases.query.title"), Href: "/cases/query"}, {Text: title}}}
}

// queryForm is GET /cases/query: by case number and query code, without
// signing in (C 0103 7.3).
func (h *casesHandler) queryForm(c echo.Context) error {
	return h.renderQuery(c, http.StatusOK, nil)
}

func (h *casesHandler) renderQuery(c echo.Context, status int, form *components.Form) error {
	s := h.queryShell(c, locales.T(c.Request().Context(), "cases.query.title"), form)
	s.Crumbs = s.Crumbs[:2]
	s.Crumbs[1].Href = ""
	return web.Render(c, status, caseview.Query(h.site.Chrome(c), caseview.QueryProps{Shell: s, Action: "/cases/query"}))
}

// query is POST /cases/query. The codes never go in a URL: the case found
// is kept in the visitor's session and shown by /cases/query/result. A
// wrong number and a wrong code get the same answer; the per-IP POST
// budget slows guessing.
func (h *casesHandler) query(c echo.Context) error {
	ctx := c.Request().Context()
	form, _ := c.FormParams()
	f := components.NewForm(form)
	number, code := f.Value("number"), f.Value("code")
	if number == "" {
		f.Fail("number", locales.T(ctx, "cases.query.number.required"))
	}
	if code == "" {
		f.Fail("code", locales.T(ctx, "cases.query.code.required"))
	}
	if f.HasErrors() {
		return h.renderQuery(c, http.StatusUnprocessableEntity, f)
	}
	cs, err := cases.Lookup(ctx, h.st, number, code)
	if errors.Is(err, models.ErrNotFound) {
		f.Fail("number", locales.T(ctx, "cases.query.nomatch"))
		return h.renderQuery(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	web.Session(c).Values[sessCaseQuery] = cs.ID
	if err := web.SaveSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, "/cases/query/result")
}

// queryResult is GET /cases/query/result: the case found, personal data
// masked (reference.md §6).
func (h *casesHandler) queryResult(c echo.Context) error {
	ctx := c.Request().Context()
	id, ok := web.Session(c).Values[sessCaseQuery].(int64)
	if !ok {
		return web.SeeOther(c, "/cases/query")
	}
	cs, err := cases.ByID(ctx, h.st, id)
	if err != nil {
		return web.SeeOther(c, "/cases/query")
	}
	p, err := h.caseView(ctx, cs, true)
	if err != nil {
		return err
	}
	p.Shell = h.queryShell(c, cs.MatterName, nil)
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	return web.Render(c, http.StatusOK, caseview.Case(ch, p))
}
