package web_test

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models/modelstest"
)

// Sessions live in the database: the cookie carries only a signed ID, a
// rotated session invalidates the old ID (no fixation), and logout deletes it.
func TestDBSessionStoreRotatesAndDestroys(t *testing.T) {
	st := modelstest.Open(t)
	store := web.NewDBStore(st, []byte("0123456789abcdef0123456789abcdef"), []byte("0123456789abcdef0123456789abcdef"), false)
	e := echo.New()
	e.Use(web.WithSessions(store))
	e.GET("/set", func(c echo.Context) error {
		web.Session(c).Values["user"] = "u1"
		return web.SaveSession(c)
	})
	e.GET("/get", func(c echo.Context) error {
		v, _ := web.Session(c).Values["user"].(string)
		return c.String(200, v)
	})
	e.GET("/rotate", func(c echo.Context) error { return web.RotateSession(c) })
	e.GET("/logout", func(c echo.Context) error { return web.DestroySession(c) })
	srv := httptest.NewServer(e)
	defer srv.Close()

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	get := func(c *http.Client, p string) (string, []*http.Cookie) {
		res, err := c.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b := make([]byte, 64)
		n, _ := res.Body.Read(b)
		return string(b[:n]), res.Cookies()
	}
	_, cookies := get(client, "/set")
	if len(cookies) != 1 || cookies[0].HttpOnly != true || cookies[0].SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie must be HttpOnly and SameSite=Lax: %+v", cookies)
	}
	if got, _ := get(client, "/get"); got != "u1" {
		t.Fatalf("value not kept across requests: %q", got)
	}
	fixed := cookies[0]
	get(client, "/rotate")
	if got, _ := get(client, "/get"); got != "u1" {
		t.Fatalf("rotation lost the values: %q", got)
	}
	// An attacker holding the pre-rotation cookie gets nothing.
	other := &http.Client{}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/get", nil)
	req.AddCookie(fixed)
	res, err := other.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 8)
	n, _ := res.Body.Read(b)
	res.Body.Close()
	if string(b[:n]) != "" {
		t.Fatal("the old session ID still works after rotation")
	}
	get(client, "/logout")
	if got, _ := get(client, "/get"); got != "" {
		t.Fatalf("session survived logout: %q", got)
	}
	var rows int64
	st.DB.Table("web_sessions").Count(&rows)
	if rows != 0 {
		t.Fatalf("%d session rows left after logout", rows)
	}
}

func TestSafeReturnRefusesOtherOrigins(t *testing.T) {
	for raw, want := range map[string]string{
		"/matters?x=1":         "/matters?x=1",
		"//evil.example/":      "/",
		"https://evil.example": "/",
		"/\\evil.example":      "/",
		"":                     "/",
		"javascript:alert(1)":  "/",
	} {
		if got := web.SafeReturn(raw, "/"); got != want {
			t.Errorf("SafeReturn(%q) = %q, want %q", raw, got, want)
		}
	}
}
