package apps_test

import (
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/apps/sdk"
	"github.com/zwfw/portal/models/gmcrypto"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportOps adds the operations per second one core sustains, from the
// CPU time used (robust when other processes share the machine).
func reportOps(b *testing.B, start time.Duration) {
	per := float64(cpuTime()-start) / float64(b.N)
	b.ReportMetric(1e9/per, "ops/s/core")
}

// SM2 with tjfoc/gmsm through models/gmcrypto, on the protocol's
// canonical string (issue 9: measure sign and verify operations per second).
//
//	go test -run x -bench SM2 ./models/apps
func BenchmarkSM2Sign(b *testing.B) {
	kp, _ := gmcrypto.GenerateKeyPair()
	msg := []byte(sdk.Canonical("POST", sdk.PathVerify, 1767225600, "4f1c2a9e7b3d5f60a1b2c3d4e5f60718", []byte(`{"ticket":"x"}`)))
	cpu := cpuTime()
	for b.Loop() {
		if _, err := kp.Sign(msg); err != nil {
			b.Fatal(err)
		}
	}
	reportOps(b, cpu)
}

func BenchmarkSM2Verify(b *testing.B) {
	kp, _ := gmcrypto.GenerateKeyPair()
	msg := []byte(sdk.Canonical("POST", sdk.PathVerify, 1767225600, "4f1c2a9e7b3d5f60a1b2c3d4e5f60718", []byte(`{"ticket":"x"}`)))
	sig, _ := kp.Sign(msg)
	pub := kp.Public()
	cpu := cpuTime()
	for b.Loop() {
		if !pub.Verify(msg, sig) {
			b.Fatal("verify failed")
		}
	}
	reportOps(b, cpu)
}

// BenchmarkAuthenticateSigned is the whole request check: app lookup,
// timestamp, SM2 verification and the nonce written to the database.
func BenchmarkAuthenticateSigned(b *testing.B) {
	svc, c := setup(b)
	_, cl := mkApp(b, svc, c, apps.TypeIdentity, "https://bench.example")
	body := []byte(`{"ticket":"x"}`)
	reqs := make([]apps.Request, b.N)
	for i := range reqs {
		h, _ := cl.SignAt("POST", sdk.PathVerify, body, c.Unix(), "bench-nonce-"+strconv.Itoa(i))
		reqs[i] = apps.Request{Method: "POST", Path: sdk.PathVerify, Body: body, AppKey: cl.AppID,
			Timestamp: h.Get("X-Timestamp"), Nonce: h.Get("X-Nonce"), Signature: h.Get("X-Signature")}
	}
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := svc.Authenticate(ctx, reqs[i], ""); err != nil {
			b.Fatal(err)
		}
	}
	reportOps(b, cpu)
}
