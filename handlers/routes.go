package handlers

import (
	"github.com/zwfw/portal/handlers/admin"
	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/static"
)

// routes registers every route of the portal. Each feature has one
// register function in its own file; this list is the map of the site.
func routes(app *App, d Deps, assets *static.Assets) {
	e := app.Echo
	site := app.Site
	site.Nav = []web.NavLink{
		{Key: "nav.home", Href: "/"},
		{Key: "matters.nav", Href: "/matters", Prefix: "/matters"},
		{Key: "sites.nav", Href: "/sites", Prefix: "/sites"},
	}

	health := &healthHandler{store: d.Store, metrics: app.Metrics}
	e.GET("/healthz", health.live)
	e.GET("/readyz", health.ready)
	e.GET("/metrics", health.prometheus)

	e.GET("/static/*", echoHandler(assets))
	e.GET("/jssdk/index.js", jssdkScript(assets))

	prefs := &prefsHandler{prod: d.Options.Prod}
	e.POST("/prefs/elder", prefs.elder)
	e.POST("/prefs/lang", prefs.lang)

	pages := &pagesHandler{site: site}
	e.GET("/", pages.home)
	web.CompressesItself("/") // home: the same for most visitors but the CSRF token
	e.GET("/privacy", pages.privacy)
	e.GET("/accessibility", pages.accessibility)

	// Features, one line each (keep this list in site order).
	registerRegion(app, d)
	registerSearch(app, d)
	registerMatters(app, d)
	registerSites(app, d)
	registerComponents(app, d)
	registerAccount(app, d)
	registerApps(app, d)
	registerFiling(app, d)
	registerCases(app, d)
	registerConsult(app, d)
	registerGateway(app, d)
	registerShare(app, d)
	registerViewer(app, d)
	admin.Register(app.Echo, app.Site, admin.Deps{Store: d.Store, Ref: d.Ref, Search: d.Search, Secret: d.Options.SecretKey, Logger: d.Logger, Blob: d.Blob})
}
