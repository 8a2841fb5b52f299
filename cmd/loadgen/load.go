package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"text/tabwriter"
	"time"
)

// newClient keeps up to conns connections alive to the portal and leaves
// the body compressed, as a browser receives it.
func newClient(conns int) *http.Client {
	tr := &http.Transport{
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true, // we send Accept-Encoding ourselves and count raw bytes
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// pathStats is one measured path.
type pathStats struct {
	path      string
	elapsed   time.Duration
	latencies []time.Duration // sorted
	errors    int
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

// load runs a closed loop: conns workers each send the next request as soon
// as the previous one is answered, until d has passed. Every latency of a
// 200 answer is kept; anything else counts as an error.
func load(ctx context.Context, client *http.Client, url string, conns int, d time.Duration) pathStats {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	start := time.Now()
	var wg sync.WaitGroup
	for range conns {
		wg.Go(func() {
			mine, bad := worker(ctx, client, url)
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(all)
	return pathStats{elapsed: time.Since(start), latencies: all, errors: errs}
}

func worker(ctx context.Context, client *http.Client, url string) (lat []time.Duration, errs int) {
	for ctx.Err() == nil {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		t0 := time.Now()
		res, err := client.Do(req)
		if err != nil {
			if ctx.Err() == nil { // a request cut by the end of the run is not an error
				errs++
			}
			continue
		}
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		took := time.Since(t0)
		switch {
		case ctx.Err() != nil && err != nil:
		case err != nil || res.StatusCode != http.StatusOK:
			errs++
		default:
			lat = append(lat, took)
		}
	}
	return lat, errs
}

// printTable prints one row per path; the ratio compares each path's
// throughput with /healthz (always the first row) from the same run.
func printTable(w io.Writer, stats []pathStats) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "path\trequests/s\tp50\tp95\tp99\terrors\tvs /healthz\t")
	var base float64
	for i, s := range stats {
		if i == 0 {
			base = s.rps()
		}
		ratio := 0.0
		if base > 0 {
			ratio = s.rps() / base
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%s\t%s\t%s\t%d\t%.3f\t\n", s.path, s.rps(),
			ms(s.percentile(0.50)), ms(s.percentile(0.95)), ms(s.percentile(0.99)), s.errors, ratio)
	}
	tw.Flush()
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000)
}
