package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/admin"
	"github.com/zwfw/portal/handlers/gateway"
	gw "github.com/zwfw/portal/models/gateway"
)

// registerGateway builds the gateway service (issue 10) once and serves
// /gateway/{code}, /me/data-use and the console's /admin/interfaces with it.
func registerGateway(app *App, d Deps) {
	svc, err := gw.NewService(d.Store, d.Options.SecretKey, &gw.Guard{AllowHosts: d.Options.GatewayAllowHosts, AllowHTTP: !d.Options.Prod})
	if err != nil {
		d.Logger.Error("gateway disabled", "err", err)
		return
	}
	gateway.Register(app.Echo, gateway.Deps{Site: app.Site, Store: d.Store, Gateway: svc, CurrentUser: func(c echo.Context) (int64, bool) {
		u, ok := appsUser(c, d.Store)
		return u.ID, ok
	}})
	admin.RegisterInterfaces(app.Echo, app.Site, admin.Deps{Store: d.Store, Ref: d.Ref, Secret: d.Options.SecretKey, Logger: d.Logger}, svc)
}
