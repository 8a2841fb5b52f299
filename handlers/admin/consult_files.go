package admin

import (
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/models/blob"
)

// file is GET /admin/complaints/{id}/files/{file}: a screenshot or photo
// of a complaint inside the staff member's scope (404 otherwise).
func (h *consultConsole) file(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	cid, err := id(c, "id")
	if err != nil {
		return err
	}
	fid, err := id(c, "file")
	if err != nil {
		return err
	}
	if _, err := h.svc.StaffComplaint(ctx, s.Scope(), cid); err != nil {
		return err
	}
	files, err := h.svc.Files(ctx, cid)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.ID != fid || h.blob == nil {
			continue
		}
		r, size, err := h.blob.Open(ctx, f.BlobKey)
		if err != nil {
			return err
		}
		defer r.Close()
		hd := c.Response().Header()
		hd.Set(echo.HeaderContentType, blob.Kind(f.Kind).MIME())
		hd.Set(echo.HeaderContentLength, strconv.FormatInt(size, 10))
		hd.Set("Cache-Control", "private, no-store")
		hd.Set("X-Content-Type-Options", "nosniff")
		c.Response().WriteHeader(http.StatusOK)
		_, err = io.Copy(c.Response(), r)
		return err
	}
	return echo.NewHTTPError(http.StatusNotFound)
}
