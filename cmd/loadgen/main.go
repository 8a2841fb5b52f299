// Command loadgen measures the portal under load on this machine. It
// starts a built portal binary on a free loopback port over a fresh data
// directory (the embedded SQLite file with demo data, or PostgreSQL with
// -db), or with -url attaches to a portal already running; waits for
// /readyz, warms each row up, then runs a closed loop of -conns keep-alive
// connections against each row for -duration (or, with -rate, sends a
// fixed number of requests per second over them) and prints requests/s,
// latency percentiles, errors and the ratio to /healthz measured in the
// same run (as a markdown table with -markdown), followed by the
// gzip-compressed weight of the home page.
//
//	go run ./cmd/loadgen -bin bin/portal [-db postgres://…] [-url http://127.0.0.1:8080]
//	    [-duration 10s] [-conns 64] [-markdown] -paths 'home=/,guide=/matters/A|/matters/B,…'
//
// -paths is a comma-separated list of rows, each [LABEL=][KIND:]TARGET:
//
//	/search?q=身份证                  GET (kind get, the default); 2xx and 3xx succeed
//	guide=/matters/A|/matters/B       LABEL names the row; | rotates URLs, one per request
//	login:/me|/me/cases               GET signed in as the demo account (-login, -password):
//	                                  each connection signs in once (GET /login for the CSRF
//	                                  token, POST /login) before the clock starts; only 2xx succeed
//	jssdk:                            the JSSDK identity exchange, as a light app and its back end
//	                                  do it: POST /jssdk/container/ticket (signed in, consent given
//	                                  once), then the SM2-signed ticket/verify and token/userinfo and
//	                                  the SM4 decryption (sdk.Client.Exchange): one row = 3 requests
//	gateway:sm2                       POST /gateway/:code, SM2-signed (fresh nonce per call)
//	gateway:whitelist                 GET /gateway/:code from the app's whitelist (127.0.0.1)
//
// jssdk: and gateway: rows register an identity app and two interfaces with
// `bin apps create` and `bin interfaces create` (the operator's CLI, run
// with the portal's environment), whose upstream is a small HTTP server in
// loadgen on 127.0.0.1. When loadgen starts the portal it sets
// PORTAL_POST_RATE=0 (all connections come from one address) and
// PORTAL_GATEWAY_ALLOW_HOSTS=127.0.0.1. With -url the operator starts the
// portal with those two settings, and runs loadgen with the portal's
// DATABASE_URL (or -db) and secret key (PORTAL_SECRET_KEY[_FILE], or the
// same PORTAL_DATA_DIR for the development key) in its environment.
//
// It only talks to the portal it started or was given, every loop is
// bounded in time, and a portal it started is stopped with SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
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
	maxReady    = 30 * time.Minute // a portal over 1,000,000 items builds its index for minutes
)

