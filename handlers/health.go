package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/migrations"
)

type healthHandler struct {
	store   *models.Store
	metrics *web.Metrics
}

// live answers as long as the process serves HTTP.
func (h *healthHandler) live(c echo.Context) error {
	return c.String(http.StatusOK, "ok")
}

// ready checks that the database answers and the schema is current.
func (h *healthHandler) ready(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := h.store.Ping(ctx); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "unreachable"})
	}
	cur, err := migrations.Current(ctx, h.store.DB, string(h.store.Dialect))
	if err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "error"})
	}
	if cur != migrations.Latest() {
		return c.JSON(http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "schema": cur, "expected": migrations.Latest()})
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ok", "schema": cur})
}

func (h *healthHandler) prometheus(c echo.Context) error {
	promhttp.HandlerFor(h.metrics.Registry, promhttp.HandlerOpts{}).ServeHTTP(c.Response(), c.Request())
	return nil
}
