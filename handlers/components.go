package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/views/gallery"
)

// registerComponents serves the design-system gallery at /_components in
// development only; in production the route does not exist (404).
func registerComponents(app *App, d Deps) {
	if !app.Site.Dev {
		return
	}
	site := app.Site
	app.Echo.GET("/_components", func(c echo.Context) error {
		ch := site.Chrome(c)
		ch.NoIndex = true
		// ?elder=1 previews elder mode without the cookie, for screenshots.
		if c.QueryParam("elder") == "1" {
			ch.Elder = true
		}
		return web.Render(c, http.StatusOK, gallery.Page(ch))
	})
}
