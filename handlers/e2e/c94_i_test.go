//go:build e2e

package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
)

// C 0103 9.4 i in Chromium: every registered page type (pages.go) has the
// privacy policy link in its footer, visible and working, with or without
// signing in (each page's own Setup runs first).
func TestC94i_PrivacyLinkOnEveryRegisteredPage(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	for _, p := range Pages {
		t.Run(p.Name, func(t *testing.T) {
			tab := newTab(t)
			ctx, cancel := context.WithTimeout(tab, time.Minute)
			defer cancel()
			if p.Setup != nil {
				if err := p.Setup(&Setup{Ctx: ctx, Env: env}); err != nil {
					t.Fatal(err)
				}
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+p.Path)); err != nil {
				t.Fatal(err)
			}
			href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
				const a = document.querySelector('footer a[href="/privacy"]');
				const r = a ? a.getBoundingClientRect() : null;
				return a && r.width > 0 && r.height > 0 ? a.href : '';
			})()`))
			if err != nil || href != env.Server.URL+"/privacy" {
				t.Fatalf("%s: no visible privacy policy link (%q, %v)", p.Path, href, err)
			}
		})
	}
}
