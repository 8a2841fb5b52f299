package handlers

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/catalog"
	caseview "github.com/zwfw/portal/views/cases"
	"github.com/zwfw/portal/views/components"
)

// submitTimeout bounds a submission; past it the applicant is told to try
// again, which is safe: the submission token makes one case (9.4 b).
var submitTimeout = 15 * time.Second

// renderCheck is check your answers: every step's answers with a change
// link, the materials, then submit.
func (h *casesHandler) renderCheck(c echo.Context, d cases.Draft, item catalog.ItemDetail) error {
	ctx := c.Request().Context()
	s := h.shell(c, locales.T(ctx, "cases.step.check"), nil)
	s.Crumbs[len(s.Crumbs)-1].Text = item.Name
	vals := d.Values()
	u := user(c)
	change := locales.T(ctx, "cases.change")
	p := caseview.CheckProps{Shell: s, StepOf: h.stepOf(c, cases.StepCheck), SubmitURL: "/cases/drafts/" + strconv.FormatInt(d.ID, 10) + "/submit",
		Token: d.Token, Back: draftURL(d, cases.StepMaterials), DeleteURL: "/cases/drafts/" + strconv.FormatInt(d.ID, 10) + "/delete"}
	p.Sections = append(p.Sections, caseview.CheckSection{Title: locales.T(ctx, "cases.step.applicant"), Rows: []components.SummaryRow{
		{Key: locales.T(ctx, "cases.matter"), Value: item.Name + "（" + item.Body.Name + "）"},
		{Key: locales.T(ctx, "cases.applicant.name"), Value: u.Name},
	}})
	for _, step := range []string{cases.StepDetails, cases.StepDelivery} {
		sec := caseview.CheckSection{Title: locales.T(ctx, "cases.step."+step)}
		for _, q := range cases.Questions(item.MatterCode, step) {
			v, ok := vals[q.Name]
			if !ok {
				continue
			}
			if len(q.Options) > 0 {
				v = locales.T(ctx, "cases.q."+q.Name+"."+v)
			}
			sec.Rows = append(sec.Rows, components.SummaryRow{Key: locales.T(ctx, "cases.q."+q.Name), Value: v,
				ActionText: change, ActionHref: draftURL(d, step)})
		}
		p.Sections = append(p.Sections, sec)
	}
	have, err := cases.DraftMaterials(ctx, h.st, d.ID)
	if err != nil {
		return err
	}
	sec := caseview.CheckSection{Title: locales.T(ctx, "cases.step.materials")}
	for _, m := range have {
		sec.Rows = append(sec.Rows, components.SummaryRow{Key: m.Name, Value: m.FileName + "（" + fileDetail(ctx, m) + "）",
			ActionText: change, ActionHref: draftURL(d, cases.StepMaterials)})
	}
	p.Sections = append(p.Sections, sec)
	return web.Render(c, http.StatusOK, caseview.Check(h.chrome(c), p))
}

// submit is POST /cases/drafts/{id}/submit. A double tap (the same token)
// answers every tap with the one case.
func (h *casesHandler) submit(c echo.Context) error {
	d, item, err := h.draft(c)
	if err != nil {
		return err
	}
	if ok, err := h.levelCheck(c, item.Item); !ok {
		return err
	}
	if c.FormValue("token") != d.Token {
		return h.message(c, http.StatusConflict, "cases.stale.title", "cases.stale.body", "cases.stale.link", draftURL(d, cases.StepCheck))
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), submitTimeout)
	defer cancel()
	res, err := cases.Submit(ctx, h.st, h.cal, user(c), d.Token)
	switch {
	case errors.Is(err, cases.ErrIncomplete):
		return h.message(c, http.StatusConflict, "cases.order.title", "cases.incomplete", "cases.order.link", draftURL(d, d.Next()))
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		return h.message(c, http.StatusServiceUnavailable, "cases.timeout.title", "cases.timeout.body", "cases.timeout.link", draftURL(d, cases.StepCheck))
	case err != nil:
		return err
	}
	id := strconv.FormatInt(res.Case.ID, 10)
	if res.Created {
		web.Session(c).Values[sessCaseCode+id] = res.QueryCode
		if err := web.SaveSession(c); err != nil {
			return err
		}
	}
	return web.SeeOther(c, "/me/cases/"+id+"/submitted")
}

// confirmation is GET /me/cases/{id}/submitted: the case number and the
// query code (kept in this session only; stored hashed).
func (h *casesHandler) confirmation(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	cs, err := cases.GetForUser(ctx, h.st, user(c).ID, id)
	if err != nil {
		return err
	}
	code, _ := web.Session(c).Values[sessCaseCode+strconv.FormatInt(id, 10)].(string)
	p := caseview.ConfirmProps{Shell: h.shell(c, locales.T(ctx, "cases.confirm.title"), nil), Number: cs.Number, QueryCode: code,
		CaseHref: "/me/cases/" + strconv.FormatInt(id, 10)}
	if cs.DueAt != nil {
		p.Due = locales.T(ctx, "cases.confirm.due", dateOnly(*cs.DueAt))
	}
	return web.Render(c, http.StatusOK, caseview.Confirm(h.chrome(c), p))
}
