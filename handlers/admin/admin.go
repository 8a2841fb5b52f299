// Package admin is the staff console under /admin (issue 6): sign-in with
// a TOTP second factor, scoped roles, content management of catalog items,
// sub-site content, announcements and the search vocabulary, staff
// accounts, the audit log and dashboards. Handlers are thin: they decode,
// call models/staff, models/content and models/audit with the signed-in
// staff member's scope, map the result to views/admin structs and render.
// A record outside the scope is a 404, exactly like one that does not
// exist; a section the role lacks is a 403.
package admin

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/users"
)

// Deps is what the console needs from handlers.New.
type Deps struct {
	Store  *models.Store
	Ref    *refdata.Catalog
	Search *search.Engine // may be nil: content changes are then not indexed
	Secret []byte         // the portal secret: seals staff TOTP secrets
	Logger *slog.Logger
	// Params overrides the argon2id cost (tests); zero → users.DefaultParams.
	Params users.Params
	// Blob holds uploaded files (filing packages and screenshots).
	Blob blob.Store
}

// console holds the services every console handler uses.
type console struct {
	site    *web.Site
	st      *models.Store
	ref     *refdata.Catalog
	search  *search.Engine
	staff   *staff.Service
	content *content.Service
}

// Register adds every /admin route to e. Called once from handlers/routes.go.
func Register(e *echo.Echo, site *web.Site, d Deps) {
	logger := d.Logger
	if logger == nil {
		logger = slog.Default()
	}
	svc, err := staff.NewService(d.Store, staff.Config{Secret: d.Secret, Params: d.Params, Ref: d.Ref})
	if err != nil {
		// Without a usable secret there is no safe console: say so on every URL.
		logger.Error("staff console disabled", "err", err)
		e.Any("/admin*", func(echo.Context) error { return echo.NewHTTPError(http.StatusServiceUnavailable) })
		return
	}
	var index content.Indexer
	if d.Search != nil {
		index = d.Search
	}
	cs := content.New(d.Store, d.Ref, index)
	cs.OnIndexError = func(err error) { logger.Warn("search index update failed", "err", err) }
	h := &console{site: site, st: d.Store, ref: d.Ref, search: d.Search, staff: svc, content: cs}

	e.GET("/admin/login", h.loginForm)
	e.POST("/admin/login", h.login)
	e.GET("/admin/login/totp", h.codeForm)
	e.POST("/admin/login/totp", h.code)
	e.GET("/admin/totp/setup", h.enrolForm)
	e.POST("/admin/totp/setup", h.enrol)
	e.POST("/admin/logout", h.logout)

	g := e.Group("/admin", h.requireStaff)
	g.GET("", h.home)
	h.registerItems(g)
	h.registerVocabulary(g)
	h.registerSites(g)
	h.registerStaff(g)
	h.registerAudit(g)
	registerApps(g, h, d.Secret)
	registerPassword(g, h, d.Params)
	registerConsult(g, h, d.Blob)
	registerFilings(g, h, d.Blob)
	registerCases(g, h, d.Blob)
}

// need lets only staff whose role grants p through (403 otherwise).
func need(p staff.Perm, next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s, ok := current(c); !ok || !s.Can(p) {
			return echo.NewHTTPError(http.StatusForbidden)
		}
		return next(c)
	}
}

// id reads a path id; a malformed one is a 404 like an unknown one.
func id(c echo.Context, name string) (int64, error) {
	v := content.ParseID(c.Param(name))
	if v <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return v, nil
}
