package web

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/zwfw/portal/locales"
)

const loggerKey = "zw.logger"

// Logger returns the request's logger, which carries its request ID.
func Logger(c echo.Context) *slog.Logger {
	if l, ok := c.Get(loggerKey).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// RequestID returns the ID the request is logged and shown under.
func RequestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}

// RequestLogger puts a request-scoped logger in the context and logs one line
// per request when it ends.
func RequestLogger(base *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			l := base.With("request_id", RequestID(c))
			c.Set(loggerKey, l)
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			l.Info("request", "method", c.Request().Method, "route", c.Path(),
				"status", c.Response().Status, "bytes", c.Response().Size,
				"ms", float64(time.Since(start).Microseconds())/1000)
			return nil
		}
	}
}

// Metrics counts requests and their latency by route and status for /metrics.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// NewMetrics registers the portal's collectors on a fresh registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "portal_http_request_duration_seconds", Help: "HTTP request latency by route and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method", "status"}),
	}
	m.Registry.MustRegister(m.requests, m.latency,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// Middleware records every request. Unmatched routes share one label so a
// scanner cannot blow up the series count.
func (m *Metrics) Middleware() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			route := c.Path()
			if route == "" || route == "/*" {
				route = "unmatched"
			}
			status := strconv.Itoa(c.Response().Status)
			m.requests.WithLabelValues(route, c.Request().Method, status).Inc()
			m.latency.WithLabelValues(route, c.Request().Method, status).Observe(time.Since(start).Seconds())
			return err
		}
	}
}

// ContentSecurityPolicy allows only the portal's own origin: no inline
// script, no third-party requests, framing by the portal itself only.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"media-src 'self' blob:; font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// SecurityHeaders sets the baseline headers on every response.
func SecurityHeaders(prod bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			if h.Get("Content-Security-Policy") == "" {
				h.Set("Content-Security-Policy", ContentSecurityPolicy)
			}
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("X-Frame-Options", "SAMEORIGIN")
			h.Set("Permissions-Policy", "geolocation=(self), microphone=(self), camera=(self), interest-cohort=()")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			if prod {
				h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			}
			return next(c)
		}
	}
}

// Cookie names for visitor preferences. They hold no personal data.
const (
	LangCookie  = "zw_lang"
	ElderCookie = "zw_elder"
)

// Locale picks the language from the cookie, then Accept-Language, and puts
// it in the request context for views (locales.T).
func Locale() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			lang := locales.Default
			if ck, err := c.Cookie(LangCookie); err == nil {
				lang = locales.Supported(ck.Value)
			} else if al := c.Request().Header.Get("Accept-Language"); strings.HasPrefix(strings.ToLower(al), "en") {
				lang = "en"
			}
			r := c.Request()
			c.SetRequest(r.WithContext(locales.WithLang(r.Context(), lang)))
			c.Response().Header().Add("Vary", "Accept-Language")
			return next(c)
		}
	}
}

// RateLimiter is the counter store behind PostRateLimit (*models.Store).
type RateLimiter interface {
	HitRate(ctx context.Context, bucket string, limit int, window time.Duration) (bool, time.Duration, error)
}

// PostRateLimit limits state-changing requests per client IP. Counters live in
// the database, so the limit holds across processes. A database failure lets
// the request through: availability beats a counter.
func PostRateLimit(rl RateLimiter, perMinute int) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			// App back ends calling the signed JSON APIs are limited per app by
			// their own rules (nonces, tickets), not by the browser budget.
			if c.Request().Method != http.MethodPost || perMinute <= 0 || isAPI(c.Request().URL.Path) {
				return next(c)
			}
			ok, retry, err := rl.HitRate(c.Request().Context(), "post-ip:"+c.RealIP(), perMinute, time.Minute)
			if err != nil {
				Logger(c).Warn("rate limit counter failed", "err", err)
				return next(c)
			}
			if !ok {
				c.Response().Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
				return echo.NewHTTPError(http.StatusTooManyRequests)
			}
			return next(c)
		}
	}
}

// CSRF protects every POST with a token (form field _csrf or header
// X-CSRF-Token) bound to a cookie.
func CSRF(secure bool) echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{ // #nosec G101 -- a cookie name and a token lookup spec, no credential
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     "zw_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   secure,
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   12 * 3600,
		Skipper: func(c echo.Context) bool {
			return isAPI(c.Request().URL.Path)
		},
		ErrorHandler: func(err error, c echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "csrf").SetInternal(err)
		},
	})
}

// CSRFToken returns the token to embed in forms.
func CSRFToken(c echo.Context) string {
	s, _ := c.Get("csrf").(string)
	return s
}
