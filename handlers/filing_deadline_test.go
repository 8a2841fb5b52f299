package handlers

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// C 0103 9.4 b (server side): a request the server cannot finish in time
// ends with 503 and the request's context cancelled (so its queries stop),
// instead of keeping the visitor waiting; a quick one is untouched.
func TestC94b_ServerTimeLimitEndsSlowRequests(t *testing.T) {
	e := echo.New()
	cancelled := make(chan bool, 1)
	e.GET("/slow", func(c echo.Context) error {
		select {
		case <-c.Request().Context().Done():
			cancelled <- true
			return c.Request().Context().Err()
		case <-time.After(5 * time.Second):
			cancelled <- false
			return c.String(http.StatusOK, "late")
		}
	}, filingDeadline(100*time.Millisecond))
	e.GET("/quick", func(c echo.Context) error { return c.String(http.StatusOK, "ok") }, filingDeadline(100*time.Millisecond))
	start := time.Now()
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/slow", nil))
	if rec.Code != http.StatusServiceUnavailable || !<-cancelled || time.Since(start) > 2*time.Second {
		t.Fatalf("slow request: %d after %s", rec.Code, time.Since(start))
	}
	rec = httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/quick", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("quick request: %d", rec.Code)
	}
	if filingTimeLimit > 60*time.Second || filingTimeLimit <= 0 {
		t.Fatalf("the filing limit %s must be within the server's write timeout", filingTimeLimit)
	}
}
