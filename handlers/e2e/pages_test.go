//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
)

// parallel is how many tabs load at once: the CI machine has 2 cores.
func parallel() int {
	if n, err := strconv.Atoi(os.Getenv("E2E_PARALLEL")); err == nil && n > 0 {
		return n
	}
	return 2
}

var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// TestRegistry keeps page names usable as file names and unique.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Pages {
		if !validName.MatchString(p.Name) {
			t.Errorf("page name %q: use lower-case letters, digits and dashes", p.Name)
		}
		if seen[p.Name] {
			t.Errorf("page name %q is used twice", p.Name)
		}
		seen[p.Name] = true
		if !strings.HasPrefix(p.Path, "/") {
			t.Errorf("page %s: path %q must start with /", p.Name, p.Path)
		}
	}
}

// TestPages loads every registered page at each viewport with JavaScript on
// and off, and fails listing every problem found. A failed case leaves a
// full-page screenshot in e2e-artifacts/.
func TestPages(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	// Screenshots of an earlier run would be mistaken for this one's.
	old, _ := filepath.Glob(filepath.Join(suite.root, "e2e-artifacts", "*.png"))
	for _, f := range old {
		os.Remove(f)
	}
	sem := make(chan struct{}, parallel())
	start := time.Now()
	var cases atomic.Int32
	t.Cleanup(func() {
		t.Logf("%d cases (page × viewport × script mode), %d at a time, in %s", cases.Load(), cap(sem), time.Since(start).Round(time.Millisecond))
	})
	for _, p := range Pages {
		for _, vp := range Viewports {
			for _, js := range []bool{true, false} {
				name := fmt.Sprintf("%s/%s/%s", p.Name, vp.Name, jsName(js))
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					sem <- struct{}{}
					defer func() { <-sem }()
					cases.Add(1)
					checkPage(t, env, p, vp, js)
				})
			}
		}
	}
}

func jsName(js bool) string {
	if js {
		return "js-on"
	}
	return "js-off"
}

func checkPage(t *testing.T, env *handlertest.Env, p Page, vp Viewport, js bool) {
	tab := newTab(t)
	ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()
	var setup func() error
	if p.Setup != nil {
		setup = func() error { return p.Setup(&Setup{Ctx: ctx, Env: env}) }
	}
	shotName := fmt.Sprintf("%s-%s-%s.png", p.Name, vp.Name, jsName(js))
	artifacts := filepath.Join(suite.root, "e2e-artifacts")
	res, err := Inspect(ctx, env.Server.URL+p.Path, vp, js, setup)
	if err != nil {
		t.Fatalf("%s: %v (screenshot %s)", p.Path, err, screenshot(ctx, t, artifacts, shotName))
	}
	problems := res.Problems(p.WantStatus(), env.Server.URL, vp)
	if res.Facts.Lang != "" && res.Facts.Lang != p.WantLang() {
		problems = append(problems, fmt.Sprintf("<html lang=%q>, want %q", res.Facts.Lang, p.WantLang()))
	}
	if len(problems) == 0 {
		return
	}
	shot := screenshot(ctx, t, artifacts, shotName)
	t.Errorf("%s at %s with JavaScript %s: %d problems (screenshot %s):\n  - %s",
		p.Path, vp.Name, strings.TrimPrefix(jsName(js), "js-"), len(problems), shot, strings.Join(problems, "\n  - "))
}

// screenshot writes a full-page PNG to dir and returns its path relative
// to the repository root when it is inside it.
func screenshot(ctx context.Context, t *testing.T, dir, name string) string {
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot: %v", err)
		return "none"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("screenshot: %v", err)
		return "none"
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Logf("screenshot: %v", err)
		return "none"
	}
	if rel, err := filepath.Rel(suite.root, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
