package admin

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/filingweb"
	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/models/messaging"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
	filingview "github.com/zwfw/portal/views/filing"
)

// filingsReview is the reviewers' side of mobile-client filing (C 0103
// 9.4, issue 11): the queue in the reviewer's scope, each filing with its
// files, and the a–i checklist with approve / refuse / request changes.
type filingsReview struct {
	*console
	svc   *filing.Service
	blobs blob.Store
}

const filingsPerPage = 30

// registerFilings adds /admin/filings (PermFilings: filing reviewers and
// platform admins).
func registerFilings(g *echo.Group, h *console, blobs blob.Store) {
	if blobs == nil {
		return
	}
	svc := filing.NewService(h.st, blobs, h.ref)
	msg := messaging.New(h.st)
	svc.Notify = func(ctx context.Context, user int64, tpl string, p map[string]string) error {
		_, err := msg.Send(ctx, user, tpl, p)
		return err
	}
	svc.OnNotifyError = func(err error) {
		if !errors.Is(err, messaging.ErrRateLimited) { // a dropped message is recorded already
			slog.Default().Warn("filing message not sent", "err", err)
		}
	}
	r := &filingsReview{console: h, svc: svc, blobs: blobs}
	p := staff.PermFilings
	g.GET("/filings", need(p, r.list))
	g.GET("/filings/:id", need(p, r.show))
	g.POST("/filings/:id/review", need(p, r.review))
	g.GET("/filings/:id/files/:key", need(p, r.file))
}

func filingURL(id int64) string { return "/admin/filings/" + strconv.FormatInt(id, 10) }

// list is GET /admin/filings?status=…: submitted filings first by default.
func (r *filingsReview) list(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	status := c.QueryParam("status")
	if status != "" && !slices.Contains(filing.Statuses, status) {
		status = ""
	}
	if _, given := c.QueryParams()["status"]; !given {
		status = filing.StatusSubmitted
	}
	pg := page(c)
	list, total, err := filing.ListScoped(ctx, r.st, s.Scope(), filing.ListFilter{Status: status, Offset: (pg - 1) * filingsPerPage, Limit: filingsPerPage})
	if err != nil {
		return err
	}
	title := locales.T(ctx, "filing.admin.title")
	p := admin.FilingsProps{Shell: r.shell(c, title, components.Crumb{Text: title}),
		Status: components.NewForm(url.Values{"status": {status}}).Field("status"), Count: locales.T(ctx, "admin.list.count", total),
		Empty: locales.T(ctx, "filing.admin.none"), Pagination: components.PaginationProps{BaseURL: "/admin/filings",
			Query: url.Values{"status": {status}}, Page: pg, Total: pages(total, filingsPerPage)}}
	p.Statuses = []components.SelectOption{{Value: "", Text: locales.T(ctx, "filing.admin.filter.all")}}
	for _, st := range filing.Statuses[1:] {
		p.Statuses = append(p.Statuses, components.SelectOption{Value: st, Text: locales.T(ctx, "filing.status."+st)})
	}
	p.Table = components.TableProps{Caption: title, Layout: components.TableStack, Head: []components.TableHead{
		{Text: locales.T(ctx, "filing.col.name")}, {Text: locales.T(ctx, "filing.col.org")}, {Text: locales.T(ctx, "filing.col.status")},
		{Text: locales.T(ctx, "filing.admin.revision"), Numeric: true}, {Text: locales.T(ctx, "filing.admin.submitted")}}}
	for _, f := range list {
		sub := ""
		if f.SubmittedAt != nil {
			sub = stamp(*f.SubmittedAt)
		}
		p.Table.Rows = append(p.Table.Rows, []components.TableCell{{Text: f.Name, Href: filingURL(f.ID)}, {Text: f.OrgName},
			{Text: locales.T(ctx, "filing.status."+f.Status)}, {Text: strconv.Itoa(f.Revision), Numeric: true}, {Text: sub}})
	}
	return web.Render(c, http.StatusOK, admin.Filings(r.chrome(c), p))
}

// load reads the path's filing inside the reviewer's scope (404 outside).
func (r *filingsReview) load(c echo.Context) (filing.Filing, error) {
	n, err := id(c, "id")
	if err != nil {
		return filing.Filing{}, err
	}
	s, _ := current(c)
	return filing.GetScoped(c.Request().Context(), r.st, s.Scope(), n)
}

