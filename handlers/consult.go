package handlers

import (
	"context"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/components"
	cview "github.com/zwfw/portal/views/consult"
	"github.com/zwfw/portal/views/layout"
)

// consultHandler serves consultation, complaint and evaluation (C 0103
// 7.5, 7.6; issue 8). Rules live in models/consult; every id a user sends
// is looked up within that user's own items, so others' ids are a 404.
type consultHandler struct {
	site *web.Site
	st   *models.Store
	svc  *consult.Service
	ref  *refdata.Catalog
	blob blob.Store
}

// consultCaseSource adapts models/cases to consult.CaseSource.
type consultCaseSource struct{ st *models.Store }

func consultCase(c cases.Completed) consult.Case {
	return consult.Case{ID: c.ID, Number: c.Number, ItemCode: c.ItemCode, MatterName: c.MatterName, DeptCode: c.DeptCode,
		RegionCode: c.RegionCode, CompletedAt: c.CompletedAt}
}

func (s consultCaseSource) CompletedForUser(ctx context.Context, userID int64) ([]consult.Case, error) {
	list, err := cases.CompletedForUser(ctx, s.st, userID)
	out := make([]consult.Case, 0, len(list))
	for _, c := range list {
		out = append(out, consultCase(c))
	}
	return out, err
}

func (s consultCaseSource) CompletedByID(ctx context.Context, userID, caseID int64) (consult.Case, error) {
	c, err := cases.CompletedByID(ctx, s.st, userID, caseID)
	return consultCase(c), err
}

func registerConsult(app *App, d Deps) {
	h := &consultHandler{site: app.Site, st: d.Store, svc: consult.New(d.Store, consultCaseSource{d.Store}), ref: d.Ref, blob: d.Blob}
	e := app.Echo
	login, l3 := RequireLevel(app.Site, users.L1), RequireLevel(app.Site, users.L3)
	e.GET("/consultations", h.publicConsultations)
	e.GET("/consultations/hidden", h.hiddenLog)
	e.GET("/consultations/new", h.consultForm, l3)
	e.POST("/consultations", h.consultPost, l3)
	e.GET("/consultations/:id", h.publicConsultation)
	e.GET("/complaints", h.publicComplaints)
	e.GET("/complaints/new", h.complaintForm, l3)
	e.POST("/complaints", h.complaintPost, l3)
	e.GET("/complaints/:id", h.publicComplaint)
	e.GET("/complaints/files/:id", h.complaintFile, login)
	e.GET("/evaluations/new", h.caseEvalForm, login)
	e.POST("/evaluations", h.caseEvalPost, login)
	e.GET("/evaluations/app", h.appEvalForm, login)
	e.POST("/evaluations/app", h.appEvalPost, login)
	me := e.Group("/me", login)
	me.GET("/consultations", h.myConsultations)
	me.GET("/consultations/:id", h.myConsultation)
	me.POST("/consultations/:id/delete", h.myConsultationDelete)
	me.GET("/complaints", h.myComplaints)
	me.GET("/complaints/:id", h.myComplaint)
	me.POST("/complaints/:id/delete", h.myComplaintDelete)
}

// chrome is the page shell; pages with personal data stay out of indexes.
func (h *consultHandler) chrome(c echo.Context, private bool) layout.Chrome {
	ch := h.site.Chrome(c)
	ch.NoIndex = private
	return ch
}

// shell builds 首页 › parent › title.
func (h *consultHandler) shell(c echo.Context, title string, parent ...components.Crumb) cview.Shell {
	ctx := c.Request().Context()
	crumbs := append([]components.Crumb{{Text: locales.T(ctx, "nav.home"), Href: "/"}}, parent...)
	return cview.Shell{Title: title, Crumbs: append(crumbs, components.Crumb{Text: title}), Flash: takeFlash(c)}
}

func (h *consultHandler) meCrumb(ctx context.Context) components.Crumb {
	return components.Crumb{Text: locales.T(ctx, "usercenter.title"), Href: "/me"}
}

// deptName names a department code in the page's language.
func (h *consultHandler) deptName(ctx context.Context, code string) string {
	if h.ref != nil {
		if d, ok := h.ref.Department(code); ok {
			return d.Label(locales.Lang(ctx))
		}
	}
	return code
}

func (h *consultHandler) placeName(code string) string {
	if h.ref != nil {
		if p := h.ref.Path(code); p != "" {
			return p
		}
	}
	return code
}

// queryID reads a positive id from the query; anything else is a 404.
func consultQueryID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.QueryParam(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return id, nil
}

func consultPath(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }
