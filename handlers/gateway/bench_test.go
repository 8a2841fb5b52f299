package gateway_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
	gw "github.com/zwfw/portal/models/gateway"
	gt "github.com/zwfw/portal/models/gateway/gatewaytest"
)

// Benchmarks of issue 10 (`go test -bench . -run '^$' ./handlers/gateway/`):
// the whole portal (Echo router and middleware, SQLite) on a loopback port,
// a loopback upstream answering example 7's envelope at once. Reported:
// requests/s, client p50/p99, and the gateway's overhead p99 = client
// latency − the upstream time the gateway measured (Server-Timing).

var (
	upstreamDur = regexp.MustCompile(`upstream;dur=([0-9.]+)`)
	gatewayDur  = regexp.MustCompile(`gateway;dur=([0-9.]+)`)
)

type sample struct{ total, upstream, gateway time.Duration }

// request is one prepared call.
type request struct {
	path string
	h    http.Header
	body []byte
	post bool
}

// hammer sends reqs with workers concurrent keep-alive clients and
// reports the figures.
func hammer(b *testing.B, env *handlertest.Env, workers int, reqs []request) {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}}
	samples := make([]sample, len(reqs))
	var next atomic.Int64
	var failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(reqs) {
					return
				}
				r := reqs[i]
				method := http.MethodGet
				var body io.Reader
				if r.post {
					method, body = http.MethodPost, bytesReader(r.body)
				}
				req, _ := http.NewRequest(method, env.Server.URL+r.path, body)
				req.Header = r.h.Clone()
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				s := sample{total: time.Since(t0)}
				if m := upstreamDur.FindStringSubmatch(res.Header.Get("Server-Timing")); m != nil {
					f, _ := strconv.ParseFloat(m[1], 64)
					s.upstream = time.Duration(f * float64(time.Millisecond))
				}
				if m := gatewayDur.FindStringSubmatch(res.Header.Get("Server-Timing")); m != nil {
					f, _ := strconv.ParseFloat(m[1], 64)
					s.gateway = time.Duration(f * float64(time.Millisecond))
				}
				if res.StatusCode != 200 {
					failed.Add(1)
				}
				samples[i] = s
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	b.StopTimer()
	if failed.Load() > 0 {
		b.Fatalf("%d of %d calls failed", failed.Load(), len(reqs))
	}
	totals := make([]time.Duration, len(samples))
	over := make([]time.Duration, len(samples))
	inner := make([]time.Duration, len(samples))
	for i, s := range samples {
		totals[i], over[i], inner[i] = s.total, s.total-s.upstream, s.gateway-s.upstream
	}
	b.ReportMetric(float64(len(reqs))/elapsed.Seconds(), "req/s")
	// The machine is shared: calls per CPU-second this process (client,
	// portal and upstream together) used is the capacity per free core.
	b.ReportMetric(float64(len(reqs))/cpu.Seconds(), "req/cpu-s")
	b.ReportMetric(us(pct(totals, 0.50)), "p50-µs")
	b.ReportMetric(us(pct(totals, 0.99)), "p99-µs")
	b.ReportMetric(us(pct(over, 0.99)), "overhead-p99-µs")
	b.ReportMetric(us(pct(over, 0.50)), "overhead-p50-µs")
	b.ReportMetric(us(pct(inner, 0.99)), "handler-overhead-p99-µs")
}

func us(d time.Duration) float64 { return float64(d.Microseconds()) }

func pct(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// setup registers routes interfaces and consumers apps, every app allowed
// on every route, limits high enough not to bind.
func setup(b *testing.B, routes, consumers int, auth, method string) (*handlertest.Env, []gt.Consumer) {
	env := handlertest.New(b, allowLoopback)
	up := gt.NewUpstream(b)
	svc := gt.Service(b, env.Store)
	cons := make([]gt.Consumer, consumers)
	for i := range cons {
		cons[i] = gt.App(b, env.Store, "127.0.0.1", 0)
	}
	for r := 0; r < routes; r++ {
		gt.Interface(b, svc, cons[0], fmt.Sprintf("bench.r%d", r), up.URL+"/q", method, auth, func(f *gw.Form) {
			f.Consumers, f.RatePerMin = "*", "1000000"
		})
	}
	return env, cons
}

func whitelistReqs(n, routes int, cons []gt.Consumer) []request {
	reqs := make([]request, n)
	for i := range reqs {
		c := cons[(i*7919)%len(cons)]
		reqs[i] = request{path: fmt.Sprintf("/gateway/bench.r%d?region=330000&pf=gov", (i*104729)%routes),
			h: http.Header{"X-App-Id": {c.App.Key()}}}
	}
	return reqs
}

// BenchmarkWhitelist is whitelist mode, routes × consumers as in Kong's
// published benchmark table (1×1, 100×100), 32 concurrent clients.
func BenchmarkWhitelist(b *testing.B) {
	for _, rc := range [][2]int{{1, 1}, {100, 100}} {
		b.Run(fmt.Sprintf("routes=%d,consumers=%d", rc[0], rc[1]), func(b *testing.B) {
			env, cons := setup(b, rc[0], rc[1], gw.AuthWhitelist, "GET")
			hammer(b, env, 32, whitelistReqs(max(b.N, 1), rc[0], cons))
		})
	}
}

// BenchmarkOverhead is one client at a time: the gateway's own cost
// without queueing.
func BenchmarkOverhead(b *testing.B) {
	env, cons := setup(b, 1, 1, gw.AuthWhitelist, "GET")
	hammer(b, env, 1, whitelistReqs(max(b.N, 1), 1, cons))
}

// BenchmarkSM2 is SM2-signed POSTs (signatures made before the clock
// starts: SM2 verification, about 1.2 ms of CPU, is on the portal's side).
func BenchmarkSM2(b *testing.B) {
	for _, rc := range [][2]int{{1, 1}, {100, 100}} {
		b.Run(fmt.Sprintf("routes=%d,consumers=%d", rc[0], rc[1]), func(b *testing.B) {
			env, cons := setup(b, rc[0], rc[1], gw.AuthSM2, "POST")
			reqs := make([]request, max(b.N, 1))
			body := []byte(`{"region":"330000","pf":"gov"}`)
			for i := range reqs {
				c := cons[(i*7919)%len(cons)]
				path := fmt.Sprintf("/gateway/bench.r%d", (i*104729)%rc[0])
				h, err := c.Client.Sign("POST", path, body)
				if err != nil {
					b.Fatal(err)
				}
				h.Set("Content-Type", "application/json")
				reqs[i] = request{path: path, h: h, body: body, post: true}
			}
			hammer(b, env, 8, reqs)
		})
	}
}

func bytesReader(b []byte) io.Reader { return &byteReader{b: b} }

type byteReader struct{ b []byte }

func (r *byteReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

// cpuTime is the CPU time (user + system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
