// Command portal runs the 政务服务移动门户 web portal and its operations
// sub-commands:
//
//	portal [serve]                 start the HTTP server (default)
//	portal migrate                 bring the schema to the latest version
//	portal seed demo|regions|scale load reference, demo or synthetic data
//	portal users|staff|apps …      operations on accounts and apps
//	portal audit verify            check the audit chain
//	portal help                    list sub-commands and configuration
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

// errUsage marks a command-line mistake.
var errUsage = errors.New("usage")

// run is main without globals, so tests can drive every sub-command.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		printHelp(stdout)
		return nil
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)
	switch cmd {
	case "serve":
		return serve(ctx, cfg, logger, nil)
	case "migrate":
		return migrateCmd(ctx, cfg, stdout)
	case "seed":
		return seedCmd(ctx, cfg, args, stdout)
	case "staff":
		return staffCmd(ctx, cfg, args, stdout)
	case "users":
		return usersCmd(ctx, cfg, args, stdout)
	case "audit":
		return auditCmd(ctx, cfg, args, stdout)
	case "apps":
		return appsCmd(ctx, cfg, args, stdout)
	case "interfaces":
		return interfacesCmd(ctx, cfg, args, stdout)
	}
	printHelp(stderr)
	return fmt.Errorf("unknown command %q", cmd)
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, `portal — 政务服务移动门户

Commands:
  serve                      start the HTTP server (default)
  migrate                    apply pending schema migrations
  seed demo                  load reference and demo data (idempotent)
  seed regions [--villages]  load administrative divisions (villages: 620k rows, optional)
  seed scale --items N       write N synthetic implementation items (benchmarks)
  seed scale --cases N --consultations M [--items N]  synthetic cases and consultations (benchmarks)
  users create --phone P --password P --name N --id-number ID --level L
  users disable --phone P    development and test accounts (levels > 2 refused in prod)
  staff create --role R --region CODE --department D --username U --password P|-
  audit verify [--calls]     check the SM3-chained audit log (or the gateway call log)
  apps create --name N --type identity|open --entry-url U --origin O --sm2-public-key FILE [--whitelist CIDR]
  interfaces create --app ID --code C --source-url U --method GET|POST --auth sm2|whitelist [--name N]

Configuration (environment only):`)
	for _, v := range configVars {
		fmt.Fprintf(w, "  %-24s default %s — %s\n", v[0], v[1], v[2])
	}
}
