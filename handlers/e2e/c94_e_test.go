//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
)

// c94eScreens are the phone and tablet widths of C 0103 9.4 e, each held
// upright and turned sideways.
var c94eScreens = []Viewport{
	{Name: "320x568", Width: 320, Height: 568}, {Name: "568x320", Width: 568, Height: 320, Landscape: true},
	{Name: "375x812", Width: 375, Height: 812}, {Name: "812x375", Width: 812, Height: 375, Landscape: true},
	{Name: "414x896", Width: 414, Height: 896}, {Name: "896x414", Width: 896, Height: 414, Landscape: true},
	{Name: "768x1024", Width: 768, Height: 1024}, {Name: "1024x768", Width: 1024, Height: 768, Landscape: true},
}

// c94ePages are the main page types; store marks the ones whose 375×812
// screenshot is the store listing's (static/img/store, the manifest).
var c94ePages = []struct{ name, path, store string }{
	{"home", "/", "home"},
	{"matters", "/matters?audience=natural&type=07", "matters"},
	{"guide", "/matters/07A0002-330106", "guide"},
	{"search", "/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81", "search"},
	{"login", "/login", ""},
	{"filings", "/filings", ""},
	{"release-notes", "/release-notes", ""},
}

// c94eFactsJS reads what the layout check needs: the page's width against
// the screen's and whether the header's full name (5.1) is on screen.
const c94eFactsJS = `(() => {
	const name = document.querySelector('.zw-header__name');
	const r = name ? name.getBoundingClientRect() : null;
	return [document.documentElement.scrollWidth, window.innerWidth, r && r.width > 0 && r.right <= window.innerWidth + 1 ? 1 : 0];
})()`

// C 0103 9.4 e: the layout adapts to 320, 375, 414 and 768 px wide screens
// held upright and sideways, and to turning the phone on an open page: no
// horizontal scrolling, the portal's full name in view. Every layout leaves
// a screenshot in e2e-artifacts/c94e/; with E2E_STORE_SCREENSHOTS=1 the
// 375×812 ones of the store pages are written to static/img/store/.
func TestC94e_LayoutAdaptsToScreenSizesAndOrientation(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	tab := newTab(t)
	ctx, cancel := context.WithTimeout(tab, 5*time.Minute)
	defer cancel()
	dir := filepath.Join(suite.root, "e2e-artifacts", "c94e")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := 0
	for _, p := range c94ePages {
		for _, vp := range c94eScreens {
			if err := emulatePhone(ctx, vp); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(env.Server.URL+p.path)); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			c94eCheck(t, ctx, p.path, vp)
			buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%s.jpg", p.name, vp.Name)), buf, 0o644); err != nil {
				t.Fatal(err)
			}
			shots++
			if p.store != "" && vp.Name == "375x812" && os.Getenv("E2E_STORE_SCREENSHOTS") == "1" {
				storeShot(t, ctx, p.store)
			}
		}
		// Turning the phone on the open page (横竖屏切换) re-lays it out.
		for _, vp := range []Viewport{c94eScreens[2], c94eScreens[3], c94eScreens[2]} {
			if err := emulatePhone(ctx, vp); err != nil {
				t.Fatal(err)
			}
			time.Sleep(150 * time.Millisecond)
			c94eCheck(t, ctx, p.path+" (turned)", vp)
		}
	}
	t.Logf("%d layouts checked, screenshots in %s", shots, dir)
}

func c94eCheck(t *testing.T, ctx context.Context, path string, vp Viewport) {
	t.Helper()
	facts, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](c94eFactsJS))
	if err != nil || len(facts) != 3 {
		t.Fatalf("%s at %s: %v", path, vp.Name, err)
	}
	if w := max(facts[0], facts[1]); w > int(vp.Width) {
		t.Errorf("%s at %s: the page is %d px wide (horizontal scroll)", path, vp.Name, w)
	}
	if facts[2] != 1 {
		t.Errorf("%s at %s: the portal's full name is not in view", path, vp.Name)
	}
}

// storeShot writes the visible screen (not the full page) as a store
// listing screenshot.
func storeShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(suite.root, "static", "img", "store", name+".png")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}
