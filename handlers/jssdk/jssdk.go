package jssdk

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/apps"
)

// Deps is what the JSSDK needs from handlers.New.
type Deps struct {
	Site *web.Site
	Apps *apps.Service
	// CurrentUser returns the signed-in account's id (the accounts feature
	// owns sessions).
	CurrentUser func(c echo.Context) (int64, bool)
	// Logout ends the visitor's session (the accounts feature's logout).
	Logout func(c echo.Context) error
}

type handler struct {
	Deps
}

// Register adds the JSSDK routes to e.
func Register(e *echo.Echo, d Deps) {
	if d.Logout == nil {
		d.Logout = web.DestroySession
	}
	h := &handler{Deps: d}
	e.POST("/api/v1/jssdk/ticket/verify", h.verify)
	e.POST("/api/v1/jssdk/token/userinfo", h.userinfo)
	e.POST("/api/v1/jssdk/stats", h.stats)

	e.GET("/jssdk/authorize", h.authorize)
	e.POST("/jssdk/authorize", h.decide)
	e.GET("/jssdk/logout", h.logoutForm)
	e.POST("/jssdk/logout", h.logout)
	e.POST("/jssdk/container/ticket", h.containerTicket)
	e.POST("/jssdk/container/consent", h.containerConsent)
	e.POST("/jssdk/container/logout", h.containerLogout)

	e.GET("/me/authorizations", h.authorizations)
	e.POST("/me/authorizations/:app/revoke", h.revoke)
}

// apiError answers a refusal as JSON with its stable code.
func apiError(c echo.Context, err error) error {
	var ae *apps.APIError
	if !errors.As(err, &ae) {
		web.Logger(c).Error("jssdk request failed", "err", err)
		ae = &apps.APIError{Code: "internal_error", Status: http.StatusInternalServerError}
	}
	return c.JSON(ae.Status, map[string]string{"code": ae.Code, "message": Message(c, ae.Code),
		"request_id": web.RequestID(c)})
}

// Message is the human text of an error code.
func Message(c echo.Context, code string) string {
	return locales.T(c.Request().Context(), "apps.api."+code)
}
