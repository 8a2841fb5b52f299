package gateway

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// Guard keeps source addresses off the portal's own network (issue 10 §7):
// a host is resolved and refused when any address is loopback, link-local
// (cloud metadata 169.254.169.254 included), private, shared (100.64/10),
// unspecified or multicast, unless its name is in AllowHosts. The check
// runs at registration and again on every connection, which dials the
// checked address itself, so a name that later resolves elsewhere (DNS
// rebinding) still cannot reach an internal address.
type Guard struct {
	// AllowHosts are host names or addresses allowed whatever they resolve
	// to (PORTAL_GATEWAY_ALLOW_HOSTS; tests name their loopback upstream).
	AllowHosts []string
	// AllowHTTP accepts plain-HTTP source addresses (development and
	// tests); production requires HTTPS.
	AllowHTTP bool
	Resolver  *net.Resolver // nil = net.DefaultResolver
}

// Address problems (validation messages name them).
var (
	ErrURLInvalid  = errors.New("gateway: source address is not an absolute http(s) URL")
	ErrURLScheme   = errors.New("gateway: source address must use HTTPS")
	ErrURLResolve  = errors.New("gateway: source host does not resolve")
	ErrURLInternal = errors.New("gateway: source address points at an internal network")
)

var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("240.0.0.0/4"), netip.MustParsePrefix("64:ff9b::/96"),
}

// Blocked reports whether ip is an address a source may not point at.
func Blocked(ip net.IP) bool {
	if ip == nil {
		return true
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() ||
		ip.IsMulticast() || ip.IsInterfaceLocalMulticast() {
		return true
	}
	a, ok := netip.AddrFromSlice(ip)
	if !ok {
		return true
	}
	a = a.Unmap()
	for _, p := range blockedPrefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func (g *Guard) allowed(host string) bool {
	host = strings.ToLower(strings.Trim(host, "[]"))
	for _, h := range g.AllowHosts {
		if strings.EqualFold(strings.TrimSpace(h), host) {
			return true
		}
	}
	return false
}

func (g *Guard) resolver() *net.Resolver {
	if g.Resolver != nil {
		return g.Resolver
	}
	return net.DefaultResolver
}

// CheckURL validates a source address: absolute, http(s) as allowed, and
// resolving only to public addresses (or naming an allowed host).
func (g *Guard) CheckURL(ctx context.Context, raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.User != nil || (u.Scheme != "https" && u.Scheme != "http") || len(raw) > 2000 {
		return nil, ErrURLInvalid
	}
	if u.Scheme == "http" && !g.AllowHTTP {
		return nil, ErrURLScheme
	}
	if _, err := g.addrs(ctx, u.Hostname()); err != nil {
		return nil, err
	}
	return u, nil
}

// addrs resolves host and refuses internal addresses.
func (g *Guard) addrs(ctx context.Context, host string) ([]net.IP, error) {
	if g.allowed(host) {
		return nil, nil
	}
	if ip := net.ParseIP(host); ip != nil {
		if Blocked(ip) {
			return nil, ErrURLInternal
		}
		return []net.IP{ip}, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	ips, err := g.resolver().LookupIPAddr(ctx, host)
	if err != nil || len(ips) == 0 {
		return nil, ErrURLResolve
	}
	out := make([]net.IP, 0, len(ips))
	for _, a := range ips {
		if Blocked(a.IP) {
			return nil, ErrURLInternal
		}
		out = append(out, a.IP)
	}
	return out, nil
}

// DialContext connects to a checked address of addr's host: the address
// dialled is the one that was checked.
func (g *Guard) DialContext(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if g.allowed(host) {
			return d.DialContext(ctx, network, addr)
		}
		ips, err := g.addrs(ctx, host)
		if err != nil {
			return nil, err
		}
		var last error
		for _, ip := range ips {
			c, err := d.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
			if err == nil {
				return c, nil
			}
			last = err
		}
		return nil, last
	}
}
