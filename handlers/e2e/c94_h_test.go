//go:build e2e

package e2e

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/usercenter"
)

// sentRequest is one request the browser made, with what it carried.
type sentRequest struct {
	url, method, body string
	typ               network.ResourceType
}

type requestLog struct {
	mu   sync.Mutex
	reqs []sentRequest
}

func (l *requestLog) listen(ev any) {
	e, ok := ev.(*network.EventRequestWillBeSent)
	if !ok {
		return
	}
	var body strings.Builder
	for _, p := range e.Request.PostDataEntries {
		body.Write(p.Bytes)
	}
	l.mu.Lock()
	l.reqs = append(l.reqs, sentRequest{url: e.Request.URL, method: e.Request.Method, body: body.String(), typ: e.Type})
	l.mu.Unlock()
}

// C 0103 9.4 h in Chromium: signed in, with scripts on, every page the
// citizen visits makes requests to the portal's own origin only, and no
// request made by a page (scripts, images, styles, the service worker's
// checks) carries the citizen's name, phone number or ID number: personal
// data leaves the browser only in forms the citizen submits. (Identity
// hand-off to an embedded app needs the citizen's consent first:
// handlers/apps_*_test.go and TestDemoAppInBrowser.)
func TestC94h_EveryRequestStaysHomeAndCarriesNoPersonalData(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	var name, idNumber string
	env.Store.DB.Raw("SELECT name, id_number FROM users WHERE phone = ?", usercenter.DemoPhone).Row().Scan(&name, &idNumber)
	if name == "" || idNumber == "" {
		t.Fatal("the demo citizen has no name or ID number")
	}
	tab := newTab(t)
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	defer cancel()
	log := &requestLog{}
	if err := chromedp.Listen(ctx, log.listen); err != nil {
		t.Fatal(err)
	}
	if err := emulatePhone(ctx, Viewports[0]); err != nil {
		t.Fatal(err)
	}
	if err := signIn(usercenter.DemoPhone)(&Setup{Ctx: ctx, Env: env}); err != nil {
		t.Fatal(err)
	}
	pages := []string{"/", "/me", "/me/profile", "/me/messages", "/me/privacy", "/me/favourites",
		"/search?q=%E7%A4%BE%E4%BF%9D", "/matters/07A0002-330106", "/sites/330000", "/filings", "/release-notes"}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+p)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		time.Sleep(300 * time.Millisecond) // scripts' requests after load
	}
	personal := []string{usercenter.DemoPhone, idNumber, name, url.QueryEscape(name), url.QueryEscape(idNumber)}
	log.mu.Lock()
	defer log.mu.Unlock()
	if len(log.reqs) < len(pages)*3 {
		t.Fatalf("only %d requests seen", len(log.reqs))
	}
	for _, r := range log.reqs {
		if !sameOrigin(r.url, env.Server.URL) {
			t.Errorf("request to another origin: %s %s", r.method, r.url)
		}
		if r.typ == network.ResourceTypeDocument && r.method == "POST" {
			continue // a form the citizen submitted (the sign-in)
		}
		for _, p := range personal {
			if strings.Contains(r.url, p) || strings.Contains(r.body, p) {
				t.Errorf("%s %s (%s) carries personal data", r.method, r.url, r.typ)
			}
		}
	}
}
