package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// newClient keeps up to conns connections alive to the portal and leaves
// the body compressed, as a browser receives it. Redirects are answers, not
// followed: a signed-in page that redirects to /login must show as an error.
func newClient(conns int) *http.Client {
	tr := &http.Transport{
		MaxIdleConns:        conns + 8,
		MaxIdleConnsPerHost: conns + 8,
		MaxConnsPerHost:     conns + 8, // + the setup calls beside the loop
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true, // we send Accept-Encoding ourselves and count raw bytes
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second, CheckRedirect: noRedirect}
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// pathStats is one measured row.
type pathStats struct {
	label     string // page name ("" = path)
	path      string
	elapsed   time.Duration
	latencies []time.Duration // sorted
	errors    int
	firstErr  string // the first error, to say why a row failed
}

func (s pathStats) name() string {
	if s.label != "" {
		return s.label
	}
	return s.path
}

func (s pathStats) rps() float64 {
	if s.elapsed <= 0 {
		return 0
	}
	return float64(len(s.latencies)+s.errors) / s.elapsed.Seconds()
}

// percentile returns the q-quantile (0..1) of the sorted latencies, by the
// nearest-rank method.
func (s pathStats) percentile(q float64) time.Duration {
	n := len(s.latencies)
	if n == 0 {
		return 0
	}
	i := int(q*float64(n)+0.999999) - 1
	return s.latencies[min(max(i, 0), n-1)]
}

// step sends one request (or, for the JSSDK, one whole exchange) and says
// whether it failed. Each connection of the closed loop has its own step.
type step func(ctx context.Context) error

// measure runs every step in a closed loop, each sending the next request as
// soon as the previous one is answered, until d has passed. A request in
// flight at the end is let finish (within the client's timeout) and
// counted: cutting it would cancel work inside the portal, and the gateway,
// for one, counts a cancelled upstream call as a failure of the source.
func measure(ctx context.Context, steps []step, d time.Duration) pathStats {
	var mu sync.Mutex
	var s pathStats
	start := time.Now()
	end := start.Add(d)
	var wg sync.WaitGroup
	for _, st := range steps {
		wg.Go(func() {
			var lat []time.Duration
			errs, first := 0, ""
			for ctx.Err() == nil && time.Now().Before(end) {
				t0 := time.Now()
				err := st(ctx)
				took := time.Since(t0)
				switch {
				case ctx.Err() != nil: // interrupted (Ctrl-C): not a result
				case err != nil:
					errs++
					if first == "" {
						first = err.Error()
					}
				default:
					lat = append(lat, took)
				}
			}
			mu.Lock()
			s.latencies = append(s.latencies, lat...)
			s.errors += errs
			if s.firstErr == "" {
				s.firstErr = first
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	s.elapsed = time.Since(start)
	slices.Sort(s.latencies)
	return s
}

// measureAt is measure when rate is 0, and otherwise an open loop: requests
// are scheduled rate per second for d and handed to the steps as they come
// free; each latency runs from the request's scheduled time, so time spent
// waiting for a free connection counts (no coordinated omission). It answers
// "at this load, how fast", where the closed loop answers "how much load".
func measureAt(ctx context.Context, steps []step, d time.Duration, rate int) pathStats {
	if rate <= 0 {
		return measure(ctx, steps, d)
	}
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	due := make(chan time.Time, len(steps))
	go func() {
		defer close(due)
		for t := start; t.Before(start.Add(d)); t = t.Add(interval) {
			select {
			case <-time.After(time.Until(t)):
			case <-ctx.Done():
				return
			}
			select {
			case due <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	var mu sync.Mutex
	var s pathStats
	var wg sync.WaitGroup
	for _, st := range steps {
		wg.Go(func() {
			for t := range due {
				err := st(ctx)
				took := time.Since(t)
				mu.Lock()
				switch {
				case ctx.Err() != nil:
				case err != nil:
					s.errors++
					if s.firstErr == "" {
						s.firstErr = err.Error()
					}
				default:
					s.latencies = append(s.latencies, took)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	s.elapsed = time.Since(start)
	slices.Sort(s.latencies)
	return s
}

// getStep GETs the URLs in turn from offset, gzip accepted. 2xx and 3xx
// answers succeed, or only 2xx when signedIn (a redirect then means the
// session was lost).
func getStep(client *http.Client, urls []string, offset int, signedIn bool) step {
	i := offset
	return func(ctx context.Context) error {
		u := urls[i%len(urls)]
		i++
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close() // #nosec G104 -- load generator: closing a drained response, the copy error is the one that counts
		if err != nil {
			return err
		}
		if res.StatusCode < 200 || res.StatusCode >= 400 || (signedIn && res.StatusCode >= 300) {
			return fmt.Errorf("GET %s: %s", u, res.Status)
		}
		return nil
	}
}

// load is a plain GET of url over conns connections for d.
func load(ctx context.Context, client *http.Client, url string, conns int, d time.Duration) pathStats {
	steps := make([]step, conns)
	for i := range steps {
		steps[i] = getStep(client, []string{url}, 0, false)
	}
	return measure(ctx, steps, d)
}

// ratio is each row's throughput over /healthz's (always the first row).
func ratio(stats []pathStats, i int) float64 {
	if len(stats) == 0 || stats[0].rps() <= 0 {
		return 0
	}
	return stats[i].rps() / stats[0].rps()
}

// printTable prints one row per path; the ratio compares each path's
// throughput with /healthz (always the first row) from the same run.
func printTable(w io.Writer, stats []pathStats) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "page\tpath\trequests/s\tp50\tp95\tp99\terrors\tvs /healthz\t")
	for i, s := range stats {
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t%s\t%s\t%s\t%d\t%.3f\t\n", s.label, s.path, s.rps(),
			ms(s.percentile(0.50)), ms(s.percentile(0.95)), ms(s.percentile(0.99)), s.errors, ratio(stats, i))
	}
	tw.Flush() // #nosec G104 -- the table goes to stdout for the operator; a failed write there has nowhere else to be reported
}

// printMarkdown prints the table for docs/performance.md and the machine
// line under it.
func printMarkdown(w io.Writer, stats []pathStats, machine string) {
	fmt.Fprintln(w, "| page | path | req/s | p50 | p95 | p99 | errors | ratio to /healthz |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
	for i, s := range stats {
		fmt.Fprintf(w, "| %s | `%s` | %.0f | %s | %s | %s | %d | %.3f |\n", mdCell(s.name()), strings.ReplaceAll(s.path, "|", "\\|"),
			s.rps(), ms(s.percentile(0.50)), ms(s.percentile(0.95)), ms(s.percentile(0.99)), s.errors, ratio(stats, i))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, machine)
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000)
}
