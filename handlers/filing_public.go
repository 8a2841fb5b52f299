package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/filingweb"
	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/filing"
	filingview "github.com/zwfw/portal/views/filing"
)

// publicList is GET /filings: approved mobile clients (9.1 审核确认后方可上线).
func (h *filingHandler) publicList(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := filing.Approved(ctx, h.st, 200)
	if err != nil {
		return err
	}
	var p filingview.PublicListProps
	for _, f := range list {
		r := h.row(ctx, f, "/filings/"+strconv.FormatInt(f.ID, 10))
		r.Updated = ""
		if f.DecidedAt != nil {
			r.Updated = dateOnly(*f.DecidedAt)
		}
		p.Rows = append(p.Rows, r)
	}
	return web.Render(c, http.StatusOK, filingview.PublicList(h.site.Chrome(c), p))
}

// publicShow is GET /filings/{id}: one approved client, contacts masked.
func (h *filingHandler) publicShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := filing.GetApproved(ctx, h.st, id)
	if err != nil {
		return err
	}
	shots, err := filing.Screenshots(ctx, h.st, f.ID)
	if err != nil {
		return err
	}
	base := "/filings/" + strconv.FormatInt(f.ID, 10) + "/files/"
	p := filingview.PublicShowProps{Name: f.Name, Facts: append(h.facts(ctx, f, true), filingweb.PackageRows(ctx, f)...)}
	if f.IconKey != "" {
		p.IconURL = base + f.IconKey
	}
	for i, s := range shots {
		p.Shots = append(p.Shots, filingview.Shot{URL: base + s.BlobKey, Alt: locales.T(ctx, "filing.shot.alt", i+1)})
	}
	return web.Render(c, http.StatusOK, filingview.PublicShow(h.site.Chrome(c), p))
}

// publicFile is GET /filings/{id}/files/{key}: an approved client's icon
// and screenshots (never its package: the SM3 digest is published instead).
func (h *filingHandler) publicFile(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f, err := filing.GetApproved(c.Request().Context(), h.st, id)
	if err != nil {
		return err
	}
	return serveFilingFile(c, h.st, h.blobs, f, c.Param("key"), false)
}
