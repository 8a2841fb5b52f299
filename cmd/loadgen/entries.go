package main

import (
	"fmt"
	"strings"
)

// Request kinds of a -paths entry.
const (
	kindGet       = "get"       // plain GET, anonymous
	kindLogin     = "login"     // GET as the demo account, signed in once per connection
	kindJSSDK     = "jssdk"     // the JSSDK identity exchange of a light app's back end
	kindGateway   = "gateway"   // a call through the interface gateway: sm2 or whitelist
	gatewaySM2    = "sm2"       // SM2-signed POST
	gatewayListed = "whitelist" // GET from a whitelisted address, no signature
)

// entry is one row of the table: [LABEL=][KIND:]PATH[|PATH…].
type entry struct {
	label string   // the page's name in the table ("" = the path)
	kind  string   // kindGet, kindLogin, kindJSSDK, kindGateway
	mode  string   // gateway: gatewaySM2 or gatewayListed
	paths []string // GET and login: rotated, one per request
}

// healthz is the first row of every run: the ratio's denominator.
var healthz = entry{label: "health check", kind: kindGet, paths: []string{"/healthz"}}

// parseEntry reads one -paths entry. A label is text before the first "="
// that holds none of / ? : | (so a query string is never a label); a kind
// is a known word before the first ":".
func parseEntry(s string) (entry, error) {
	var e entry
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "="); i > 0 && !strings.ContainsAny(s[:i], "/?:|") {
		e.label, s = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	}
	e.kind = kindGet
	if i := strings.Index(s, ":"); i > 0 && !strings.ContainsAny(s[:i], "/?|") {
		e.kind, s = s[:i], s[i+1:]
	}
	switch e.kind {
	case kindGet, kindLogin:
		for _, p := range strings.Split(s, "|") {
			p = strings.TrimSpace(p)
			if !strings.HasPrefix(p, "/") {
				return e, fmt.Errorf("path %q must start with /", p)
			}
			e.paths = append(e.paths, p)
		}
	case kindJSSDK:
		if s != "" {
			return e, fmt.Errorf("jssdk: takes no path (got %q)", s)
		}
	case kindGateway:
		if s != gatewaySM2 && s != gatewayListed {
			return e, fmt.Errorf("gateway: needs sm2 or whitelist (got %q)", s)
		}
		e.mode = s
	default:
		return e, fmt.Errorf("unknown request kind %q (get, login, jssdk, gateway)", e.kind)
	}
	return e, nil
}

// parseEntries splits -paths at commas; /healthz always comes first.
func parseEntries(s string) ([]entry, error) {
	out := []entry{healthz}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		e, err := parseEntry(part)
		if err != nil {
			return nil, err
		}
		if e.kind == kindGet && len(e.paths) == 1 && e.paths[0] == "/healthz" {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

// name is the row's page column.
func (e entry) name() string {
	if e.label != "" {
		return e.label
	}
	return e.path()
}

// path is the row's path column: the first URL and how many rotate.
func (e entry) path() string {
	switch e.kind {
	case kindJSSDK:
		return "POST /jssdk/container/ticket + signed ticket/verify + token/userinfo"
	case kindGateway:
		if e.mode == gatewaySM2 {
			return "POST /gateway/:code (SM2-signed)"
		}
		return "GET /gateway/:code (whitelist)"
	}
	p := e.paths[0]
	if len(e.paths) > 1 {
		p += fmt.Sprintf(" (+%d rotating)", len(e.paths)-1)
	}
	if e.kind == kindLogin {
		p += " (signed in)"
	}
	return p
}

// needsApp reports whether the entry needs an app registered at setup.
func (e entry) needsApp() bool { return e.kind == kindJSSDK || e.kind == kindGateway }
