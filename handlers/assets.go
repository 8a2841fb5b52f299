package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/static"
)

func echoHandler(assets *static.Assets) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, ok := assets.Lookup(c.Request().URL.Path); !ok {
			return echo.ErrNotFound
		}
		assets.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

// jssdkScript serves /jssdk/index.js at its stable URL (C 0103 8.3.2.2): apps
// reference it by this address, so it is revalidated rather than fingerprinted.
func jssdkScript(assets *static.Assets) echo.HandlerFunc {
	return func(c echo.Context) error {
		as, ok := assets.Logical("jssdk/index.js")
		if !ok {
			return echo.ErrNotFound
		}
		c.Response().Header().Set("Cache-Control", "public, max-age=300")
		static.Write(c.Response(), c.Request(), as)
		return nil
	}
}
