package apps

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/html"
)

// Check is the result of one automated review check (8.3.5; issue 9 §2).
type Check struct {
	Name   string
	Passed bool
	Detail string
	RunAt  time.Time
}

// Names of the automated checks.
const (
	CheckReachable = "reachable"   // the entry URL answers 2xx within 3 s
	CheckViewport  = "viewport"    // a mobile viewport that does not block zoom
	CheckNoAds     = "no_ads"      // no third-party advertising hosts
	CheckWeight    = "page_weight" // the page and what it loads stay under the limit
	CheckFraming   = "framing"     // informational: can the container frame it?
)

// AllPassed reports whether every check of a run passed.
func AllPassed(run []Check) bool {
	for _, c := range run {
		if !c.Passed {
			return false
		}
	}
	return len(run) > 0
}

// DefaultAdHosts are advertising networks an app page must not load
// (reference.md §7: no ads). A host matches itself and its subdomains.
var DefaultAdHosts = []string{"doubleclick.net", "googlesyndication.com", "googleadservices.com", "adservice.google.com",
	"pos.baidu.com", "cpro.baidu.com", "cbjs.baidu.com", "gdt.qq.com", "e.qq.com", "tanx.com", "alimama.com", "mmstat.com",
	"mediav.com", "admaster.com.cn", "miaozhen.com", "adsame.com", "allyes.com", "ipinyou.com", "adkmob.com", "taboola.com",
	"outbrain.com", "criteo.com", "adnxs.com", "pubmatic.com"}

// Checker runs the automated checks against an app's entry URL.
type Checker struct {
	Timeout      time.Duration // the entry URL must answer within this (3 s)
	MaxWeight    int64         // bytes of the page plus its scripts, styles and images (2 MiB)
	MaxResources int           // how many sub-resources are fetched for the weight (30)
	AdHosts      []string
	// AllowPrivate lets the checker reach loopback and private addresses
	// (development and tests). Off, an app cannot make the portal probe
	// its internal network by registering such a URL.
	AllowPrivate bool
	client       *http.Client
}

// NewChecker returns a checker with the default limits.
func NewChecker(allowPrivate bool) *Checker {
	c := &Checker{Timeout: 3 * time.Second, MaxWeight: 2 << 20, MaxResources: 30, AdHosts: DefaultAdHosts, AllowPrivate: allowPrivate}
	dialer := &net.Dialer{Timeout: c.Timeout, Control: func(_, address string, _ syscall.RawConn) error {
		host, _, _ := net.SplitHostPort(address)
		ip := net.ParseIP(host)
		if !c.AllowPrivate && (ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified()) {
			return fmt.Errorf("apps: refusing to probe %s", host)
		}
		return nil
	}}
	c.client = &http.Client{Timeout: c.Timeout, Transport: &http.Transport{DialContext: dialer.DialContext,
		TLSHandshakeTimeout: c.Timeout, ResponseHeaderTimeout: c.Timeout}}
	return c
}

// fetch GETs u and reads at most limit bytes.
func (c *Checker) fetch(ctx context.Context, u string, limit int64) (*http.Response, []byte, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, 0, err
	}
	req.Header.Set("User-Agent", "zwfw-portal-app-review/1")
	start := time.Now()
	res, err := c.client.Do(req)
	if err != nil {
		return nil, nil, time.Since(start), err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	return res, body, time.Since(start), err
}

// Run performs every automated check on entryURL.
func (c *Checker) Run(ctx context.Context, entryURL string) []Check {
	now := time.Now().UTC()
	res, body, took, err := c.fetch(ctx, entryURL, c.MaxWeight)
	reach := Check{Name: CheckReachable, RunAt: now}
	switch {
	case err != nil:
		reach.Detail = "no answer within " + c.Timeout.String()
	case res.StatusCode < 200 || res.StatusCode > 299:
		reach.Detail = fmt.Sprintf("HTTP %d", res.StatusCode)
	case took > c.Timeout:
		reach.Detail = fmt.Sprintf("%d ms", took.Milliseconds())
	default:
		reach.Passed, reach.Detail = true, fmt.Sprintf("%d ms", took.Milliseconds())
	}
	if !reach.Passed {
		return []Check{reach,
			{Name: CheckViewport, Detail: "not checked", RunAt: now},
			{Name: CheckNoAds, Detail: "not checked", RunAt: now},
			{Name: CheckWeight, Detail: "not checked", RunAt: now},
			{Name: CheckFraming, Passed: true, Detail: "unknown", RunAt: now}}
	}
	page := scanPage(body)
	base, _ := url.Parse(entryURL)
	out := []Check{reach, viewportCheck(page.viewport, now), c.adsCheck(base, page.resources, now)}
	out = append(out, c.weightCheck(ctx, base, int64(len(body)), page.resources, now), framingCheck(res.Header, now))
	return out
}

func viewportCheck(content string, now time.Time) Check {
	ch := Check{Name: CheckViewport, RunAt: now, Detail: content}
	v := strings.ToLower(strings.ReplaceAll(content, " ", ""))
	switch {
	case content == "":
		ch.Detail = "no <meta name=viewport>"
	case !strings.Contains(v, "width=device-width"):
		ch.Detail = "viewport without width=device-width"
	case strings.Contains(v, "user-scalable=no") || strings.Contains(v, "user-scalable=0") || strings.Contains(v, "maximum-scale=1,") || strings.HasSuffix(v, "maximum-scale=1"):
		ch.Detail = "viewport blocks zoom (WCAG 1.4.4)"
	default:
		ch.Passed = true
	}
	return ch
}

