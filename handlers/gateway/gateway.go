// Package gateway serves the unified gateway /gateway/{interface_code}
// (C 0103 8.3.4, issue 10): JSON only, every answer the source's reply or
// a process_response envelope; and the citizen's "who used my data" page
// /me/data-use listing the gateway calls made with their token. The rules
// live in models/gateway.
package gateway

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	gw "github.com/zwfw/portal/models/gateway"
	gwview "github.com/zwfw/portal/views/gateway"
)

// MaxRequestBody is the largest request body the gateway forwards.
const MaxRequestBody = 1 << 20

// Deps is what the gateway needs from handlers.New.
type Deps struct {
	Site    *web.Site
	Store   *models.Store
	Gateway *gw.Service
	// CurrentUser returns the signed-in citizen's id (accounts feature).
	CurrentUser func(c echo.Context) (int64, bool)
}

type handler struct{ Deps }

// Register adds the gateway and the data-use page to e.
func Register(e *echo.Echo, d Deps) {
	h := &handler{Deps: d}
	e.Any("/gateway/:code", h.call)
	e.GET("/me/data-use", h.dataUse)
}

// call is ANY /gateway/{code}: the method is checked against the
// interface's, so a wrong one gets the envelope too.
func (h *handler) call(c echo.Context) error {
	r := c.Request()
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxRequestBody+1))
	if err != nil || len(body) > MaxRequestBody {
		return send(c, http.StatusRequestEntityTooLarge, gw.ErrTooLarge.JSON(time.Now()))
	}
	start := time.Now()
	res := h.Gateway.Handle(r.Context(), gw.Call{Code: c.Param("code"), Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		Body: body, AppKey: r.Header.Get("X-App-Id"), Timestamp: r.Header.Get("X-Timestamp"), Nonce: r.Header.Get("X-Nonce"),
		Signature: r.Header.Get("X-Signature"), UserToken: r.Header.Get("X-User-Token"), RemoteIP: net.ParseIP(c.RealIP()),
		RequestID: web.RequestID(c)})
	if res.Failure == gw.ErrInternal {
		web.Logger(c).Error("gateway call failed", "interface", c.Param("code"))
	}
	// Server-Timing (W3C) lets consumers and benchmarks tell the source's
	// time from the gateway's own.
	c.Response().Header().Set("Server-Timing", fmt.Sprintf("upstream;dur=%.3f, gateway;dur=%.3f",
		float64(res.Upstream.Microseconds())/1000, float64(time.Since(start).Microseconds())/1000))
	if res.Failure == gw.ErrRateLimited {
		c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, int(res.RetryAfter.Seconds()))))
	}
	return send(c, res.Status, res.Body)
}

func send(c echo.Context, status int, body []byte) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(status, "application/json; charset=utf-8", body)
}

var beijing = time.FixedZone("CST", 8*3600)

// dataUse is GET /me/data-use: which app called which interface with the
// user's token, and when (issue 10 §5; C 0103 9.4 h).
func (h *handler) dataUse(c echo.Context) error {
	uid, ok := h.CurrentUser(c)
	if !ok {
		return web.SeeOther(c, "/login?return_to="+url.QueryEscape("/me/data-use"))
	}
	ctx := c.Request().Context()
	list, err := gw.UserCalls(ctx, h.Store, uid, 100)
	if err != nil {
		return err
	}
	p := gwview.DataUseProps{}
	for _, x := range list {
		res := locales.T(ctx, "gateway.result."+x.ResultCode)
		if x.ResultCode == "" {
			res = "—"
		}
		p.Items = append(p.Items, gwview.DataUseItem{When: x.At.In(beijing).Format("2006-01-02 15:04"), App: x.AppName,
			Interface: x.InterfaceName, Org: x.Org, Result: res})
	}
	return web.Render(c, http.StatusOK, gwview.DataUse(h.Site.Chrome(c), p))
}
