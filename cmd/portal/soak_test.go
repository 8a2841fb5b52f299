package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
)

// TestSoak is issue 13 item 4, run by `make soak` (SOAK_DURATION=10m): the
// built portal over its own scratch PostgreSQL database with the demo data,
// 16 keep-alive connections of mixed load (home, guide, finder, search,
// suggestions, sign-in + /me, a consultation now and then) for
// SOAK_DURATION. RSS (/proc/PID/status) and the goroutine count (from the
// PORTAL_DEBUG_ADDR pprof listener) are sampled every 10 s. From the minute
// after a 1-minute warm-up to the last minute, RSS must grow by less than
// 10 %, goroutines by at most 25, throughput must not halve, and no request
// may fail. Skipped unless SOAK_DURATION and TEST_DATABASE_URL are set.
func TestSoak(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("SOAK_DURATION"))
	if err != nil || d <= 0 {
		t.Skip("set SOAK_DURATION (e.g. 10m) to run the soak test: make soak")
	}
	const warmup, every = time.Minute, 10 * time.Second
	if d < warmup+2*time.Minute {
		t.Fatalf("SOAK_DURATION %s is shorter than the 1-minute warm-up plus two minutes to compare", d)
	}
	fx := postgresFixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	debug := ln.Addr().String()
	ln.Close()
	// PORTAL_POST_RATE=0: 16 connections from one address would otherwise
	// spend the per-IP POST budget of a browser.
	p := startServe(t, fx.bin, fx.env(map[string]string{"PORTAL_DEBUG_ADDR": debug, "PORTAL_POST_RATE": "0"}))
	st, err := models.Open(t.Context(), fx.dsn, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var code string
	st.DB.Raw("SELECT code FROM matter_items WHERE status = 'published' ORDER BY code LIMIT 1").Scan(&code)
	st.Close()

	paths := []string{"/", "/matters/" + code, "/matters", "/matters/by/theme", "/search?q=" + url.QueryEscape("身份证"),
		"/api/v1/search/suggest?q=" + url.QueryEscape("社保"), "/search?q=" + url.QueryEscape("营业执照"), "/consultations"}
	var requests, errs atomic.Int64
	var errMu sync.Mutex
	var firstErrs []string
	fail := func(what string) {
		errs.Add(1)
		errMu.Lock()
		if len(firstErrs) < 10 {
			firstErrs = append(firstErrs, what)
		}
		errMu.Unlock()
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			jar, _ := cookiejar.New(nil)
			c := client(jar)
			c.Transport = &http.Transport{MaxIdleConnsPerHost: 1}
			do := func(req *http.Request, want int) {
				requests.Add(1)
				res, err := c.Do(req)
				if err != nil {
					fail(fmt.Sprintf("%s %s: %v", req.Method, req.URL.Path, err))
					return
				}
				io.Copy(io.Discard, res.Body) //nolint:errcheck
				res.Body.Close()
				if res.StatusCode != want {
					fail(fmt.Sprintf("%s %s: %d", req.Method, req.URL.RequestURI(), res.StatusCode))
				}
			}
			getReq := func(path string) *http.Request { r, _ := http.NewRequest(http.MethodGet, p.base+path, nil); return r }
			postReq := func(path string, form url.Values) *http.Request {
				r, _ := http.NewRequest(http.MethodPost, p.base+path, strings.NewReader(form.Encode()))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				return r
			}
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				switch {
				case i%4 == 0 && n%40 == 0: // sign in afresh (a new browser), then the user center
					jar, _ = cookiejar.New(nil)
					c.Jar = jar
					do(getReq("/login"), http.StatusOK)
					do(postReq("/login", url.Values{"_csrf": {csrfOf(jar, p.base)}, "login": {usercenter.DemoPhone},
						"password": {usercenter.DemoPassword}}), http.StatusSeeOther)
					do(getReq("/me"), http.StatusOK)
				case i%4 == 0 && n%40 == 20: // a consultation now and then
					do(postReq("/consultations", url.Values{"_csrf": {csrfOf(jar, p.base)}, "action": {"submit"}, "item_code": {code},
						"name": {"张三"}, "phone": {"13800138000"}, "title": {fmt.Sprintf("长稳测试咨询 %d-%d", i, n)},
						"content": {"长时间运行测试提交的咨询内容"}, "public": {"no"}}), http.StatusSeeOther)
				case i%4 == 0 && n%2 == 1:
					do(getReq("/me"), http.StatusOK)
				default:
					do(getReq(paths[(i+n)%len(paths)]), http.StatusOK)
				}
			}
		}(i)
	}

	type sample struct {
		at         time.Duration
		rssKB      int64
		goroutines int
		requests   int64
	}
	var samples []sample
	start := time.Now()
	tick := time.NewTicker(every)
	for range tick.C {
		s := sample{at: time.Since(start).Round(time.Second), rssKB: vmRSS(t, p.cmd.Process.Pid), goroutines: goroutines(t, debug), requests: requests.Load()}
		rate := float64(s.requests) / every.Seconds()
		if len(samples) > 0 {
			rate = float64(s.requests-samples[len(samples)-1].requests) / every.Seconds()
		}
		samples = append(samples, s)
		t.Logf("%6s  RSS %6.1f MB  goroutines %4d  requests %8d (%5.0f/s)  errors %d", s.at, float64(s.rssKB)/1024, s.goroutines, s.requests, rate, errs.Load())
		if time.Since(start) >= d {
			break
		}
	}
	tick.Stop()
	close(stop)
	wg.Wait()

	// Baseline: the minute after the warm-up; end: the last minute. Averages
	// of six samples each, because RSS swings by ±10 % with the garbage
	// collector's cycle and one sample's timing must not decide.
	var base, end []sample
	for _, s := range samples {
		if s.at >= warmup && len(base) < 6 {
			base = append(base, s)
		}
	}
	end = samples[max(len(samples)-6, len(samples)-len(base)):]
	avg := func(ss []sample) (rss float64, g float64) {
		for _, s := range ss {
			rss += float64(s.rssKB)
			g += float64(s.goroutines)
		}
		return rss / float64(len(ss)), g / float64(len(ss))
	}
	baseRSS, baseG := avg(base)
	endRSS, endG := avg(end)
	growth := (endRSS - baseRSS) / baseRSS * 100
	total := requests.Load()
	t.Logf("soak %s: %d requests (%.0f/s), %d errors; RSS after warm-up %.1f MB, at the end %.1f MB (%+.1f %%); goroutines %.0f → %.0f",
		d, total, float64(total)/time.Since(start).Seconds(), errs.Load(), baseRSS/1024, endRSS/1024, growth, baseG, endG)
	if n := errs.Load(); n > 0 {
		t.Errorf("%d requests failed, first: %s", n, strings.Join(firstErrs, "; "))
	}
	if growth >= 10 {
		t.Errorf("RSS grew by %.1f %% after the warm-up (limit 10 %%)", growth)
	}
	// Throughput over the same two windows: a page that slows down as
	// tables grow (the query log, footprints) shows here before anywhere else.
	rateOf := func(ss []sample) float64 {
		i := slices.Index(samples, ss[0])
		if i == 0 {
			return float64(ss[len(ss)-1].requests) / ss[len(ss)-1].at.Seconds()
		}
		prev := samples[i-1]
		return float64(ss[len(ss)-1].requests-prev.requests) / (ss[len(ss)-1].at - prev.at).Seconds()
	}
	baseRate, endRate := rateOf(base), rateOf(end)
	t.Logf("throughput: %.0f requests/s in the minute after the warm-up, %.0f/s in the last minute", baseRate, endRate)
	if endRate < baseRate/2 {
		t.Errorf("throughput fell from %.0f to %.0f requests/s under the same load: something slows down as data accumulates", baseRate, endRate)
	}
	if endG > baseG+25 {
		t.Errorf("goroutines grew from %.0f to %.0f after the warm-up: a leak", baseG, endG)
	}
}

