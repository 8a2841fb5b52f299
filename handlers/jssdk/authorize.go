package jssdk

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	appsview "github.com/zwfw/portal/views/apps"
)

// flow is one request of the redirect flow, checked: the app exists and
// the return address belongs to it, so answers may be sent there.
type flow struct {
	app         apps.App
	redirectURI string
	state       string
	action      string // getTicket | loginapp | logout
	container   bool   // consent asked from the container: go back to /apps/{id}
}

// Redirect-flow result parameters, prefixed so they never clash with the
// app's own query (sdk/PROTOCOL.md §JSSDK).
const (
	pTicket  = "zwjs_ticket"
	pResult  = "zwjs_result"
	pCode    = "zwjs_code"
	pState   = "zwjs_state"
	pAction  = "zwjs_action"
	maxState = 256
)

// readFlow validates the flow parameters from the query or the form. A
// problem here is shown on the portal, never sent to an unverified address.
func (h *handler) readFlow(c echo.Context) (flow, error) {
	ctx := c.Request().Context()
	f := flow{redirectURI: c.FormValue("redirect_uri"), state: c.FormValue("state"), action: c.FormValue("action"),
		container: c.FormValue("container") == "1"}
	if f.action != "loginapp" && f.action != "logout" {
		f.action = "getTicket"
	}
	a, err := apps.ByKey(ctx, h.Apps.St, c.FormValue("app_id"))
	if errors.Is(err, models.ErrNotFound) {
		return f, h.problem(c, http.StatusBadRequest, "unknown_app")
	}
	if err != nil {
		return f, err
	}
	f.app = a
	if len(f.state) > maxState {
		return f, h.problem(c, http.StatusBadRequest, "bad_state")
	}
	if f.container {
		f.redirectURI = ""
		return f, nil
	}
	if o := apps.OriginOf(f.redirectURI); o == "" || !a.AllowsOrigin(o) {
		return f, h.problem(c, http.StatusBadRequest, "bad_redirect")
	}
	return f, nil
}

func (h *handler) problem(c echo.Context, status int, key string) error {
	ctx := c.Request().Context()
	return web.Render(c, status, appsview.Problem(h.Site.Chrome(c), appsview.ProblemProps{Status: status,
		Title: locales.T(ctx, "apps.problem."+key+".title"), Message: locales.T(ctx, "apps.problem."+key)}))
}

// back answers the app: 303 to its return address with the result, or to
// the container page.
func (f flow) back(c echo.Context, result map[string]string) error {
	if f.container {
		return web.SeeOther(c, "/apps/"+strconv.FormatInt(f.app.ID, 10))
	}
	u, _ := url.Parse(f.redirectURI)
	q := u.Query()
	for k, v := range result {
		q.Set(k, v)
	}
	q.Set(pState, f.state)
	q.Set(pAction, f.action)
	u.RawQuery = q.Encode()
	return web.SeeOther(c, u.String())
}

func (f flow) fail(c echo.Context, code string) error {
	return f.back(c, map[string]string{pResult: "false", pCode: code})
}

// authorize is GET /jssdk/authorize?app_id=…&redirect_uri=…&state=…
// [&action=loginapp]: login if needed → consent → back with a ticket.
func (h *handler) authorize(c echo.Context) error {
	f, err := h.readFlow(c)
	if err != nil || c.Response().Committed {
		return err
	}
	ctx := c.Request().Context()
	uid, loggedIn := h.CurrentUser(c)
	if loggedIn && f.action == "loginapp" {
		// C 0103 8.3.2.4: already signed in is reported, not repeated.
		return f.fail(c, "already_logged_in")
	}
	if f.app.Type != apps.TypeIdentity {
		return f.fail(c, apps.ErrAppOpen.Code) // 8.3.1: a 完全开放 app gets no identity
	}
	if !f.app.Serving() {
		return f.fail(c, apps.ErrAppOffline.Code) // no point signing in for an app that is offline
	}
	if !loggedIn {
		q := c.QueryParams()
		q.Set("action", "getTicket") // after signing in, carry on to the ticket
		return web.SeeOther(c, "/login?return_to="+url.QueryEscape("/jssdk/authorize?"+q.Encode()))
	}
	err = h.Apps.CanIssue(ctx, f.app, uid)
	if errors.Is(err, apps.ErrConsentRequired) {
		allowFormTarget(c, f)
		return web.Render(c, http.StatusOK, appsview.Consent(h.Site.Chrome(c), consentProps(ctx, f)))
	}
	return h.finish(c, f, uid, err)
}