// show is GET /admin/filings/{id}.
func (r *filingsReview) show(c echo.Context) error {
	f, err := r.load(c)
	if err != nil {
		return err
	}
	return r.render(c, http.StatusOK, f, components.NewForm(nil))
}

// review is POST /admin/filings/{id}/review: the checklist and decision.
// A missing result, an unexplained failure or a decision the checklist
// does not support answers 422 naming the fields; a filing no longer in
// review (decided meanwhile) answers 409 with the page as it is now.
func (r *filingsReview) review(c echo.Context) error {
	f, err := r.load(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	s, _ := current(c)
	vals := postedValues(c)
	d := filing.Decision{Decision: vals.Get("decision"), Note: vals.Get("note")}
	for _, it := range filing.ChecklistItems {
		ck := filing.Check{Item: it, Note: vals.Get("note_" + it)}
		switch vals.Get("check_" + it) {
		case "pass":
			ck.Passed = new(true)
		case "fail":
			ck.Passed = new(false)
		}
		d.Checks = append(d.Checks, ck)
	}
	err = r.svc.Review(ctx, filing.Reviewer{ID: s.ID, Scope: s.Scope(), Actor: s.Actor(c.RealIP())}, f.ID, d)
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		form := components.NewForm(vals)
		form.AddErrors(ctx, ve.Order, ve.Fields)
		return r.render(c, http.StatusUnprocessableEntity, f, form)
	case errors.Is(err, models.ErrConflict):
		f, _ = r.load(c)
		setFlash(c, locales.T(ctx, "filing.admin.conflict"))
		return r.render(c, http.StatusConflict, f, components.NewForm(nil))
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(ctx, "filing.admin.done"), filingURL(f.ID))
}

// file is GET /admin/filings/{id}/files/{key}: screenshots, icon, package.
func (r *filingsReview) file(c echo.Context) error {
	f, err := r.load(c)
	if err != nil {
		return err
	}
	file, err := filing.OpenFile(c.Request().Context(), r.st, r.blobs, f, c.Param("key"), true)
	if err != nil {
		return err
	}
	defer file.Close()
	hdr := c.Response().Header()
	hdr.Set("Cache-Control", "private, no-store")
	hdr.Set(echo.HeaderContentLength, strconv.FormatInt(file.Size, 10))
	if file.Download != "" {
		hdr.Set(echo.HeaderContentDisposition, `attachment; filename="`+file.Download+`"`)
	}
	return c.Stream(http.StatusOK, file.MIME, file)
}

// render maps the filing to the review page.
func (r *filingsReview) render(c echo.Context, status int, f filing.Filing, form *components.Form) error {
	ctx := c.Request().Context()
	shots, err := filing.Screenshots(ctx, r.st, f.ID)
	if err != nil {
		return err
	}
	base := filingURL(f.ID) + "/files/"
	title := f.Name
	p := admin.FilingReviewProps{Shell: r.shell(c, title, components.Crumb{Text: locales.T(ctx, "filing.admin.title"), Href: "/admin/filings"},
		components.Crumb{Text: title}), Name: title, Status: locales.T(ctx, "filing.status."+f.Status), StatusColour: filingweb.StatusColour[f.Status],
		Facts: filingweb.Facts(ctx, f, filingweb.Place(ctx, r.ref, f), false), Package: filingweb.PackageRows(ctx, f),
		Open: f.Status == filing.StatusSubmitted, Action: filingURL(f.ID) + "/review", Form: form}
	p.Errors = form.Summary()
	if f.PackageKey != "" {
		p.PackageURL = base + f.PackageKey
	}
	if f.IconKey != "" {
		p.IconURL = base + f.IconKey
	}
	for i, s := range shots {
		p.Shots = append(p.Shots, filingview.Shot{URL: base + s.BlobKey, Alt: locales.T(ctx, "filing.shot.alt", i+1)})
	}
	for _, it := range filing.ChecklistItems {
		p.Items = append(p.Items, admin.FilingCheckItem{Item: it, Label: locales.T(ctx, "filing.c94."+it)})
	}
	if p.History, err = filingweb.History(ctx, r.st, f.ID); err != nil {
		return err
	}
	return web.Render(c, status, admin.FilingReview(r.chrome(c), p))
}
