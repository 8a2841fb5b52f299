package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/views/errors"
)

// StatusOf maps an error to the status the visitor gets. Out-of-scope
// records are ErrNotFound in models, so nothing leaks by status code.
func StatusOf(err error) int {
	var he *echo.HTTPError
	var ve *models.ValidationError
	switch {
	case errors.As(err, &he):
		return he.Code
	case errors.Is(err, models.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, models.ErrForbidden):
		return http.StatusForbidden
	case errors.Is(err, models.ErrConflict):
		return http.StatusConflict
	case errors.As(err, &ve):
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// ErrorHandler renders a localized error page with the request ID and never
// the error text; server errors are logged once here, at the edge.
func ErrorHandler(site *Site) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status := StatusOf(err)
		if status >= 500 {
			Logger(c).Error("request failed", "status", status, "err", err)
		}
		if wantsJSON(c) {
			_ = c.JSON(status, map[string]any{"error": http.StatusText(status), "request_id": RequestID(c)})
			return
		}
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		page := errorspage.Page(site.Chrome(c), errorspage.Props{Status: status, RequestID: RequestID(c)})
		if rerr := Render(c, status, page); rerr != nil {
			Logger(c).Error("error page failed", "err", rerr)
			_ = c.String(status, http.StatusText(status))
		}
	}
}

func wantsJSON(c echo.Context) bool { return isAPI(c.Request().URL.Path) }

// isAPI reports whether path is a machine-to-machine JSON API (the signed
// /api/v1 web service or the interface gateway): such callers get JSON
// errors, authenticate by signature instead of CSRF tokens, and are limited
// by their own per-app rules rather than the browser POST budget.
func isAPI(p string) bool { return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/gateway/") }