// finish issues the ticket and goes back, or reports why not.
func (h *handler) finish(c echo.Context, f flow, uid int64, err error) error {
	var ae *apps.APIError
	if errors.As(err, &ae) {
		return f.fail(c, ae.Code)
	}
	if err != nil {
		return err
	}
	if f.container {
		return f.back(c, nil)
	}
	ticket, err := h.Apps.IssueTicket(c.Request().Context(), f.app, uid)
	if errors.As(err, &ae) {
		return f.fail(c, ae.Code)
	}
	if err != nil {
		return err
	}
	return f.back(c, map[string]string{pResult: "true", pTicket: ticket})
}

// decide is POST /jssdk/authorize: the user allows or refuses (图1 用户是否
// 授权; a refusal ends the flow: 用户拒绝授权 → 结束).
func (h *handler) decide(c echo.Context) error {
	f, err := h.readFlow(c)
	if err != nil || c.Response().Committed {
		return err
	}
	uid, ok := h.CurrentUser(c)
	if !ok {
		return web.SeeOther(c, "/login")
	}
	if c.FormValue("decision") != "allow" {
		return f.fail(c, "consent_denied")
	}
	if err := h.Apps.GrantConsent(c.Request().Context(), uid, f.app); err != nil {
		return h.finish(c, f, uid, err)
	}
	return h.finish(c, f, uid, h.Apps.CanIssue(c.Request().Context(), f.app, uid))
}

// consentProps describes what the app would receive.
func consentProps(ctx context.Context, f flow) appsview.ConsentProps {
	p := appsview.ConsentProps{AppName: f.app.Name, OwnerOrg: f.app.OwnerOrg, AppID: f.app.Key(), RedirectURI: f.redirectURI,
		State: f.state, Action: f.action, Container: f.container}
	for _, k := range []string{"name", "id", "mobile", "level", "type", "org"} {
		p.Shared = append(p.Shared, locales.T(ctx, "apps.consent.item."+k))
	}
	return p
}

// ConsentProps is consentProps for the container page.
func ConsentProps(ctx context.Context, a apps.App) appsview.ConsentProps {
	return consentProps(ctx, flow{app: a, container: true, action: "getTicket"})
}

// logoutForm is GET /jssdk/logout: confirm signing out (8.3.2.5, top level).
func (h *handler) logoutForm(c echo.Context) error {
	f, err := h.readFlow(c)
	if err != nil || c.Response().Committed {
		return err
	}
	f.action = "logout"
	if _, ok := h.CurrentUser(c); !ok {
		return f.back(c, map[string]string{pResult: "true"})
	}
	allowFormTarget(c, f)
	cancel, _ := url.Parse(f.redirectURI)
	q := cancel.Query()
	q.Set(pResult, "false")
	q.Set(pCode, "logout_cancelled")
	q.Set(pState, f.state)
	q.Set(pAction, "logout")
	cancel.RawQuery = q.Encode()
	return web.Render(c, http.StatusOK, appsview.Logout(h.Site.Chrome(c), appsview.LogoutProps{AppName: f.app.Name,
		AppID: f.app.Key(), RedirectURI: f.redirectURI, State: f.state, CancelURL: cancel.String()}))
}

// logout is POST /jssdk/logout.
func (h *handler) logout(c echo.Context) error {
	f, err := h.readFlow(c)
	if err != nil || c.Response().Committed {
		return err
	}
	f.action = "logout"
	if err := h.Logout(c); err != nil {
		return err
	}
	return f.back(c, map[string]string{pResult: "true"})
}

// allowFormTarget lets the page's form be answered by a redirect to the
// app: CSP form-action also governs where a form submission redirects.
func allowFormTarget(c echo.Context, f flow) {
	if o := apps.OriginOf(f.redirectURI); o != "" {
		c.Response().Header().Set("Content-Security-Policy",
			strings.Replace(web.ContentSecurityPolicy, "form-action 'self'", "form-action 'self' "+o, 1))
	}
}
