package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/filingweb"
	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/models/messaging"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/users"
	appsview "github.com/zwfw/portal/views/apps"
	filingview "github.com/zwfw/portal/views/filing"
	"github.com/zwfw/portal/views/layout"
)

// filingHandler serves mobile-client filing (C 0103 9, issue 11): the
// organisation's area /developer/filings (a signed-in legal-person
// account, like the developer area of embedded apps), the public list of
// approved clients /filings, and stored files. Reviewers work in
// /admin/filings (handlers/admin/filings*.go).
type filingHandler struct {
	site  *web.Site
	st    *models.Store
	ref   *refdata.Catalog
	blobs blob.Store
	svc   *filing.Service
	msg   *messaging.Sender
}

func registerFiling(app *App, d Deps) {
	svc := filing.NewService(d.Store, d.Blob, d.Ref)
	// The package must fit the multipart body limit (handlers.New).
	if n := parseSize(d.Options.UploadLimit, 32<<20) - 1<<20; n > 0 && n < svc.PackageLimit {
		svc.PackageLimit = n
	}
	msg := messaging.New(d.Store)
	logger := d.Logger
	if logger == nil {
		logger = slog.Default()
	}
	svc.Notify = func(ctx context.Context, user int64, tpl string, p map[string]string) error {
		_, err := msg.Send(ctx, user, tpl, p)
		return err
	}
	svc.OnNotifyError = func(err error) {
		if !errors.Is(err, messaging.ErrRateLimited) { // a dropped message is recorded already
			logger.Warn("filing message not sent", "err", err)
		}
	}
	h := &filingHandler{site: app.Site, st: d.Store, ref: d.Ref, blobs: d.Blob, svc: svc, msg: msg}
	e := app.Echo
	h.registerStore(e)
	e.GET("/filings", h.publicList)
	e.GET("/filings/:id", h.publicShow)
	e.GET("/filings/:id/files/:key", h.publicFile)
	g := e.Group("/developer/filings", filingDeadline(filingTimeLimit), h.requireOrg)
	g.GET("", h.list)
	g.GET("/new", h.newForm)
	g.POST("", h.create)
	g.GET("/:id", h.show)
	g.GET("/:id/edit", h.editForm)
	g.POST("/:id", h.update)
	g.POST("/:id/icon", h.uploadIcon)
	g.POST("/:id/screenshots", h.uploadScreenshot)
	g.POST("/:id/screenshots/:shot/delete", h.deleteScreenshot)
	g.POST("/:id/package", h.uploadPackage)
	g.POST("/:id/submit", h.submit)
	g.GET("/:id/files/:key", h.ownerFile)
}

// filingTimeLimit bounds the server's work on one filing request (9.4 b:
// 提交数据应有超时限制); the HTTP server's own read and write timeouts
// (cmd/portal/serve.go, 60 s) bound every request.
const filingTimeLimit = 30 * time.Second

// filingDeadline ends the request's context after d, so a query still running
// is cancelled, and answers 503 (服务暂时不可用，您的操作未完成) instead of
// leaving the visitor waiting.
func filingDeadline(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx, cancel := context.WithTimeout(c.Request().Context(), d)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			err := next(c)
			if errors.Is(ctx.Err(), context.DeadlineExceeded) && !c.Response().Committed {
				return echo.NewHTTPError(http.StatusServiceUnavailable).SetInternal(fmt.Errorf("time limit %s: %w", d, ctx.Err()))
			}
			return err
		}
	}
}

// parseSize reads "32M", "512K", "1G" or bytes; def when empty or bad.
func parseSize(s string, def int64) int64 {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return def
	}
	return n * mult
}

// requireOrg lets signed-in organisation (legal-person) accounts through:
// 9.1 has local governments and departments file. Visitors sign in first;
// a natural person is told an organisation account is needed.
func (h *filingHandler) requireOrg(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, ok := currentUser(c)
		if !ok {
			return web.SeeOther(c, "/login?return_to="+url.QueryEscape(c.Request().URL.RequestURI()))
		}
		if u.Kind != users.Legal {
			ctx := c.Request().Context()
			return web.Render(c, http.StatusForbidden, appsview.Problem(h.chrome(c), appsview.ProblemProps{Status: http.StatusForbidden,
				Title: locales.T(ctx, "filing.org.title"), Message: locales.T(ctx, "filing.org")}))
		}
		return next(c)
	}
}

func (h *filingHandler) chrome(c echo.Context) layout.Chrome {
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	return ch
}

func owner(c echo.Context) users.User { u, _ := currentUser(c); return u }

func filingPath(id int64) string { return "/developer/filings/" + strconv.FormatInt(id, 10) }

// owned loads the path's filing for the signed-in organisation (404 for
// another account's or an unknown id).
func (h *filingHandler) owned(c echo.Context) (filing.Filing, error) {
	id, err := pathID(c)
	if err != nil {
		return filing.Filing{}, err
	}
	return filing.GetOwned(c.Request().Context(), h.st, owner(c).ID, id)
}

func flashAndRedirect(c echo.Context, key, to string) error {
	setFlash(c, locales.T(c.Request().Context(), key))
	if err := web.SaveSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, to)
}

func (h *filingHandler) row(ctx context.Context, f filing.Filing, href string) filingview.Row {
	name := f.Name
	if name == "" {
		name = locales.T(ctx, "filing.untitled", f.ID)
	}
	v := f.PackageVersion
	if v == "" {
		v = "—"
	}
	return filingview.Row{Name: name, Href: href, Org: f.OrgName, Status: locales.T(ctx, "filing.status."+f.Status),
		Colour: filingweb.StatusColour[f.Status], Version: v, Updated: dateTime(f.UpdatedAt)}
}
