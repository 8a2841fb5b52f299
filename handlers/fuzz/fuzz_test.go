package fuzz_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
)

// formPaths are public forms a visitor can post without an account, plus
// one that needs it (the answer is then a redirect to the login page).
var formPaths = []string{"/login", "/register", "/region", "/me/favourites", "/prefs"}

// FuzzFormPosts: no form body, however malformed (bad percent-encoding,
// repeated keys, control characters, huge values), makes a public form
// answer 500; a bad form is a 4xx or a re-rendered page, never an error.
func FuzzFormPosts(f *testing.F) {
	env := handlertest.NewWithDemo(f)
	c := env.Client()
	token := c.CSRF()
	for _, s := range []string{"", "login=13800138000&password=x", "login=%ZZ&password=%", "province=330000&city=330100&county=330106",
		"a=1&a=2&a=3", "kind=matter&ref=" + strings.Repeat("A", 5000), "return_to=//evil.example/", "return_to=javascript:alert(1)",
		"phone=\x00\x01&code=😀", "lang=xx&elder=1", "=&&==", "password=" + strings.Repeat("密", 2000)} {
		for i := range formPaths {
			f.Add(i, s)
		}
	}
	f.Fuzz(func(t *testing.T, which int, body string) {
		path := formPaths[(which%len(formPaths)+len(formPaths))%len(formPaths)]
		// The raw body, as sent: the portal's form decoding is under test.
		req, err := http.NewRequest(http.MethodPost, env.Server.URL+path, strings.NewReader("_csrf="+token+"&"+body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		status, text := do(t, c.HTTP, req)
		if status >= 500 {
			t.Fatalf("POST %s %q = %d\n%.300s", path, body, status, text)
		}
	})
}

// FuzzPageQueries: any query string on the search and finder pages (the
// search box's text, scope, filters, page, sort, region cascade) is
// answered 200 with the page, never 500 (issue 3 and 4 "Bad input").
func FuzzPageQueries(f *testing.F) {
	env := handlertest.NewWithDemo(f)
	c := env.Client()
	for _, s := range []string{"q=身份证", "q=sfz&scope=natural", "q=%E8%BA%AB&page=999999", "q=shenfenzhen&exact=1",
		"type=99&audience=x&dept=N999&theme_n=999&level=9&scope=zz&online=2&page=-1&sort=drop", "q=" + strings.Repeat("证", 1200),
		"q=%27%20OR%201%3D1%20--", "q=.*%2B%3F%5B%5D", "province=330000&city=330100&county=330106", "at=000000&q=护照",
		"q=%00%01%1b", "q=😀🙏&scope=policy", "theme_local=%3Cscript%3E", "site=330000&site=110000&page=2"} {
		f.Add(true, s)
		f.Add(false, s)
	}
	f.Fuzz(func(t *testing.T, search bool, query string) {
		path := "/matters?"
		if search {
			path = "/search?"
		}
		if strings.ContainsAny(query, " #\x7f") || strings.ContainsFunc(query, func(r rune) bool { return r < 0x20 }) {
			query = url.PathEscape(query) // what a browser would send
		}
		req, err := http.NewRequest(http.MethodGet, env.Server.URL+path+query, nil)
		if err != nil {
			t.Skip() // not a URL a client can send
		}
		if status, text := do(t, c.HTTP, req); status != http.StatusOK {
			t.Fatalf("GET %s%s = %d\n%.300s", path, query, status, text)
		}
	})
}

// do sends req without following redirects and returns status and body.
func do(t *testing.T, hc *http.Client, req *http.Request) (int, string) {
	t.Helper()
	cl := *hc
	cl.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := cl.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
