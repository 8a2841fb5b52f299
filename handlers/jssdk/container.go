package jssdk

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/models/apps"
)

// The container page's script (static/js/70-apps.js) relays the framed
// app's JSSDK calls here by same-origin fetch with the CSRF token. It
// passes the origin the message came from; the origin is checked again
// here, so a frame that navigated elsewhere, or a forged message that got
// past the script, gets origin_forbidden.

type containerRequest struct {
	AppID  string `json:"app_id"`
	Origin string `json:"origin"`
	Method string `json:"method"` // getTicket | loginapp
}

// containerAnswer is what the container hands back to the app's JSSDK:
// the data of C 0103 8.3.2.3 plus a code and what the container should do
// next (login: go to the sign-in page; consent: show the consent panel).
type containerAnswer struct {
	Ticket  string `json:"ticket"`
	Result  string `json:"result"`
	Message string `json:"message"`
	Code    string `json:"code,omitempty"`
	Next    string `json:"next,omitempty"`
}

func (h *handler) containerApp(c echo.Context) (apps.App, containerRequest, error) {
	var in containerRequest
	if err := c.Bind(&in); err != nil {
		return apps.App{}, in, apps.ErrBadRequest
	}
	a, err := apps.ByKey(c.Request().Context(), h.Apps.St, in.AppID)
	if err != nil {
		return apps.App{}, in, apps.ErrAppUnknown
	}
	if !a.AllowsOrigin(in.Origin) {
		return a, in, apps.ErrOriginForbidden
	}
	return a, in, nil
}

func (h *handler) answer(c echo.Context, err error, ticket string) error {
	if err == nil {
		return c.JSON(http.StatusOK, containerAnswer{Ticket: ticket, Result: "true"})
	}
	var ae *apps.APIError
	if !errors.As(err, &ae) {
		return err
	}
	out := containerAnswer{Result: "false", Code: ae.Code, Message: Message(c, ae.Code)}
	switch ae {
	case apps.ErrNotLoggedIn:
		out.Next = "login"
	case apps.ErrConsentRequired:
		out.Next = "consent"
	}
	return c.JSON(http.StatusOK, out)
}

// alreadyLoggedIn is the code of C 0103 8.3.2.4's answer for loginapp
// when the user is signed in already.
var alreadyLoggedIn = &apps.APIError{Code: "already_logged_in", Status: http.StatusOK}

// containerTicket is POST /jssdk/container/ticket (getTicket, loginapp).
func (h *handler) containerTicket(c echo.Context) error {
	a, in, err := h.containerApp(c)
	if err != nil {
		return h.answer(c, err, "")
	}
	uid, loggedIn := h.CurrentUser(c)
	switch {
	case in.Method == "loginapp" && loggedIn:
		return h.answer(c, alreadyLoggedIn, "")
	case a.Type != apps.TypeIdentity:
		return h.answer(c, apps.ErrAppOpen, "")
	case !loggedIn:
		return h.answer(c, apps.ErrNotLoggedIn, "")
	}
	ticket, err := h.Apps.IssueTicket(c.Request().Context(), a, uid)
	return h.answer(c, err, ticket)
}

// containerConsent is POST /jssdk/container/consent: the user allowed the
// app in the container's consent panel; the pending getTicket goes on.
func (h *handler) containerConsent(c echo.Context) error {
	a, _, err := h.containerApp(c)
	if err != nil {
		return h.answer(c, err, "")
	}
	uid, ok := h.CurrentUser(c)
	if !ok {
		return h.answer(c, apps.ErrNotLoggedIn, "")
	}
	if err := h.Apps.GrantConsent(c.Request().Context(), uid, a); err != nil {
		return h.answer(c, err, "")
	}
	ticket, err := h.Apps.IssueTicket(c.Request().Context(), a, uid)
	return h.answer(c, err, ticket)
}

// containerLogout is POST /jssdk/container/logout (8.3.2.5).
func (h *handler) containerLogout(c echo.Context) error {
	if _, _, err := h.containerApp(c); err != nil {
		return h.answer(c, err, "")
	}
	if err := h.Logout(c); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, containerAnswer{Result: "true"})
}
