package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
)

// prefsHandler stores the visitor's display preferences in cookies, so they
// work without an account and without JavaScript.
type prefsHandler struct{ prod bool }

func (h *prefsHandler) set(c echo.Context, name, value string) {
	c.SetCookie(&http.Cookie{Name: name, Value: value, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true, Secure: h.prod, SameSite: http.SameSiteLaxMode}) // #nosec G124 -- HttpOnly and SameSite=Lax always; Secure in prod only, dev serves http://localhost
}

// elder switches 适老化 elder mode on or off (reference.md §7).
func (h *prefsHandler) elder(c echo.Context) error {
	v := "0"
	if c.FormValue("elder") == "1" {
		v = "1"
	}
	h.set(c, web.ElderCookie, v)
	return web.SeeOther(c, web.SafeReturn(c.FormValue("return_to"), "/"))
}

// lang switches the interface language.
func (h *prefsHandler) lang(c echo.Context) error {
	h.set(c, web.LangCookie, locales.Supported(c.FormValue("lang")))
	return web.SeeOther(c, web.SafeReturn(c.FormValue("return_to"), "/"))
}
