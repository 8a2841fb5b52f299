//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
)

// sameOrigin reports whether u is served by origin; data: and blob: URLs
// make no request to anyone.
func sameOrigin(u, origin string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "data", "blob", "about":
		return true
	}
	return p.Scheme+"://"+p.Host == origin
}

// sameURL compares two URLs as the server sees them, so that "/search?q=社保"
// equals the percent-encoded form the browser reports.
func sameURL(a, b string) bool {
	pa, errA := url.Parse(a)
	pb, errB := url.Parse(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return pa.Scheme == pb.Scheme && pa.Host == pb.Host && pa.Path == pb.Path &&
		maps.EqualFunc(pa.Query(), pb.Query(), slices.Equal)
}

// netLog records the requests of one tab from the browser's network events,
// and the script errors and security refusals it reports.
type netLog struct {
	mu       sync.Mutex
	urls     []string
	failed   []string
	errors   []string
	inflight map[network.RequestID]string
	last     time.Time // last time a request started or ended
}

func (n *netLog) listen(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		n.urls = append(n.urls, ev.Request.URL)
		n.inflight[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if ev.Type != network.ResourceTypeDocument && ev.Response.Status >= 400 {
			n.failed = append(n.failed, fmt.Sprintf("%s answered %d", ev.Response.URL, ev.Response.Status))
		}
	case *network.EventLoadingFinished:
		delete(n.inflight, ev.RequestID)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg = d.Exception.Description
		}
		n.errors = append(n.errors, fmt.Sprintf("uncaught script error at %s:%d: %s", d.URL, d.LineNumber+1, firstLine(msg)))
		return
	case *cdplog.EventEntryAdded:
		if ev.Entry.Source == cdplog.EntrySourceSecurity && ev.Entry.Level == cdplog.EntryLevelError {
			n.errors = append(n.errors, "browser refused: "+firstLine(ev.Entry.Text))
		}
		return
	case *network.EventLoadingFailed:
		if u, ok := n.inflight[ev.RequestID]; ok && !ev.Canceled {
			n.failed = append(n.failed, fmt.Sprintf("%s: %s %s", u, ev.ErrorText, ev.BlockedReason))
		}
		delete(n.inflight, ev.RequestID)
	default:
		return
	}
	n.last = time.Now()
}

func (n *netLog) reset() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.urls, n.failed, n.errors = nil, nil, nil
	n.inflight, n.last = map[network.RequestID]string{}, time.Now()
}

// waitIdle waits until no request has been in flight for quiet, so that
// requests made by scripts after the load event are seen too.
func (n *netLog) waitIdle(ctx context.Context, quiet, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		n.mu.Lock()
		idle := len(n.inflight) == 0 && time.Since(n.last) >= quiet
		n.mu.Unlock()
		if idle || ctx.Err() != nil {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func (n *netLog) snapshot() (urls, failed, errors []string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.urls), slices.Clone(n.failed), slices.Clone(n.errors)
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}
