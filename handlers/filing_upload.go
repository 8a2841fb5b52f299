package handlers

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/filing"
)

// upload runs one file upload of the filing page: the file of the form
// field goes to put; a refused file re-renders the page with 422 and the
// message next to the input (9.4 g); a file cannot be kept, and the
// message says to choose it again.
func (h *filingHandler) upload(c echo.Context, field, done string, put func(f filing.Filing, r io.Reader) error) error {
	f, err := h.owned(c)
	if err != nil {
		return err
	}
	if !f.Editable() {
		return flashAndRedirect(c, "filing.flash.locked", filingPath(f.ID))
	}
	fh, err := c.FormFile(field)
	if err != nil || fh.Size == 0 {
		ve := &models.ValidationError{}
		ve.Add(field, "filing.err."+field+".required")
		return h.renderShow(c, f, http.StatusUnprocessableEntity, ve)
	}
	file, err := fh.Open()
	if err != nil {
		return err
	}
	defer file.Close()
	err = put(f, file)
	if ve := (*models.ValidationError)(nil); errors.As(err, &ve) {
		return h.renderShow(c, f, http.StatusUnprocessableEntity, ve)
	}
	if errors.Is(err, models.ErrConflict) {
		return flashAndRedirect(c, "filing.flash.locked", filingPath(f.ID))
	}
	if err != nil {
		return err
	}
	return flashAndRedirect(c, done, filingPath(f.ID)+"#"+field)
}

// uploadIcon is POST /developer/filings/{id}/icon (5.2).
func (h *filingHandler) uploadIcon(c echo.Context) error {
	return h.upload(c, "icon", "filing.flash.icon", func(f filing.Filing, r io.Reader) error {
		return h.svc.SetIcon(c.Request().Context(), f.OwnerUserID, f.ID, r)
	})
}

// uploadScreenshot is POST /developer/filings/{id}/screenshots (5.3 a).
func (h *filingHandler) uploadScreenshot(c echo.Context) error {
	return h.upload(c, "screenshot", "filing.flash.screenshot", func(f filing.Filing, r io.Reader) error {
		return h.svc.AddScreenshot(c.Request().Context(), f.OwnerUserID, f.ID, r)
	})
}

// uploadPackage is POST /developer/filings/{id}/package (9.1: APK or IPA).
func (h *filingHandler) uploadPackage(c echo.Context) error {
	return h.upload(c, "package", "filing.flash.package", func(f filing.Filing, r io.Reader) error {
		return h.svc.SetPackage(c.Request().Context(), f.OwnerUserID, f.ID, r)
	})
}

// deleteScreenshot is POST /developer/filings/{id}/screenshots/{shot}/delete.
func (h *filingHandler) deleteScreenshot(c echo.Context) error {
	f, err := h.owned(c)
	if err != nil {
		return err
	}
	shot, err := strconv.ParseInt(c.Param("shot"), 10, 64)
	if err != nil {
		return models.ErrNotFound
	}
	err = h.svc.RemoveScreenshot(c.Request().Context(), f.OwnerUserID, f.ID, shot)
	if errors.Is(err, models.ErrConflict) {
		return flashAndRedirect(c, "filing.flash.locked", filingPath(f.ID))
	}
	if err != nil {
		return err
	}
	return flashAndRedirect(c, "filing.flash.removed", filingPath(f.ID)+"#screenshot")
}

// ownerFile is GET /developer/filings/{id}/files/{key}: the organisation's
// own icon, screenshots and package.
func (h *filingHandler) ownerFile(c echo.Context) error {
	f, err := h.owned(c)
	if err != nil {
		return err
	}
	return serveFilingFile(c, h.st, h.blobs, f, c.Param("key"), true)
}

// serveFilingFile streams one stored file of the filing (404 unless it is
// one of the filing's): images inline, packages as a download.
func serveFilingFile(c echo.Context, st *models.Store, blobs blob.Store, f filing.Filing, key string, withPackage bool) error {
	file, err := filing.OpenFile(c.Request().Context(), st, blobs, f, key, withPackage)
	if err != nil {
		return err
	}
	defer file.Close()
	hdr := c.Response().Header()
	hdr.Set("Cache-Control", "private, max-age=3600")
	hdr.Set(echo.HeaderContentLength, strconv.FormatInt(file.Size, 10))
	if file.Download != "" {
		hdr.Set(echo.HeaderContentDisposition, `attachment; filename="`+file.Download+`"`)
	}
	return c.Stream(http.StatusOK, file.MIME, file)
}
