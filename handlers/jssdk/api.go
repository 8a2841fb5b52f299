package jssdk

import (
	"encoding/json"
	"io"
	"net"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models/apps"
)

// maxBody bounds what the web service reads before checking a signature.
const maxBody = 64 << 10

type apiRequest struct {
	AppID  string `json:"app_id"`
	Ticket string `json:"ticket"`
	Token  string `json:"token"`
}

// authenticate reads the body, decodes it and checks the caller by SM2
// signature or whitelist (8.3.4.4).
func (h *handler) authenticate(c echo.Context) (apps.App, apiRequest, error) {
	var in apiRequest
	r := c.Request()
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody || json.Unmarshal(body, &in) != nil {
		return apps.App{}, in, apps.ErrBadRequest
	}
	a, err := h.Apps.Authenticate(r.Context(), apps.Request{Method: r.Method, Path: r.URL.Path, Body: body,
		AppKey: r.Header.Get("X-App-Id"), Timestamp: r.Header.Get("X-Timestamp"), Nonce: r.Header.Get("X-Nonce"),
		Signature: r.Header.Get("X-Signature"), RemoteIP: net.ParseIP(c.RealIP())}, in.AppID)
	return a, in, err
}

// verify is POST /api/v1/jssdk/ticket/verify {app_id, ticket} →
// {token, expires_in, trust_level} (图1 票据认证).
func (h *handler) verify(c echo.Context) error {
	a, in, err := h.authenticate(c)
	if err != nil {
		return apiError(c, err)
	}
	g, err := h.Apps.VerifyTicket(c.Request().Context(), a, in.Ticket)
	if err != nil {
		return apiError(c, err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, g)
}

// userinfo is POST /api/v1/jssdk/token/userinfo {app_id, token} →
// {alg: "SM4-GCM", data} (图1 token认证 → 生成用户信息).
func (h *handler) userinfo(c echo.Context) error {
	a, in, err := h.authenticate(c)
	if err != nil {
		return apiError(c, err)
	}
	s, err := h.Apps.UserInfoFor(c.Request().Context(), a, in.Token)
	if err != nil {
		return apiError(c, err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, s)
}

// stats is POST /api/v1/jssdk/stats, the beacon the JSSDK sends from an
// app's page at the top level: {app_id, kind: "view"|"error"}. It counts
// only for online apps and only from their registered origins; it always
// answers 204 so it reveals nothing.
func (h *handler) stats(c echo.Context) error {
	var in struct {
		AppID string `json:"app_id"`
		Kind  string `json:"kind"`
	}
	body, _ := io.ReadAll(io.LimitReader(c.Request().Body, 1024))
	if json.Unmarshal(body, &in) != nil {
		return c.NoContent(http.StatusNoContent)
	}
	ctx := c.Request().Context()
	a, err := apps.ByKey(ctx, h.Apps.St, in.AppID)
	if err != nil || a.Status != apps.Online || !a.AllowsOrigin(c.Request().Header.Get("Origin")) {
		return c.NoContent(http.StatusNoContent)
	}
	uid, _ := h.CurrentUser(c)
	switch in.Kind {
	case "view":
		err = h.Apps.RecordView(ctx, a, uid)
	case "error":
		err = h.Apps.RecordError(ctx, a)
	}
	if err != nil {
		web.Logger(c).Warn("app statistics", "err", err)
	}
	return c.NoContent(http.StatusNoContent)
}
