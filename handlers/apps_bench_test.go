package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/gmcrypto"
)

// benchApp makes an online identity app, a consenting user and n tickets.
func benchApp(b *testing.B, n int) (*handlertest.Env, *sdk.Client, []string) {
	env := handlertest.New(b)
	svc, _ := apps.NewService(env.Store, testSecret, nil)
	kp, _ := gmcrypto.GenerateKeyPair()
	pub, _ := kp.PublicKeyPEM()
	ctx := context.Background()
	a, key, err := svc.CreateOnline(ctx, apps.Form{Name: "压测应用", Type: apps.TypeIdentity, OwnerOrg: "某局",
		EntryURL: "https://bench.example/"}, apps.Credentials{SM2PublicKey: string(pub), Whitelist: "127.0.0.0/8"})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC()
	env.Store.DB.Exec(`INSERT INTO users (kind, phone, name, id_number, level, session_epoch, created_at, updated_at)
		VALUES ('natural', '13700000000', '张三', '11010519491231002X', 3, 1, ?, ?)`, now, now)
	var uid int64
	env.Store.DB.Raw("SELECT id FROM users WHERE phone = '13700000000'").Scan(&uid)
	if err := svc.GrantConsent(ctx, uid, a); err != nil {
		b.Fatal(err)
	}
	tickets := make([]string, n)
	for i := range tickets {
		if tickets[i], err = svc.IssueTicket(ctx, a, uid); err != nil {
			b.Fatal(err)
		}
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	return env, &sdk.Client{BaseURL: env.Server.URL, AppID: a.Key(), PrivateKey: kp, SM4Key: key,
		HTTP: &http.Client{Transport: tr}}, tickets
}

// cpuTime is the CPU time this process (portal and client) has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU cost per operation and the throughput that cost
// allows on two dedicated cores: a number that holds even when other
// processes share the machine during the run.
func reportCPU(b *testing.B, start time.Duration, unit string) {
	per := float64(cpuTime()-start) / float64(b.N) / 1e6
	b.ReportMetric(per, "cpu-ms/"+unit)
	b.ReportMetric(2000/per, unit+"s/s-on-2-cores")
}

// BenchmarkJSSDKExchangeSigned is the full hand-off an app's back end makes
// per user: signed verify + signed userinfo + decrypt, with the app's
// signing done in the same process (so both sides share the CPUs).
//
//	go test -run x -bench JSSDKExchange -cpu 2 ./handlers
func BenchmarkJSSDKExchangeSigned(b *testing.B) {
	_, cl, tickets := benchApp(b, b.N+1)
	var mu sync.Mutex
	next := 0
	b.ResetTimer()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			t := tickets[next]
			next++
			mu.Unlock()
			if _, err := cl.Exchange(context.Background(), t); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "exchanges/s")
	reportCPU(b, cpu, "exchange")
}

// BenchmarkJSSDKExchangeUnsigned measures the two calls without signature
// verification (whitelist authentication) and reports their p95: the
// portal's own cost of the hand-off.
func BenchmarkJSSDKExchangeUnsigned(b *testing.B) {
	_, cl, tickets := benchApp(b, b.N+1)
	cl.PrivateKey = nil
	var mu sync.Mutex
	next := 0
	var lat []time.Duration
	b.ResetTimer()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			mu.Lock()
			t := tickets[next]
			next++
			mu.Unlock()
			start := time.Now()
			g, err := cl.VerifyTicket(context.Background(), t)
			mid := time.Now()
			if err == nil {
				_, err = cl.FetchUserInfo(context.Background(), g.Token)
			}
			if err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, mid.Sub(start), time.Since(mid))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms/call")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "exchanges/s")
	reportCPU(b, cpu, "exchange")
}

// BenchmarkJSSDKVerifyPresigned is the portal's side alone of a signed
// verify call: requests are signed before the timer starts.
func BenchmarkJSSDKVerifyPresigned(b *testing.B) {
	env, cl, tickets := benchApp(b, b.N+1)
	type req struct {
		body []byte
		h    http.Header
	}
	reqs := make([]req, b.N)
	for i := range reqs {
		body, _ := json.Marshal(map[string]string{"app_id": cl.AppID, "ticket": tickets[i]})
		h, _ := cl.Sign("POST", sdk.PathVerify, body)
		reqs[i] = req{body, h}
	}
	hc := cl.HTTP
	var mu sync.Mutex
	next := 0
	b.ResetTimer()
	cpu := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			r := reqs[next]
			next++
			mu.Unlock()
			hr, _ := http.NewRequest(http.MethodPost, env.Server.URL+sdk.PathVerify, bytes.NewReader(r.body))
			hr.Header = r.h
			res, err := hc.Do(hr)
			if err != nil || res.StatusCode != http.StatusOK {
				b.Errorf("verify: %v %v", err, res)
				return
			}
			res.Body.Close()
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
	reportCPU(b, cpu, "call")
}
