//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
)

// hostAgents are the mini-program web-views the portal runs in (issue 12):
// WeChat's carries "miniProgram", Alipay's "AlipayClient" and "MiniProgram".
var hostAgents = []struct{ Name, UA string }{
	{"wechat", "Mozilla/5.0 (Linux; Android 13; V2238A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 miniProgram/wx1234567890abcdef"},
	{"alipay", "Mozilla/5.0 (Linux; U; Android 12; zh-CN; M2102K1C Build/SKQ1.211006.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 Nebula AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.5.36.8100) AlipayClient/10.5.36.8100 Language/zh-Hans MiniProgram"},
}

// popups counts what a page opens by itself: JavaScript dialogs (alert,
// confirm, prompt — dismissed so the page goes on) and new windows.
type popups struct {
	mu sync.Mutex
	n  []string
}

func watchPopups(ctx context.Context) (*popups, error) {
	p := &popups{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			p.add("JavaScript " + string(ev.Type) + ": " + ev.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false}) //nolint:errcheck
		case *page.EventWindowOpen:
			p.add("window.open " + ev.URL)
		}
	})
	return p, err
}

func (p *popups) add(s string) { p.mu.Lock(); p.n = append(p.n, s); p.mu.Unlock() }

func (p *popups) list() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.n...)
}

// openDialogsJS counts the dialogs open on the page: native <dialog open>
// and visible ARIA dialogs built from other elements.
const openDialogsJS = `document.querySelectorAll("dialog[open]").length +
	[...document.querySelectorAll("[role=dialog],[role=alertdialog]")].filter(e => e.tagName !== "DIALOG" && e.getClientRects().length > 0).length`

// dialogProblems is C 0103 6.1 d: a page opens no more than one window.
func dialogProblems(ctx context.Context, p *popups) []string {
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](openDialogsJS))
	if err != nil {
		return []string{"count dialogs: " + err.Error()}
	}
	opened := p.list()
	if n+len(opened) > 1 {
		return []string{fmt.Sprintf("C 0103 6.1 d: the page opened %d dialogs or windows (%d <dialog>, %s)", n+len(opened), n, strings.Join(opened, "; "))}
	}
	return nil
}

// TestPagesInWebViews runs every citizen-facing page type inside the
// WeChat and Alipay mini-program web-views (portrait, JavaScript on) with
// the full audit of TestPages, plus: the portal's back bar is left out (the
// host shows one) and no page opens more than one dialog. The staff console
// and the development pages are not opened in a mini-program; leaving them
// out keeps the browser suite within CI's time.
func TestPagesInWebViews(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	sem := make(chan struct{}, parallel())
	vp := Viewports[0]
	for _, p := range Pages {
		if staffOrDevPage(p.Path) {
			continue
		}
		for _, h := range hostAgents {
			t.Run(p.Name+"/"+h.Name, func(t *testing.T) {
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				tab := newTab(t)
				ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
				defer cancel()
				if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: h.UA}); err != nil {
					t.Fatal(err)
				}
				pops, err := watchPopups(ctx)
				if err != nil {
					t.Fatal(err)
				}
				var setup func() error
				if p.Setup != nil {
					setup = func() error { return p.Setup(&Setup{Ctx: ctx, Env: env}) }
				}
				res, err := Inspect(ctx, env.Server.URL+p.Path, vp, true, setup)
				if err != nil {
					t.Fatalf("%s: %v", p.Path, err)
				}
				problems := res.Problems(p.WantStatus(), env.Server.URL, vp)
				if res.Facts.Lang != "" && res.Facts.Lang != p.WantLang() {
					problems = append(problems, fmt.Sprintf("<html lang=%q>, want %q", res.Facts.Lang, p.WantLang()))
				}
				problems = append(problems, dialogProblems(ctx, pops)...)
				if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-zw-back]").length`)); err != nil || n != 0 {
					problems = append(problems, "the portal's back bar is shown although the host web-view has its own")
				}
				if len(problems) > 0 {
					shot := screenshot(ctx, t, suite.root+"/e2e-artifacts", p.Name+"-"+h.Name+".png")
					t.Errorf("%s in the %s web-view: %d problems (screenshot %s):\n  - %s", p.Path, h.Name, len(problems), shot, strings.Join(problems, "\n  - "))
				}
			})
		}
	}
}

// TestShareDialogInWeChat opens the one dialog the portal has: inside
// WeChat the share link points at the host's “···” menu. Exactly one dialog
// opens, its close button is at least 44×44 px (60×60 in elder mode) and
// closes it, and focus goes back to the share link.
func TestShareDialogInWeChat(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	for _, elder := range []bool{false, true} {
		t.Run("elder="+strconv.FormatBool(elder), func(t *testing.T) {
			tab := newTab(t)
			ctx, cancel := context.WithTimeout(tab, time.Minute)
			defer cancel()
			if err := emulatePhone(ctx, Viewports[0]); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: hostAgents[0].UA}); err != nil {
				t.Fatal(err)
			}
			if elder {
				setElder(ctx, t, env.Server.URL)
			}
			err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/matters/07A0002-330106"),
				chromedp.WaitVisible(chromedp.CSS("a[data-zw-pageshare]")), chromedp.Click(chromedp.CSS("a[data-zw-pageshare]")),
				chromedp.WaitVisible(chromedp.CSS("dialog#zw-share-dialog .zw-dialog__close")))
			if err != nil {
				t.Fatalf("open the share dialog: %v (screenshot %s)", err, screenshot(ctx, t, suite.root+"/e2e-artifacts", "share-dialog.png"))
			}
			n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](openDialogsJS))
			modal, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("dialog#zw-share-dialog").matches(":modal")`))
			size, _ := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector("dialog#zw-share-dialog .zw-dialog__close").getBoundingClientRect(); return [r.width, r.height]; })()`))
			want := 44.0
			if elder {
				want = 60
			}
			if n != 1 || !modal || len(size) != 2 || size[0] < want || size[1] < want {
				t.Fatalf("%d dialogs open (modal %v); close button %v px, want ≥ %g×%g", n, modal, size, want, want)
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("dialog#zw-share-dialog .zw-dialog__close")), chromedp.WaitNotVisible(chromedp.CSS("dialog#zw-share-dialog"))); err != nil {
				t.Fatalf("close: %v", err)
			}
			focus, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement && document.activeElement.hasAttribute("data-zw-pageshare")`))
			if !focus {
				t.Error("focus did not return to the share link")
			}
		})
	}
}

// staffOrDevPage reports whether path belongs to the staff console or to a
// development-only page, which no mini-program web-view opens.
func staffOrDevPage(path string) bool {
	return strings.HasPrefix(path, "/admin") || strings.HasPrefix(path, "/_components") || strings.HasPrefix(path, "/dev/")
}