func (c *Checker) adsCheck(base *url.URL, resources []string, now time.Time) Check {
	var found []string
	for _, r := range resources {
		u, err := base.Parse(r)
		if err != nil {
			continue
		}
		host := strings.ToLower(u.Hostname())
		for _, ad := range c.AdHosts {
			if (host == ad || strings.HasSuffix(host, "."+ad)) && !contains(found, host) {
				found = append(found, host)
			}
		}
	}
	if len(found) > 0 {
		return Check{Name: CheckNoAds, RunAt: now, Detail: strings.Join(found, ", ")}
	}
	return Check{Name: CheckNoAds, Passed: true, RunAt: now}
}

func (c *Checker) weightCheck(ctx context.Context, base *url.URL, total int64, resources []string, now time.Time) Check {
	for i, r := range resources {
		if i >= c.MaxResources || total > c.MaxWeight {
			break
		}
		u, err := base.Parse(r)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		if _, b, _, err := c.fetch(ctx, u.String(), c.MaxWeight-total); err == nil {
			total += int64(len(b))
		}
	}
	ch := Check{Name: CheckWeight, RunAt: now, Detail: fmt.Sprintf("%d KiB", total/1024)}
	ch.Passed = total <= c.MaxWeight
	return ch
}

// framingCheck reads X-Frame-Options and CSP frame-ancestors: an app that
// refuses framing is opened at the top level by the container.
func framingCheck(h http.Header, now time.Time) Check {
	ch := Check{Name: CheckFraming, Passed: true, RunAt: now, Detail: "frameable"}
	xfo := strings.ToUpper(strings.TrimSpace(h.Get("X-Frame-Options")))
	csp := strings.ToLower(h.Get("Content-Security-Policy"))
	if xfo == "DENY" || xfo == "SAMEORIGIN" || strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "frame-ancestors 'self'") {
		ch.Detail = "top-level"
	}
	return ch
}

type pageScan struct {
	viewport  string
	resources []string
}

// scanPage collects the viewport meta and the URLs of scripts, styles,
// images and frames of an HTML page.
func scanPage(body []byte) pageScan {
	var p pageScan
	z := html.NewTokenizer(strings.NewReader(string(body)))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		t := z.Token()
		attr := func(k string) string {
			for _, a := range t.Attr {
				if strings.EqualFold(a.Key, k) {
					return a.Val
				}
			}
			return ""
		}
		switch t.Data {
		case "meta":
			if strings.EqualFold(attr("name"), "viewport") {
				p.viewport = attr("content")
			}
		case "script", "img", "iframe":
			if s := attr("src"); s != "" {
				p.resources = append(p.resources, s)
			}
		case "link":
			if strings.Contains(strings.ToLower(attr("rel")), "stylesheet") && attr("href") != "" {
				p.resources = append(p.resources, attr("href"))
			}
		}
	}
}

// RunChecks runs the automated checks on app's entry URL, stores them as
// one run and records whether the app can be framed.
func (s *Service) RunChecks(ctx context.Context, app App, c *Checker) ([]Check, error) {
	if c == nil {
		return nil, errors.New("apps: no checker")
	}
	run := c.Run(ctx, app.EntryURL)
	now := s.now()
	rows := make([]map[string]any, 0, len(run))
	frameable := true
	for i := range run {
		run[i].RunAt = now
		rows = append(rows, map[string]any{"app_id": app.ID, "run_at": now, "name": run[i].Name, "passed": run[i].Passed, "detail": run[i].Detail})
		if run[i].Name == CheckFraming && run[i].Detail == "top-level" {
			frameable = false
		}
	}
	if err := s.St.DB.WithContext(ctx).Table("app_checks").Create(rows).Error; err != nil {
		return nil, err
	}
	return run, s.St.DB.WithContext(ctx).Model(&App{}).Where("id = ?", app.ID).Update("frameable", frameable).Error
}

// LatestChecks returns the newest run of checks of an app (empty if none).
func (s *Service) LatestChecks(ctx context.Context, appID int64) ([]Check, error) {
	var out []Check
	db := s.St.DB.WithContext(ctx)
	latest := db.Table("app_checks").Select("MAX(run_at)").Where("app_id = ?", appID)
	err := db.Table("app_checks").Select("name, passed, detail, run_at").
		Where("app_id = ? AND run_at = (?)", appID, latest).Order("id").Scan(&out).Error
	return out, err
}

// SubmitForReview runs the automated checks and moves the app to review
// (上传与调试 → 审核, or 整改 → re-review). The checks are stored even when
// they fail: the reviewer sees them, and approval needs them all passed.
func (s *Service) SubmitForReview(ctx context.Context, appID, ownerID int64, c *Checker) (App, []Check, error) {
	a, err := s.owned(ctx, appID, ownerID)
	if err != nil {
		return App{}, nil, err
	}
	if _, err := Next(a.Status, EvSubmitReview, RoleOwner, ""); err != nil {
		return App{}, nil, err
	}
	run, err := s.RunChecks(ctx, a, c)
	if err != nil {
		return App{}, nil, err
	}
	a, err = s.Transition(ctx, appID, EvSubmitReview, Actor{Role: RoleOwner, ID: ownerID}, "")
	return a, run, err
}
