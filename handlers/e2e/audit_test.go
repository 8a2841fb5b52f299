//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Viewport is a phone screen the pages must work on.
type Viewport struct {
	Name          string
	Width, Height int64
	Landscape     bool
}

// Viewports: a small phone held upright and turned sideways.
var Viewports = []Viewport{
	{Name: "375x812", Width: 375, Height: 812},
	{Name: "812x375", Width: 812, Height: 375, Landscape: true},
}

// Facts are the page-level checks read from the rendered document.
type Facts struct {
	Lang        string `json:"lang"`
	H1          int    `json:"h1"`
	ScrollWidth int    `json:"scrollWidth"`
	InnerWidth  int    `json:"innerWidth"`
}

// Result is what one load of one page showed.
type Result struct {
	URL        string // the URL asked for
	FinalURL   string // the document's URL after any redirects
	Status     int
	Facts      Facts
	Violations []Violation
	Requests   []string // every URL the page asked for, in order
	Failed     []string // subresources answered ≥ 400 or not loaded
	Errors     []string // uncaught script errors and what the browser refused (CSP)
}

// Problems lists everything wrong with the result, one line each.
func (r Result) Problems(wantStatus int, origin string, vp Viewport) []string {
	var out []string
	if r.Status != wantStatus {
		out = append(out, fmt.Sprintf("status %d, want %d", r.Status, wantStatus))
	}
	if !sameURL(r.FinalURL, r.URL) {
		// e.g. a Setup that failed to sign in, so the page sent us to /login
		out = append(out, fmt.Sprintf("redirected to %s", r.FinalURL))
	}
	if r.Facts.Lang == "" {
		out = append(out, "<html> has no lang attribute")
	}
	if r.Facts.H1 != 1 {
		out = append(out, fmt.Sprintf("%d h1 elements, want exactly 1", r.Facts.H1))
	}
	// A mobile browser widens the layout viewport to fit content that
	// overflows (and zooms out), so innerWidth grows too: compare both with
	// the screen width.
	if w := max(r.Facts.ScrollWidth, r.Facts.InnerWidth); w > int(vp.Width) {
		out = append(out, fmt.Sprintf("horizontal scroll: the page is %d px wide on a %d px screen", w, vp.Width))
	}
	for _, u := range r.Requests {
		if !sameOrigin(u, origin) {
			// C 0103 9.4 h: no third-party resources are loaded.
			out = append(out, "request to another origin: "+u)
		}
	}
	for _, f := range r.Failed {
		out = append(out, "subresource failed: "+f)
	}
	out = append(out, r.Errors...)
	for _, v := range r.Violations {
		out = append(out, v.String())
	}
	return out
}

// Inspect loads target in the tab at the viewport, with scripts on or off,
// and audits the document the browser built. With scripts off the page's own
// JavaScript never runs (Emulation.setScriptExecutionDisabled), <noscript>
// content is parsed as markup, and axe runs in an isolated world that the
// DevTools protocol may still script, so it audits exactly the no-JS DOM.
func Inspect(ctx context.Context, target string, vp Viewport, js bool, setup func() error) (Result, error) {
	res := Result{URL: target}
	nl := &netLog{}
	nl.reset()
	if err := chromedp.Listen(ctx, nl.listen); err != nil {
		return res, err
	}
	if err := emulatePhone(ctx, vp); err != nil {
		return res, err
	}
	if setup != nil {
		if err := setup(); err != nil {
			return res, fmt.Errorf("setup: %w", err)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
		return res, err
	}
	nl.reset()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(target))
	if err != nil {
		return res, fmt.Errorf("load %s: %w", target, err)
	}
	if resp != nil {
		res.Status, res.FinalURL = int(resp.Status), resp.URL
	}
	nl.waitIdle(ctx, 200*time.Millisecond, 5*time.Second)
	world, err := axeWorld(ctx, js)
	if err != nil {
		return res, err
	}
	if !js {
		// axe treats <noscript> as hidden, as it is where scripts run; here
		// its content is what the visitor gets, so put it in its place.
		if err := evalJSON(ctx, world, unwrapNoscriptJS, new(int)); err != nil {
			return res, fmt.Errorf("unwrap noscript: %w", err)
		}
	}
	if err := evalJSON(ctx, world, factsJS, &res.Facts); err != nil {
		return res, fmt.Errorf("read page facts: %w", err)
	}
	if err := evalJSON(ctx, world, axeRunJS(), &res.Violations); err != nil {
		return res, fmt.Errorf("run axe: %w", err)
	}
	res.Requests, res.Failed, res.Errors = nl.snapshot()
	return res, nil
}

// emulatePhone makes the tab a touch phone of the viewport's size whose
// visitor reads Chinese first, as most of the portal's visitors do.
func emulatePhone(ctx context.Context, vp Viewport) error {
	orient := chromedp.EmulatePortrait
	if vp.Landscape {
		orient = chromedp.EmulateLandscape
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.Width, vp.Height, orient, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"Accept-Language": "zh-CN,zh;q=0.9"},
	})
	return err
}
