package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// AccountServices are the adapters of the accounts feature (issue 5): the
// notifier that sends codes, the identity and face verifiers of trust
// levels 3 and 4, the argon2id cost and the licence source of 我的证照.
// cmd/portal builds them once from the environment.
type AccountServices struct {
	Users    users.Config
	Licences usercenter.LicenceSource
}

// DevAccountServices is the development and test set: the dev outbox, the
// test verifiers and the demo licences, each labelled as such on the pages.
func DevAccountServices(st *models.Store) AccountServices {
	return AccountServices{Users: users.DevConfig(st), Licences: usercenter.DemoLicences{}}
}

// CheckProd names every development or test adapter in s; PORTAL_ENV=prod
// must refuse to start when it returns an error (ARCHITECTURE.md §3).
func (s AccountServices) CheckProd() error {
	errs := []error{users.CheckProd(s.Users)}
	if s.Licences != nil && s.Licences.Test() {
		errs = append(errs, fmt.Errorf("the demo licence source %q is configured", s.Licences.Name()))
	}
	return errors.Join(errs...)
}

// accountServices picks the adapters for this process.
// TODO(lead): once handlers.Deps carries `Accounts *AccountServices` (built
// in cmd/portal and checked with CheckProd in prod), return *d.Accounts here
// when it is set. Until then prod gets no notifier and no verifiers: sign-up
// explains that codes cannot be sent and levels 3–4 say 暂未开通.
func accountServices(d Deps) AccountServices {
	if d.Accounts != nil {
		return *d.Accounts
	}
	if d.Options.Prod {
		return AccountServices{Users: users.Config{Params: users.DefaultParams}}
	}
	return DevAccountServices(d.Store)
}

// accountHandler serves sign-up, sign-in, recovery and sign-out (C 0103 7.7
// a) and, through registerUserCenter, the user center /me (7.7 b–i).
type accountHandler struct {
	site     *web.Site
	st       *models.Store
	svc      *users.Service
	licences usercenter.LicenceSource
	rec      usercenter.Recommender // nil: no recommendations
	find     finder                 // related matters of a licence; nil: none
	ref      *refdata.Catalog
	outbox   *users.DevOutbox // set when codes go to the development outbox
	prod     bool
}

func registerAccount(app *App, d Deps) {
	svcs := accountServices(d)
	svc, err := users.NewService(d.Store, svcs.Users)
	if err != nil {
		d.Logger.Error("accounts disabled: cannot build the account service", "err", err)
		return
	}
	h := &accountHandler{site: app.Site, st: d.Store, svc: svc, licences: svcs.Licences, ref: d.Ref, prod: d.Options.Prod}
	if d.Search != nil {
		h.rec, h.find = d.Search, d.Search
	}
	if o, ok := svcs.Users.Notifier.(users.DevOutbox); ok {
		h.outbox = &o
	}
	e := app.Echo
	e.Use(h.loadUser, h.recordVisits)
	app.Site.Decorate = append(app.Site.Decorate, h.decorate)

	e.GET("/login", h.loginForm)
	e.POST("/login", h.login)
	e.POST("/logout", h.logout)
	e.GET("/register", h.registerStart)
	e.POST("/register/code", h.registerCode)
	e.GET("/register/verify", h.registerForm)
	e.POST("/register", h.register)
	e.POST("/codes/resend", h.resend)
	e.POST("/codes/extend", h.extend)
	e.GET("/recover", h.recoverStart)
	e.POST("/recover/code", h.recoverCode)
	e.GET("/recover/verify", h.recoverForm)
	e.POST("/recover", h.recover)
	e.GET("/account/deleted", h.deleted)
	if h.outbox != nil && !d.Options.Prod {
		e.GET("/dev/outbox", h.outboxPage) // development only: 404 in prod
	}
	registerUserCenter(app, h)
}

// skipAccount lists paths that never need the visitor's account, so static
// files and probes cost no session or user lookup.
func skipAccount(path string) bool {
	for _, p := range []string{"/static/", "/jssdk/", "/healthz", "/readyz", "/metrics", "/api/"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// formValues returns the submitted form without its password fields, so a
// form shown again never echoes a password back.
func formValues(c echo.Context) (all, kept map[string][]string) {
	params, err := c.FormParams()
	if err != nil {
		params = map[string][]string{}
	}
	kept = map[string][]string{}
	for k, v := range params {
		if k != "_csrf" && !strings.Contains(k, "password") {
			kept[k] = v
		}
	}
	return params, kept
}

// first returns the first value of key.
func first(vals map[string][]string, key string) string {
	if v := vals[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// errNoNotifier is the answer when a flow needs an adapter that is not
// configured (no notifier in a prod build without wiring).
var errNoNotifier = echo.NewHTTPError(http.StatusServiceUnavailable, "no notifier configured")
