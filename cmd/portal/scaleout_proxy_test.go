package main

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
)

// tcpProxy forwards connections to a PostgreSQL server; down() closes every
// connection and refuses new ones, up() accepts again: an outage of the
// database as the portal sees it, without touching the shared server.
type tcpProxy struct {
	target string
	ln     net.Listener
	mu     sync.Mutex
	isDown bool
	conns  map[net.Conn]bool
}

func newProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{target: target, ln: ln, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); p.down() })
	go p.serve()
	return p
}

func (p *tcpProxy) addr() string { return p.ln.Addr().String() }

func (p *tcpProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.isDown {
			p.mu.Unlock()
			c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns[c], p.conns[s] = true, true
		p.mu.Unlock()
		go pipe(c, s)
		go pipe(s, c)
	}
}

func pipe(dst, src net.Conn) {
	io.Copy(dst, src) //nolint:errcheck
	dst.Close()
	src.Close()
}

func (p *tcpProxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.isDown = true
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

func (p *tcpProxy) up() {
	p.mu.Lock()
	p.isDown = false
	p.mu.Unlock()
}

// dsnHost is host:port of a postgres:// URL.
func dsnHost(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if u.Port() == "" {
		return u.Hostname() + ":5432"
	}
	return u.Host
}

// withHost is dsn pointing at addr instead.
func withHost(t *testing.T, dsn, addr string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = addr
	return u.String()
}

// refuse stops accepting new connections but keeps the open ones: the first
// moment of a restart, before the server ends its sessions.
func (p *tcpProxy) refuse() {
	p.mu.Lock()
	p.isDown = true
	p.mu.Unlock()
}
