package jssdk

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	appsview "github.com/zwfw/portal/views/apps"
)

var beijing = time.FixedZone("CST", 8*3600)

const flashKey = "apps.flash"

// authorizations is GET /me/authorizations: the apps the user authorised
// (图1 用户是否授权, remembered and revocable).
func (h *handler) authorizations(c echo.Context) error {
	uid, ok := h.CurrentUser(c)
	if !ok {
		return web.SeeOther(c, "/login?return_to="+url.QueryEscape("/me/authorizations"))
	}
	ctx := c.Request().Context()
	list, err := h.Apps.Authorizations(ctx, uid, 100)
	if err != nil {
		return err
	}
	p := appsview.AuthorizationsProps{}
	sess := web.Session(c)
	if f, ok := sess.Values[flashKey].(string); ok {
		p.Flash = f
		delete(sess.Values, flashKey)
		if err := web.SaveSession(c); err != nil {
			return err
		}
	}
	for _, a := range list {
		p.Items = append(p.Items, appsview.Authorization{AppName: a.AppName, OwnerOrg: a.OwnerOrg,
			GrantedAt: a.GrantedAt.In(beijing).Format("2006-01-02 15:04"),
			RevokeURL: "/me/authorizations/" + strconv.FormatInt(a.AppID, 10) + "/revoke"})
	}
	return web.Render(c, http.StatusOK, appsview.Authorizations(h.Site.Chrome(c), p))
}

// revoke is POST /me/authorizations/{app}/revoke. Another user's or an
// unknown authorisation is a 404.
func (h *handler) revoke(c echo.Context) error {
	uid, ok := h.CurrentUser(c)
	if !ok {
		return web.SeeOther(c, "/login?return_to="+url.QueryEscape("/me/authorizations"))
	}
	appID, err := strconv.ParseInt(c.Param("app"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	if err := h.Apps.RevokeConsent(c.Request().Context(), uid, appID); errors.Is(err, models.ErrNotFound) {
		return echo.ErrNotFound
	} else if err != nil {
		return err
	}
	web.Session(c).Values[flashKey] = locales.T(c.Request().Context(), "apps.auth.revoked")
	if err := web.SaveSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, "/me/authorizations")
}
