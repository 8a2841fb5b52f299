//go:build e2e

package e2e

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
)

// viewerPages are the pages.go entries of the attachment viewer and the
// demo file type each must show (issue 12: every format of the demo data).
var viewerPages = map[string]string{
	"viewer-pdf": "application/pdf", "viewer-ofd": "application/ofd", "viewer-png": "image/png",
	"viewer-jpg": "image/jpeg", "viewer-mp4": "video/mp4",
}

// readyJS says, per reader, whether the file is shown on the 375 px phone:
// PDF pages drawn by pdf.js (a canvas with dark pixels), OFD pages as SVG
// no wider than the screen, the picture decoded, the video's metadata and
// captions track loaded.
const readyJS = `(() => {
	const fit = (el) => el && el.getBoundingClientRect().width > 100 && el.getBoundingClientRect().right <= window.innerWidth;
	const c = document.querySelector(".zw-viewer__canvas");
	if (document.querySelector("[data-zw-pdf]")) {
		if (!c || !document.querySelector(".zw-viewer--ready") || !fit(c)) return false;
		const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i+3] > 0) return true;
		return false;
	}
	const svg = document.querySelector(".zw-viewer__svg svg");
	if (svg) return fit(svg) && svg.querySelectorAll("text").length > 0;
	const img = document.querySelector(".zw-viewer__scroll img");
	if (img) return img.complete && img.naturalWidth > 0 && fit(img);
	const v = document.querySelector("video");
	if (v) return v.readyState >= 1 && !v.error && v.textTracks.length === 1 && fit(v) &&
		[...v.querySelectorAll("track")].every(t => t.readyState === 2);
	return false;
})()`

// TestViewerReadsInPage: each demo format reads inside the page on a
// 375 px phone (C 0103 6.1 c), and the viewer pages point at the right
// demo files.
func TestViewerReadsInPage(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	for _, p := range Pages {
		mime, ok := viewerPages[p.Name]
		if !ok {
			continue
		}
		t.Run(p.Name, func(t *testing.T) {
			id := strings.TrimSuffix(strings.TrimPrefix(p.Path, "/attachments/"), "/view")
			var got string
			env.Store.DB.Raw("SELECT mime FROM catalog_attachments WHERE id = ?", id).Scan(&got)
			if got != mime {
				t.Fatalf("%s shows a %q file, want %s: update its id in pages.go", p.Path, got, mime)
			}
			tab := newTab(t)
			ctx, cancel := context.WithTimeout(tab, time.Minute)
			defer cancel()
			if err := emulatePhone(ctx, Viewports[0]); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+p.Path)); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(30 * time.Second)
			for {
				ready, err := chromedp.Run(ctx, chromedp.Evaluate[bool](readyJS))
				if err == nil && ready {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%s: the file is not shown in the page after 30 s (%v; screenshot %s)", p.Path, err,
						screenshot(ctx, t, suite.root+"/e2e-artifacts", p.Name+"-reader.png"))
				}
				time.Sleep(200 * time.Millisecond)
			}
			if os.Getenv("E2E_SHOTS") == "1" { // to look at the readers
				screenshot(ctx, t, suite.root+"/e2e-artifacts", p.Name+"-reader.png")
			}
		})
	}
}
