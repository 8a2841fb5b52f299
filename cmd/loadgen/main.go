// Command loadgen measures the portal under load on this machine: it starts
// a built portal binary on a free loopback port over a fresh database (the
// embedded SQLite file with demo data, or PostgreSQL with -db), waits for
// /readyz, warms up, then runs a closed loop of -conns keep-alive
// connections against each path for -duration and prints requests/s,
// latency percentiles, errors and the ratio to /healthz measured in the same
// run, followed by the gzip-compressed weight of the home page.
//
//	go run ./cmd/loadgen -bin bin/portal [-db postgres://…] [-duration 10s] [-conns 64] [-paths /healthz,/]
//
// It only ever talks to the portal it started, on 127.0.0.1, and every loop
// is bounded in time; the portal is stopped with SIGTERM at the end.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// Limits keep a mistyped flag from turning a measurement into a soak test.
const (
	maxDuration = 2 * time.Minute
	maxConns    = 1024
)

type options struct {
	bin      string
	db       string
	duration time.Duration
	warmup   time.Duration
	conns    int
	paths    []string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var paths string
	fs.StringVar(&o.bin, "bin", "bin/portal", "portal binary to start (make build writes bin/portal)")
	fs.StringVar(&o.db, "db", "", "postgres://… to run the portal on PostgreSQL (default: embedded SQLite with demo data)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "measuring time per path (at most 2m)")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load per path before measuring")
	fs.IntVar(&o.conns, "conns", 64, "concurrent keep-alive connections (closed loop)")
	fs.StringVar(&paths, "paths", "/healthz,/", "comma-separated paths to load; /healthz is always measured for the ratio")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.duration <= 0 || o.duration > maxDuration:
		return o, fmt.Errorf("-duration must be between 0 and %s", maxDuration)
	case o.warmup < 0 || o.warmup > maxDuration:
		return o, fmt.Errorf("-warmup must be between 0 and %s", maxDuration)
	case o.conns < 1 || o.conns > maxConns:
		return o, fmt.Errorf("-conns must be between 1 and %d", maxConns)
	case o.db != "" && !strings.HasPrefix(o.db, "postgres://") && !strings.HasPrefix(o.db, "postgresql://"):
		return o, errors.New("-db must be a postgres:// URL")
	}
	o.paths = []string{"/healthz"}
	for _, p := range strings.Split(paths, ",") {
		p = strings.TrimSpace(p)
		if p == "" || p == "/healthz" {
			continue
		}
		if !strings.HasPrefix(p, "/") {
			return o, fmt.Errorf("path %q must start with /", p)
		}
		o.paths = append(o.paths, p)
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	p, err := startPortal(ctx, o.bin, o.db)
	if err != nil {
		return err
	}
	defer func() {
		if err := p.stop(); err != nil {
			fmt.Fprintln(stderr, "loadgen: stopping the portal:", err)
		}
	}()
	db := "SQLite (embedded, demo data)"
	if o.db != "" {
		db = "PostgreSQL"
	}
	fmt.Fprintf(stdout, "portal %s at %s on %s; %d connections, %s per path after %s warm-up\n",
		o.bin, p.base, db, o.conns, o.duration, o.warmup)
	// The load generator shares the machine with the portal, and other
	// work skews the numbers: say what the machine was doing.
	fmt.Fprintf(stdout, "machine: %d CPUs%s\n\n", runtime.NumCPU(), loadAvg())
	client := newClient(o.conns)
	var stats []pathStats
	for _, path := range o.paths {
		if o.warmup > 0 {
			load(ctx, client, p.base+path, o.conns, o.warmup)
		}
		s := load(ctx, client, p.base+path, o.conns, o.duration)
		s.path = path
		stats = append(stats, s)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	printTable(stdout, stats)
	w, err := pageWeight(ctx, client, p.base+"/")
	if err != nil {
		return fmt.Errorf("home page weight: %w", err)
	}
	fmt.Fprintln(stdout)
	w.print(stdout)
	return nil
}

// loadAvg reads the 1-minute load average where the system shows it.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return ""
	}
	return ", load average " + f[0] + " before the run"
}
