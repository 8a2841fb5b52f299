package handlers

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	caseview "github.com/zwfw/portal/views/cases"
	"github.com/zwfw/portal/views/components"
)

// caseFilters are the status filters of 我的办件, in order.
var caseFilters = []string{"", cases.FilterOpen, string(cases.StatusCorrection), string(cases.StatusCompleted),
	string(cases.StatusRejected), string(cases.StatusWithdrawn)}

const casesPerPage = 20

// list is GET /me/cases?status=…&page=… (C 0103 7.3, 7.7 c): drafts to
// resume, then cases with their status.
func (h *casesHandler) list(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	status := c.QueryParam("status")
	s := h.shell(c, locales.T(ctx, "cases.mine"), nil)
	s.Crumbs = s.Crumbs[:3]
	s.Crumbs[2] = components.Crumb{Text: s.Title}
	known := false
	p := caseview.ListProps{Shell: s, Empty: locales.T(ctx, "cases.list.empty")}
	for _, f := range caseFilters {
		href := "/me/cases"
		if f != "" {
			href += "?status=" + f
		}
		known = known || f == status
		p.Filters = append(p.Filters, caseview.Filter{Text: locales.T(ctx, "cases.filter."+filterKey(f)), Href: href, Current: f == status})
	}
	if !known {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	page = max(page, 1)
	rows, total, err := cases.ForUser(ctx, h.st, u.ID, cases.Filter{Status: status, Offset: (page - 1) * casesPerPage, Limit: casesPerPage})
	if err != nil {
		return err
	}
	for _, r := range rows {
		p.Rows = append(p.Rows, h.caseRow(ctx, r))
	}
	if status == "" && page == 1 {
		drafts, err := cases.OpenDrafts(ctx, h.st, u.ID)
		if err != nil {
			return err
		}
		for _, d := range drafts {
			next := cases.Draft{ID: d.ID, Step: d.Step}
			p.Drafts = append(p.Drafts, caseview.CaseRow{Title: d.ItemName, Href: draftURL(next, next.Next()),
				Status: locales.T(ctx, "cases.status.draft"), Colour: components.TagGrey, Date: locales.T(ctx, "cases.saved", dateTime(d.UpdatedAt))})
		}
	}
	q := url.Values{}
	if status != "" {
		q.Set("status", status)
	}
	p.Pagination = components.PaginationProps{BaseURL: "/me/cases", Query: q, Page: page, Total: int((total + casesPerPage - 1) / casesPerPage)}
	return web.Render(c, http.StatusOK, caseview.List(h.chrome(c), p))
}

func filterKey(f string) string {
	if f == "" {
		return "all"
	}
	return f
}

var statusColours = map[cases.Status]components.TagColour{cases.StatusSubmitted: components.TagBlue, cases.StatusAccepted: components.TagBlue,
	cases.StatusProcessing: components.TagBlue, cases.StatusCorrection: components.TagYellow, cases.StatusCompleted: components.TagGreen,
	cases.StatusRejected: components.TagRed, cases.StatusWithdrawn: components.TagGrey}

// statusText names the status in words (refused completions say so).
func statusText(ctx context.Context, cs cases.Case) string {
	if cs.Status == cases.StatusCompleted && cs.Outcome != "" {
		return locales.T(ctx, "cases.outcome."+cs.Outcome)
	}
	return locales.T(ctx, "cases.status."+string(cs.Status))
}

func (h *casesHandler) caseRow(ctx context.Context, r cases.Case) caseview.CaseRow {
	row := caseview.CaseRow{Title: r.MatterName, Href: "/me/cases/" + strconv.FormatInt(r.ID, 10), Number: r.Number,
		Status: statusText(ctx, r), Colour: statusColours[r.Status], Date: locales.T(ctx, "cases.submitted_on", dateOnly(r.SubmittedAt))}
	if r.Overdue(timeNow()) {
		row.Due = locales.T(ctx, "cases.overdue")
	} else if !r.Status.Final() && r.DueAt != nil {
		row.Due = locales.T(ctx, "cases.due", dateOnly(*r.DueAt))
	}
	return row
}

// ownCase loads the signed-in user's case from :id.
func (h *casesHandler) ownCase(c echo.Context) (cases.Case, error) {
	id, err := pathID(c)
	if err != nil {
		return cases.Case{}, err
	}
	return cases.GetForUser(c.Request().Context(), h.st, user(c).ID, id)
}

// casePage is GET /me/cases/{id}: progress, basics, materials, result and
// delivery; the actions open to the applicant.
func (h *casesHandler) casePage(c echo.Context) error {
	return h.renderCase(c, http.StatusOK, nil)
}

// withdraw is POST /me/cases/{id}/withdraw (before acceptance only).
func (h *casesHandler) withdraw(c echo.Context) error {
	cs, err := h.ownCase(c)
	if err != nil {
		return err
	}
	_, err = cases.Withdraw(c.Request().Context(), h.st, user(c).ID, cs.ID, formVersion(c))
	return h.afterApplicantAct(c, cs, err, "cases.withdrawn")
}

// resubmit is POST /me/cases/{id}/resubmit: corrections are uploaded.
func (h *casesHandler) resubmit(c echo.Context) error {
	cs, err := h.ownCase(c)
	if err != nil {
		return err
	}
	_, err = cases.Resubmit(c.Request().Context(), h.st, h.cal, user(c).ID, cs.ID, formVersion(c))
	if errors.Is(err, cases.ErrIncomplete) {
		return h.renderCase(c, http.StatusUnprocessableEntity, materialErrors{-1: locales.T(c.Request().Context(), "cases.correction.none")})
	}
	return h.afterApplicantAct(c, cs, err, "cases.resubmitted")
}

func (h *casesHandler) afterApplicantAct(c echo.Context, cs cases.Case, err error, flashKey string) error {
	href := "/me/cases/" + strconv.FormatInt(cs.ID, 10)
	if errors.Is(err, models.ErrConflict) || errors.Is(err, cases.ErrTransition) {
		return h.message(c, http.StatusConflict, "cases.stale.title", "cases.stale.case", "cases.stale.reload", href)
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(c.Request().Context(), flashKey), href)
}

// correctionUpload is POST /me/cases/{id}/corrections: a file for the
// current 补正 round.
func (h *casesHandler) correctionUpload(c echo.Context) error {
	ctx := c.Request().Context()
	cs, err := h.ownCase(c)
	if err != nil {
		return err
	}
	if cs.Status != cases.StatusCorrection {
		return h.message(c, http.StatusConflict, "cases.stale.title", "cases.stale.case", "cases.stale.reload", "/me/cases/"+strconv.FormatInt(cs.ID, 10))
	}
	item, err := cases.ItemFor(ctx, h.st, cs.ItemID)
	if err != nil {
		return err
	}
	at := cases.Attach{CaseID: cs.ID, Round: cases.CorrectionRound(ctx, h.st, cs.ID)}
	var mid int64
	var reason string
	if c.FormValue("licence_id") != "" {
		mid, reason, err = h.licenceTo(c, cases.Rules(item), at)
	} else {
		mid, reason, err = h.uploadTo(c, cases.Rules(item), at)
	}
	if err != nil {
		return err
	}
	if reason != "" {
		return h.renderCase(c, http.StatusUnprocessableEntity, materialErrors{mid: reason})
	}
	return flashAndGo(c, locales.T(ctx, "cases.materials.added"), "/me/cases/"+strconv.FormatInt(cs.ID, 10))
}

// file is GET /me/cases/{id}/files/{mid}: the applicant's own upload.
func (h *casesHandler) file(c echo.Context) error {
	cs, err := h.ownCase(c)
	if err != nil {
		return err
	}
	mid, err := strconv.ParseInt(c.Param("mid"), 10, 64)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	ms, err := cases.CaseMaterials(c.Request().Context(), h.st, cs.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.ID == mid && m.BlobKey != "" {
			return serveBlob(c, h, m.BlobKey, m.FileName)
		}
	}
	return echo.NewHTTPError(http.StatusNotFound)
}

// result is GET /me/cases/{id}/result: the result document.
func (h *casesHandler) result(c echo.Context) error {
	cs, err := h.ownCase(c)
	if err != nil {
		return err
	}
	if cs.ResultKey == "" {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return serveBlob(c, h, cs.ResultKey, cs.ResultName)
}

func serveBlob(c echo.Context, h *casesHandler, key, name string) error {
	rc, size, err := h.blobs.Open(c.Request().Context(), key)
	if err != nil {
		return err
	}
	defer rc.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(rc, head)
	rest := io.MultiReader(bytesReader(head[:n]), rc)
	mime := blobMIME(head[:n])
	hd := c.Response().Header()
	hd.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	hd.Set("Content-Length", strconv.FormatInt(size, 10))
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	return c.Stream(http.StatusOK, mime, rest)
}
