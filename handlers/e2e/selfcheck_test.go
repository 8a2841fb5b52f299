//go:build e2e

package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// brokenPage has one of each problem the suite must catch. Its script
// fixes the image's alt text and adds an unnamed button, and its
// <noscript> holds an unnamed select, so the violations differ by mode:
// that proves axe audits the DOM the browser really built in each mode.
const brokenPage = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>broken</title>
<script src="/fix.js" defer></script>
</head>
<body>
<h1>One</h1>
<h1>Two</h1>
<img id="pic" src="/pic.png">
<input type="text" name="q">
<div style="width: 900px">too wide</div>
<img src="%s/tracker.png" alt="tracker">
<noscript><select name="s"><option>a</option></select></noscript>
<script>document.title = "inline scripts are refused by the CSP";</script>
</body>
</html>`

const fixJS = `document.getElementById("pic").alt = "a picture";
document.body.appendChild(document.createElement("button"));
noSuchFunction();`

const cleanPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>clean</title></head>
<body><main><h1>Clean</h1><p>Nothing wrong here.</p><img src="/pic.png" alt="a picture"></main></body>
</html>`

func pixel() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	return b.Bytes()
}

// testSite serves the broken and clean pages; other stands for a
// third-party origin (another port on loopback is another origin).
func testSite(t *testing.T) (site, other *httptest.Server) {
	img := pixel()
	other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(img)
	}))
	t.Cleanup(other.Close)
	site = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/broken":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Security-Policy", "script-src 'self'")
			fmt.Fprintf(w, brokenPage, other.URL)
		case "/clean":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, cleanPage)
		case "/fix.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, fixJS)
		case "/moved":
			http.Redirect(w, r, "/clean", http.StatusSeeOther)
		case "/pic.png", "/favicon.ico":
			w.Header().Set("Content-Type", "image/png")
			w.Write(img)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(site.Close)
	return site, other
}

// TestAuditCatchesProblems is the suite's own test: every check fails on a
// page built to fail it, in both script modes, and passes a clean page.
func TestAuditCatchesProblems(t *testing.T) {
	site, other := testSite(t)
	vp := Viewports[0]
	for _, js := range []bool{true, false} {
		t.Run(jsName(js), func(t *testing.T) {
			tab := newTab(t)
			res, err := Inspect(tab, site.URL+"/broken", vp, js, nil)
			if err != nil {
				t.Fatal(err)
			}
			shot := screenshot(tab, t, t.TempDir(), "broken.png")
			if b, err := os.ReadFile(shot); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
				t.Errorf("no PNG screenshot at %s: %v", shot, err)
			}
			ids := map[string]bool{}
			for _, v := range res.Violations {
				ids[v.ID] = true
				if len(v.Targets) == 0 || v.Help == "" {
					t.Errorf("violation %s lacks targets or help: %+v", v.ID, v)
				}
			}
			want := map[string]bool{"label": true, "html-has-lang": true, "image-alt": !js, "select-name": !js, "button-name": js}
			for id, present := range want {
				if ids[id] != present {
					t.Errorf("axe violation %s reported = %v, want %v (got %v)", id, ids[id], present, keys(ids))
				}
			}
			problems := strings.Join(res.Problems(200, site.URL, vp), "\n")
			t.Logf("found on the broken page:\n%s", problems)
			for _, s := range []string{"no lang attribute", "2 h1 elements", "horizontal scroll", "request to another origin: " + other.URL} {
				if !strings.Contains(problems, s) {
					t.Errorf("problems do not mention %q:\n%s", s, problems)
				}
			}
			// Only where scripts run can they fail or be refused.
			for _, s := range []string{"uncaught script error at " + site.URL + "/fix.js:3: ReferenceError: noSuchFunction", "browser refused: "} {
				if strings.Contains(problems, s) != js {
					t.Errorf("problems mention %q = %v, want %v:\n%s", s, !js, js, problems)
				}
			}
		})
	}
	t.Run("clean", func(t *testing.T) {
		for _, js := range []bool{true, false} {
			for _, vp := range Viewports {
				res, err := Inspect(newTab(t), site.URL+"/clean", vp, js, nil)
				if err != nil {
					t.Fatal(err)
				}
				if p := res.Problems(200, site.URL, vp); len(p) > 0 {
					t.Errorf("clean page at %s %s: %s", vp.Name, jsName(js), strings.Join(p, "\n"))
				}
			}
		}
		res, err := Inspect(newTab(t), site.URL+"/missing", vp, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p := strings.Join(res.Problems(200, site.URL, vp), "\n"); !strings.Contains(p, "status 404, want 200") {
			t.Errorf("an unexpected 404 is not reported: %s", p)
		}
		res, err = Inspect(newTab(t), site.URL+"/moved", vp, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p := strings.Join(res.Problems(200, site.URL, vp), "\n"); !strings.Contains(p, "redirected to "+site.URL+"/clean") {
			t.Errorf("a redirect is not reported: %s", p)
		}
	})
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestSameURL(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"http://h/search?q=%E7%A4%BE%E4%BF%9D", "http://h/search?q=社保", true},
		{"http://h/region?province=330000&x=1", "http://h/region?x=1&province=330000", true},
		{"http://h/login?return_to=%2Fme", "http://h/me", false},
		{"http://h/me", "http://other/me", false},
	} {
		if got := sameURL(c.a, c.b); got != c.want {
			t.Errorf("sameURL(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if !sameOrigin("data:image/png;base64,AA", "http://h") || sameOrigin("http://h:1/x", "http://h:2") {
		t.Error("sameOrigin: data: URLs make no request; another port is another origin")
	}
}
