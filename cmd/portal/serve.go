package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/gateway"
	"github.com/zwfw/portal/models/messaging"
	"github.com/zwfw/portal/models/migrations"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/seed"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/models/users"
)

// openStore opens the database and, when allowed, migrates it. In prod an
// out-of-date schema stops the start with a pointer to `portal migrate`.
func openStore(ctx context.Context, cfg Config, logger *slog.Logger) (*models.Store, error) {
	st, err := models.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if cfg.AutoMigrate {
		applied, err := migrations.Up(ctx, st.DB, string(st.Dialect), 0)
		if err != nil {
			st.Close() // #nosec G104 -- the migration error is the one to report
			return nil, fmt.Errorf("migrate: %w", err)
		}
		if len(applied) > 0 && logger != nil {
			logger.Info("schema migrated", "applied", applied)
		}
	}
	cur, err := migrations.Current(ctx, st.DB, string(st.Dialect))
	if err != nil {
		st.Close() // #nosec G104 -- the schema error is the one to report
		return nil, err
	}
	if cur != migrations.Latest() {
		st.Close() // #nosec G104 -- the schema error is the one to report
		return nil, fmt.Errorf("database schema is at version %d but this build needs %d: run `portal migrate` first", cur, migrations.Latest())
	}
	return st, nil
}

// serve runs the HTTP server until ctx ends, then lets in-flight requests
// finish for up to cfg.ShutdownTimeout. ready, when set, receives the bound
// address (tests listen on :0).
func serve(ctx context.Context, cfg Config, logger *slog.Logger, ready chan<- string) error {
	st, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	if cfg.DemoData {
		if err := seed.Demo(ctx, st, nil); err != nil {
			return err
		}
	}
	getenv := cfg.getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	accounts, err := accountServices(getenv, cfg.Prod(), st)
	if err != nil {
		return err
	}
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		return fmt.Errorf("load reference catalog: %w", err)
	}
	buildStart := time.Now()
	eng, err := search.Open(ctx, st.DB, logger, catalog.NewSearchSource(st, ref), sites.NewSearchSource(st, ref))
	if err != nil {
		return fmt.Errorf("build search index: %w", err)
	}
	took := time.Since(buildStart)
	logger.Info("search index built", "docs", eng.Len(), "took", took.Round(time.Millisecond).String(),
		"docs_per_s", int(float64(eng.Len())/max(took.Seconds(), 1e-3)))
	defer eng.Close() // flushes the buffered query log
	// C 0103 7.4 across processes: on PostgreSQL a change made through any
	// process reaches this one's index by LISTEN/NOTIFY (no-op on SQLite).
	if err := eng.StartSync(ctx); err != nil {
		logger.Warn("search sync", "err", err)
	}
	blobs, err := blob.NewFS(cfg.BlobDir)
	if err != nil {
		return fmt.Errorf("PORTAL_BLOB_DIR: %w", err)
	}
	app, err := handlers.New(handlers.Deps{Store: st, Logger: logger, Accounts: &accounts, Ref: ref, Search: eng, Blob: blobs, Options: handlers.Options{
		SiteName: cfg.SiteName, Prod: cfg.Prod(), SecretKey: cfg.SecretKey, BodyLimit: cfg.BodyLimit, UploadLimit: cfg.UploadLimit,
		PostPerMinuteIP: cfg.PostPerMinuteIP, TrustProxyHeader: cfg.TrustProxy,
		GatewayAllowHosts: cfg.GatewayAllowHosts,
		WeChat:            cfg.WeChat,
	}})
	if err != nil {
		return err
	}
	// Issue 4: the hot words' search pages are computed before the first
	// visitor (and again after each index change), not queued behind them.
	warmStart := time.Now()
	warmed := app.WarmSearch(ctx)
	logger.Info("search caches warmed", "pages", warmed, "took", time.Since(warmStart).Round(time.Millisecond).String())
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: app.Echo, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("portal listening", "addr", ln.Addr().String(), "env", cfg.Env, "database", string(st.Dialect))
	if ready != nil {
		ready <- ln.Addr().String()
	}
	go housekeeping(ctx, st, logger)
	if cfg.DebugAddr != "" {
		go serveDebug(ctx, cfg.DebugAddr, logger)
	}
	// C 0103 8.3.5: online apps are watched and taken offline when unstable.
	go apps.Monitor(ctx, st, cfg.SecretKey, logger, !cfg.Prod())
	go gateway.RunMonitor(ctx, st, cfg.SecretKey, logger, cfg.GatewayAllowHosts, !cfg.Prod(), accounts.Users.Notifier) // C 0103 8.3.4.3 c
	// C 0103 9.4 d: messages held over the quiet hours go out at 07:00.
	go messaging.New(st).Run(ctx, time.Minute, func(err error) { logger.Warn("deliver deferred messages", "err", err) })
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "grace", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// housekeeping purges expired sessions and old rate counters every few minutes.
func housekeeping(ctx context.Context, st *models.Store, logger *slog.Logger) {
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := st.PurgeExpiredSessions(ctx); err != nil {
				logger.Warn("purge sessions", "err", err)
			}
			if err := st.PurgeRateCounters(ctx, time.Hour); err != nil {
				logger.Warn("purge rate counters", "err", err)
			}
			if err := users.Purge(ctx, st); err != nil {
				logger.Warn("purge account codes", "err", err)
			}
		}
	}
}

func migrateCmd(ctx context.Context, cfg Config, stdout io.Writer) error {
	st, err := models.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := migrations.Up(ctx, st.DB, string(st.Dialect), 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema at version %d (applied %d migrations)\n", migrations.Latest(), len(applied))
	return nil
}

func seedCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("seed needs a target: demo")
	}
	cfg.AutoMigrate = true
	st, err := openStore(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if args[0] == "scale" { // items, cases and consultations: cmd/portal/seedscale.go
		return seedScaleCmd(ctx, st, args[1:], stdout)
	}
	switch args[0] {
	case "demo":
		return seed.Demo(ctx, st, func(f string, a ...any) { fmt.Fprintf(stdout, f+"\n", a...) })
	case "regions": // portal seed regions [--villages]
		return refdata.SeedCommand(ctx, st, args[1:], stdout)
	case "scale": // portal seed scale [--items N] [--batch N]
		return catalog.ScaleCommand(ctx, st, args[1:], stdout)
	}
	return fmt.Errorf("unknown seed target %q: %w", args[0], errUsage)
}

// serveDebug serves net/http/pprof on the loopback PORTAL_DEBUG_ADDR, so an
// operator can read goroutine counts and heap profiles of a live process
// (/debug/pprof/goroutine?debug=1); its own mux, so nothing reaches the
// public listener.
func serveDebug(ctx context.Context, addr string, logger *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close() // #nosec G104 -- shutting down; nothing to report
	}()
	logger.Info("debug listener (pprof)", "addr", addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("debug listener", "addr", addr, "err", err)
	}
}
