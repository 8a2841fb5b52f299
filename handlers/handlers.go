// Package handlers wires the portal's HTTP surface: New builds the Echo
// instance with its middleware and every route (routes.go). Handlers are
// thin: decode, call models, map to a view struct, render.
package handlers

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/models/wechat"
	"github.com/zwfw/portal/static"
)

// Options is the part of the configuration the HTTP layer needs.
type Options struct {
	SiteName         string
	Prod             bool
	SecretKey        []byte // ≥ 32 bytes; signs and encrypts sessions
	BodyLimit        string // e.g. "2M"
	UploadLimit      string // multipart bodies (file uploads), e.g. "32M"
	PostPerMinuteIP  int    // per-IP POST budget
	TrustProxyHeader bool   // take the client IP from X-Forwarded-For

	// Source hosts the gateway may reach on internal networks (PORTAL_GATEWAY_ALLOW_HOSTS).
	GatewayAllowHosts []string

	WeChat wechat.Credentials // JS-SDK share signature (handlers/share.go); zero = off
}

// Deps are the long-lived services built once in cmd/portal.
type Deps struct {
	Store   *models.Store
	Logger  *slog.Logger
	Options Options
	Ref     *refdata.Catalog // loaded by New when nil
	Search  *search.Engine   // built and loaded by New when nil
	// Accounts are the notifier and verifier adapters; nil means the
	// development adapters (dev) or none (prod). cmd/portal builds them.
	Accounts *AccountServices
	// Blob keeps uploaded files (case materials, photos, packages). When
	// nil, development and tests get a store in a temporary directory;
	// production refuses to start without one.
	Blob blob.Store
}

// App is the built HTTP application.
type App struct {
	Echo    *echo.Echo
	Site    *web.Site
	Metrics *web.Metrics

	searchWarmer *searchWarmer // WarmSearch
}

// New builds the router with middleware and routes.
func New(d Deps) (*App, error) {
	assets, err := static.Load()
	if err != nil {
		return nil, err
	}
	if d.Ref == nil {
		if d.Ref, err = refdata.Load(context.Background(), d.Store); err != nil {
			return nil, fmt.Errorf("load reference catalog: %w", err)
		}
	}
	if d.Search == nil {
		if d.Search, err = search.Open(context.Background(), d.Store.DB, d.Logger, catalog.NewSearchSource(d.Store, d.Ref), sites.NewSearchSource(d.Store, d.Ref)); err != nil {
			return nil, fmt.Errorf("build search index: %w", err)
		}
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	if !d.Options.TrustProxyHeader {
		e.IPExtractor = echo.ExtractIPDirect()
	} else {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	site := &web.Site{Name: d.Options.SiteName, Dev: !d.Options.Prod, Assets: assets}
	metrics := web.NewMetrics()
	e.HTTPErrorHandler = web.ErrorHandler(site)

	hashKey := sha256.Sum256(append([]byte("session-hash:"), d.Options.SecretKey...))
	blockKey := sha256.Sum256(append([]byte("session-block:"), d.Options.SecretKey...))
	sessions := web.NewDBStore(d.Store, hashKey[:], blockKey[:], d.Options.Prod)

	bodyLimit := d.Options.BodyLimit
	if bodyLimit == "" {
		bodyLimit = "2M"
	}
	uploadLimit := d.Options.UploadLimit
	if uploadLimit == "" {
		uploadLimit = "32M"
	}
	if d.Blob == nil {
		if d.Options.Prod {
			return nil, errors.New("no blob store configured")
		}
		dir, err := os.MkdirTemp("", "portal-blobs-")
		if err != nil {
			return nil, err
		}
		if d.Blob, err = blob.NewFS(dir); err != nil {
			return nil, err
		}
	}
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(
		middleware.RequestID(),
		web.RequestLogger(d.Logger),
		middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, DisablePrintStack: !site.Dev}),
		metrics.Middleware(),
		web.SecurityHeaders(d.Options.Prod),
		// Pages are compressed on the fly; static assets carry their own
		// pre-compressed bodies and small answers (health checks) are not
		// worth the CPU.
		middleware.GzipWithConfig(middleware.GzipConfig{Level: 1, MinLength: 1024, Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/jssdk/") || strings.HasPrefix(p, "/attachments/") || p == "/metrics" ||
				web.IsSelfCompressed(c)
		}}),
		// File uploads (multipart) get their own, larger budget; every
		// other body stays small.
		middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: bodyLimit, Skipper: isMultipart}),
		middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: uploadLimit, Skipper: func(c echo.Context) bool { return !isMultipart(c) }}),
		web.Locale(),
		web.WithSessions(sessions),
		web.PostRateLimit(d.Store, d.Options.PostPerMinuteIP),
		web.CSRF(d.Options.Prod),
	)
	app := &App{Echo: e, Site: site, Metrics: metrics}
	routes(app, d, assets)
	return app, nil
}

// isMultipart reports whether the request body is a multipart form (a file
// upload), which gets Options.UploadLimit instead of Options.BodyLimit.
func isMultipart(c echo.Context) bool {
	return strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm)
}