// vmRSS is the resident set of pid in kB.
func vmRSS(t *testing.T, pid int) int64 {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	t.Fatal("no VmRSS in /proc status")
	return 0
}

// goroutines reads the count from the pprof listener's goroutine profile
// ("goroutine profile: total N").
func goroutines(t *testing.T, debugAddr string) int {
	res, err := http.Get("http://" + debugAddr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatalf("debug listener: %v", err)
	}
	defer res.Body.Close()
	line, _ := bufio.NewReader(res.Body).ReadString('\n')
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "goroutine profile: total")))
	if err != nil {
		t.Fatalf("goroutine profile starts %q", line)
	}
	return n
}

// PORTAL_DEBUG_ADDR serves pprof on loopback only: any other address stops
// the start with one line naming the variable.
func TestDebugAddrIsLoopbackOnly(t *testing.T) {
	for _, ok := range []string{"", "127.0.0.1:6060", "[::1]:6060", "localhost:6060"} {
		if _, err := loadConfig(env(map[string]string{"PORTAL_DEBUG_ADDR": ok, "PORTAL_DATA_DIR": t.TempDir()})); err != nil {
			t.Errorf("PORTAL_DEBUG_ADDR=%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{":6060", "0.0.0.0:6060", "10.1.2.3:6060", "example.com:6060", "6060"} {
		_, err := loadConfig(env(map[string]string{"PORTAL_DEBUG_ADDR": bad, "PORTAL_DATA_DIR": t.TempDir()}))
		if err == nil || !strings.Contains(err.Error(), "PORTAL_DEBUG_ADDR") {
			t.Errorf("PORTAL_DEBUG_ADDR=%q accepted (%v): pprof must not face the network", bad, err)
		}
	}
}