type options struct {
	bin      string
	db       string
	url      string // attach to this portal instead of starting one
	duration time.Duration
	warmup   time.Duration
	ready    time.Duration
	conns    int
	rate     int // requests per second per row, open loop (0: closed loop)
	entries  []entry
	markdown bool
	account  account
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// Demo account of models/usercenter (张三, L3): the user center and the
// JSSDK rows sign in as it.
const (
	demoLogin    = "13800138000"
	demoPassword = "Zwfw@2026demo" // #nosec G101 -- the published demo account's password (usercenter.DemoPassword, README); loadgen runs the portal with demo data
)

const usage = `usage: loadgen [-bin bin/portal] [-db postgres://…] [-url http://127.0.0.1:PORT] [-markdown] -paths ROW,ROW,…

A ROW is [LABEL=][KIND:]TARGET; LABEL names the row, | in TARGET rotates URLs (one per request):
  /path?q=x | get:/path    anonymous GET; 2xx and 3xx succeed (redirects are not followed)
  login:/me|/me/cases      GET signed in as -login (each connection signs in once before the clock); only 2xx succeed
  jssdk:                   JSSDK exchange: container getTicket, then SM2-signed ticket/verify and token/userinfo
  gateway:sm2              POST /gateway/:code, SM2-signed, to a loopback upstream in loadgen
  gateway:whitelist        GET /gateway/:code from the app's whitelist (127.0.0.1)
jssdk:/gateway: register an app and interfaces with "-bin apps create" / "interfaces create" in the portal's
environment; with -url start the portal with PORTAL_POST_RATE=0 PORTAL_GATEWAY_ALLOW_HOSTS=127.0.0.1 and give
loadgen its DATABASE_URL (or -db) and secret key (PORTAL_SECRET_KEY, or PORTAL_DATA_DIR for the dev key).

`

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	var o options
	var paths string
	fs.StringVar(&o.bin, "bin", "bin/portal", "portal binary to start, and to register the jssdk:/gateway: app with (make build writes bin/portal)")
	fs.StringVar(&o.db, "db", "", "postgres://… to run the portal on PostgreSQL (default: embedded SQLite with demo data); with -url, the database bin apps create writes to")
	fs.StringVar(&o.url, "url", "", "http://127.0.0.1:PORT of a portal already running: measure it instead of starting one")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "measuring time per row (at most 2m)")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load per row before measuring")
	fs.DurationVar(&o.ready, "ready-timeout", 2*time.Minute, "how long to wait for /readyz (at most 30m: the search index over 1M items takes minutes)")
	fs.IntVar(&o.conns, "conns", 64, "concurrent keep-alive connections (closed loop)")
	fs.IntVar(&o.rate, "rate", 0, "requests per second per row on a fixed schedule (open loop, latency counted from each request's scheduled time); 0 = closed loop")
	fs.BoolVar(&o.markdown, "markdown", false, "print one markdown table (page, path, req/s, p50, p95, p99, errors, ratio) and the machine line")
	fs.StringVar(&o.account.login, "login", demoLogin, "account login: and jssdk: rows sign in as")
	fs.StringVar(&o.account.password, "password", demoPassword, "its password (the demo account's by default)")
	fs.StringVar(&paths, "paths", "/healthz,/", "comma-separated rows [LABEL=][KIND:]TARGET: /path, a|b rotating, login:/me, jssdk:, gateway:sm2, gateway:whitelist; /healthz is always the first row")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.duration <= 0 || o.duration > maxDuration:
		return o, fmt.Errorf("-duration must be between 0 and %s", maxDuration)
	case o.warmup < 0 || o.warmup > maxDuration:
		return o, fmt.Errorf("-warmup must be between 0 and %s", maxDuration)
	case o.ready <= 0 || o.ready > maxReady:
		return o, fmt.Errorf("-ready-timeout must be between 0 and %s", maxReady)
	case o.rate < 0 || o.rate > 100_000:
		return o, errors.New("-rate must be between 0 and 100000")
	case o.conns < 1 || o.conns > maxConns:
		return o, fmt.Errorf("-conns must be between 1 and %d", maxConns)
	case o.db != "" && !strings.HasPrefix(o.db, "postgres://") && !strings.HasPrefix(o.db, "postgresql://"):
		return o, errors.New("-db must be a postgres:// URL")
	}
	if o.url != "" {
		u, err := url.Parse(o.url)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return o, fmt.Errorf("-url must be an origin like http://127.0.0.1:8080, got %q", o.url)
		}
		o.url = strings.TrimSuffix(o.url, "/")
	}
	var err error
	if o.entries, err = parseEntries(paths); err != nil {
		return o, err
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	base, env, where := o.url, os.Environ(), "attached to "+o.url
	if o.url == "" {
		p, err := startPortal(ctx, o.bin, o.db, o.ready)
		if err != nil {
			return err
		}
		defer func() {
			if err := p.stop(); err != nil {
				fmt.Fprintln(stderr, "loadgen: stopping the portal:", err)
			}
		}()
		base, env, where = p.base, p.env, "started "+o.bin+" at "+p.base
	} else {
		if o.db != "" {
			env = append(env, "DATABASE_URL="+o.db)
		}
		if os.Getenv("PORTAL_GATEWAY_ALLOW_HOSTS") == "" {
			// interfaces create checks the loopback upstream as the portal
			// will (which the operator started with this setting).
			env = append(env, "PORTAL_GATEWAY_ALLOW_HOSTS=127.0.0.1")
		}
		if err := waitURL(ctx, base, o.ready); err != nil {
			return err
		}
	}
	db := "SQLite (embedded, demo data)"
	switch {
	case o.db != "":
		db = "PostgreSQL"
	case o.url != "":
		db = "the database the portal was started with"
	}
	// The load generator shares the machine with the portal, and other
	// work skews the numbers: say what the machine was doing.
	machine := fmt.Sprintf("Machine: %d CPUs%s%s; DB: %s; portal %s; %d connections, %s per row after %s warm-up.",
		runtime.NumCPU(), cpuModel(), loadAvg(), db, where, o.conns, o.duration, o.warmup)
	if !o.markdown {
		fmt.Fprintln(stdout, machine)
		fmt.Fprintln(stdout)
	}
	client := newClient(o.conns)
	var fx *fixture
	needGateway := false
	for _, e := range o.entries {
		if e.needsApp() && fx == nil {
			for _, x := range o.entries {
				needGateway = needGateway || x.kind == kindGateway
			}
			if fx, err = registerFixture(ctx, o.bin, env, needGateway); err != nil {
				return err
			}
			defer fx.close()
		}
	}
	var stats []pathStats
	for _, e := range o.entries {
		steps, failed, why := buildSteps(ctx, client, base, e, o.conns, o.account, fx, 2*time.Minute)
		s := pathStats{label: e.label, path: e.path()}
		if len(steps) > 0 {
			if o.warmup > 0 {
				if w := measureAt(ctx, steps, o.warmup, o.rate); w.errors > 0 {
					fmt.Fprintf(stderr, "loadgen: %s: %d errors in the warm-up, first: %s\n", s.name(), w.errors, w.firstErr)
				}
			}
			s = measureAt(ctx, steps, o.duration, o.rate)
			s.label, s.path = e.label, e.path()
		}
		s.errors += failed
		if s.firstErr == "" {
			s.firstErr = why
		}
		if s.errors > 0 {
			fmt.Fprintf(stderr, "loadgen: %s: %d errors, first: %s\n", s.name(), s.errors, s.firstErr)
		}
		stats = append(stats, s)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if o.markdown {
		printMarkdown(stdout, stats, machine)
		return nil
	}
	printTable(stdout, stats)
	w, err := pageWeight(ctx, client, base+"/")
	if err != nil {
		return fmt.Errorf("home page weight: %w", err)
	}
	fmt.Fprintln(stdout)
	w.print(stdout)
	return nil
}

// waitURL waits for an attached portal's /readyz to answer 200.
func waitURL(ctx context.Context, base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	c := &http.Client{Timeout: 2 * time.Second}
	for {
		res, err := c.Get(base + "/readyz")
		if err == nil {
			res.Body.Close() // #nosec G104 -- load generator: readiness probe, only the status counts
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s/readyz not ready after %s (last: %v)", base, limit, errOrStatus(err, res))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func errOrStatus(err error, res *http.Response) string {
	if err != nil {
		return err.Error()
	}
	return res.Status
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

// cpuModel is the processor's name where the system shows it.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return " (" + strings.TrimSpace(v) + ")"
		}
	}
	return ""
}
