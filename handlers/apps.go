package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/jssdk"
	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
	appsview "github.com/zwfw/portal/views/apps"
)

// appsHandler serves the embedded apps (C 0103 8.3, issue 9): the container
// page /apps/{id} and the developer area; handlers/jssdk serves the JSSDK
// flow and the web service.
type appsHandler struct {
	site    *web.Site
	st      *models.Store
	svc     *apps.Service
	checker *apps.Checker
	user    func(c echo.Context) (users.User, bool)
}

func registerApps(app *App, d Deps) {
	svc, err := apps.NewService(d.Store, d.Options.SecretKey, nil)
	if err != nil {
		d.Logger.Error("embedded apps disabled", "err", err)
		return
	}
	h := &appsHandler{site: app.Site, st: d.Store, svc: svc, checker: apps.NewChecker(!d.Options.Prod),
		user: func(c echo.Context) (users.User, bool) { return appsUser(c, d.Store) }}
	jssdk.Register(app.Echo, jssdk.Deps{Site: app.Site, Apps: svc, CurrentUser: func(c echo.Context) (int64, bool) {
		u, ok := h.user(c)
		return u.ID, ok
	}})
	app.Echo.GET("/apps/:id", h.container)
	h.registerDeveloper(app.Echo)
}

// appsUser is the signed-in account. The accounts feature loads it for
// most paths but skips /jssdk/ (skipAccount), where the JSSDK flow needs
// it: there it is read from the session here, with the same checks
// (active account, current session epoch).
func appsUser(c echo.Context, st *models.Store) (users.User, bool) {
	if u, ok := currentUser(c); ok {
		return u, true
	}
	if _, err := c.Cookie(web.SessionCookie); err != nil {
		return users.User{}, false
	}
	sess := web.Session(c)
	id, ok := sess.Values[sessUser].(int64)
	if !ok {
		return users.User{}, false
	}
	u, err := users.Get(c.Request().Context(), st, id)
	epoch, _ := sess.Values[sessEpoch].(int)
	if err != nil || !u.Active() || u.SessionEpoch != epoch {
		return users.User{}, false
	}
	c.Set(ctxUser, u)
	return u, true
}

// container is GET /apps/{id}: the app under the portal's title bar in a
// sandboxed frame, or at the top level when it cannot be framed.
func (h *appsHandler) container(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	a, err := apps.Get(ctx, h.st, id)
	if err != nil {
		return err
	}
	u, loggedIn := h.user(c)
	switch {
	case a.Status == apps.Offline || a.Status == apps.Rectifying:
		return web.Render(c, http.StatusGone, appsview.Problem(h.site.Chrome(c), appsview.ProblemProps{Status: http.StatusGone,
			Title: locales.T(ctx, "apps.container.offline.title"), Message: locales.T(ctx, "apps.container.offline", a.Name)}))
	case a.Status == apps.Online:
	case a.Serving() && loggedIn && a.OwnedBy(u.ID): // test mode: the owner only (图2 应用上传与调试)
	default:
		return echo.ErrNotFound
	}
	if err := h.svc.RecordView(ctx, a, u.ID); err != nil {
		web.Logger(c).Warn("app statistics", "err", err)
	}
	recordFootprint(c, usercenter.Footprint{Kind: usercenter.FootApp, Ref: strconv.FormatInt(a.ID, 10), Title: a.Name,
		URL: "/apps/" + strconv.FormatInt(a.ID, 10)})
	if !a.Frameable {
		return c.Redirect(http.StatusSeeOther, a.EntryURL)
	}
	p := appsview.ContainerProps{ID: a.ID, AppKey: a.Key(), AppName: a.Name, OwnerOrg: a.OwnerOrg, EntryURL: a.EntryURL,
		Origins: strings.Join(a.OriginList(), " "), CloseURL: closeURL(c, a), TestMode: a.Status != apps.Online,
		ShareURL: c.Scheme() + "://" + c.Request().Host + "/apps/" + strconv.FormatInt(a.ID, 10),
		RateURL:  "/evaluations/app?app=" + strconv.FormatInt(a.ID, 10),
		LoggedIn: loggedIn, LoginURL: "/login?return_to=%2Fapps%2F" + strconv.FormatInt(a.ID, 10),
		Identity: a.Type == apps.TypeIdentity}
	if p.Identity && loggedIn {
		if p.Consented, err = h.svc.HasConsent(ctx, u.ID, a.ID); err != nil {
			return err
		}
		p.Consent = jssdk.ConsentProps(ctx, a)
	}
	// The page may frame exactly the app's registered origins.
	c.Response().Header().Set("Content-Security-Policy", strings.Replace(web.ContentSecurityPolicy,
		"frame-src 'self'", "frame-src 'self' "+strings.Join(a.OriginList(), " "), 1))
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusOK, appsview.Container(h.site.Chrome(c), p))
}

// closeURL leaves the container for where the visitor came from (a
// same-site return_to) or the app's sub-site.
func closeURL(c echo.Context, a apps.App) string {
	fallback := "/"
	if a.SiteCode != "" {
		fallback = "/sites/" + a.SiteCode
	}
	return web.SafeReturn(c.QueryParam("return_to"), fallback)
}

// notFoundAsErr keeps models.ErrNotFound a 404 through echo.
func notFoundAsErr(err error) error {
	if errors.Is(err, models.ErrNotFound) {
		return echo.ErrNotFound
	}
	return err
}
