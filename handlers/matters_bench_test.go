package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
)

// Issue 3 asks for the guide page and the finder to render in a few
// milliseconds; these run them through the whole router (middleware,
// database reads, rendering), without the network. /healthz is the floor.
//
//	go test ./handlers -run '^$' -bench 'Guide|Finder|Healthz' -benchmem
func BenchmarkNavigationPages(b *testing.B) {
	env := handlertest.NewWithDemo(b)
	code := matItemCode(b, env, matTarget, "i.region_code = ?", "330106")
	for _, bc := range []struct{ name, path string }{
		{"Healthz", "/healthz"},
		{"Guide", "/matters/" + code},
		{"FinderAll", "/matters"},
		{"FinderThreeFilters", "/matters?audience=natural&type=07&scope=national&sort=popular"},
		{"Dimension", "/matters/by/theme"},
		{"SubSite", "/sites/330000"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for _, gz := range []bool{false, true} {
				name := "plain"
				if gz {
					name = "gzip"
				}
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					cpu0 := matCPU()
					for b.Loop() {
						req := httptest.NewRequest(http.MethodGet, bc.path, nil)
						if gz {
							req.Header.Set("Accept-Encoding", "gzip")
						}
						w := httptest.NewRecorder()
						env.App.Echo.ServeHTTP(w, req)
						if w.Code != http.StatusOK {
							b.Fatalf("%s = %d", bc.path, w.Code)
						}
					}
					// CPU time per request, which a busy machine inflates far
					// less than wall time (ns/op).
					b.ReportMetric(float64((matCPU()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
				})
			}
		})
	}
}

// matCPU is the process's user+system CPU time so far.
func matCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
