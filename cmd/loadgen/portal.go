package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// portal is a portal process started for one measurement.
type portal struct {
	cmd     *exec.Cmd
	base    string
	dataDir string
	log     *syncBuffer
	done    chan error
	env     []string // the portal's environment, for bin apps create
}

// startPortal runs bin on a free loopback port with its own data
// directory, and returns once /readyz answers 200 (within ready). The
// per-IP POST budget is off (every connection comes from 127.0.0.1 and
// signs in, and the JSSDK container calls are POSTs), and the gateway may
// reach loadgen's upstream on loopback.
func startPortal(ctx context.Context, bin, db string, ready time.Duration) (*portal, error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("portal binary %s not found: run make build first", bin)
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "loadgen-")
	if err != nil {
		return nil, err
	}
	p := &portal{base: "http://" + addr, dataDir: dir, log: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd = exec.Command(bin, "serve")
	p.cmd.Env = append(cleanEnv(),
		"PORTAL_ADDR="+addr, "PORTAL_DATA_DIR="+dir, "PORTAL_ENV=dev", "PORTAL_LOG_LEVEL=warn",
		"PORTAL_AUTO_MIGRATE=true", "PORTAL_DEMO_DATA=true", "PORTAL_POST_RATE=0", "PORTAL_GATEWAY_ALLOW_HOSTS=127.0.0.1")
	if db != "" {
		p.cmd.Env = append(p.cmd.Env, "DATABASE_URL="+db)
	}
	p.env = p.cmd.Env
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		os.RemoveAll(dir) // #nosec G104 -- cleanup of a temp data dir after a failed start; the start error is the one to report
		return nil, err
	}
	go func() { p.done <- p.cmd.Wait() }()
	if err := p.waitReady(ctx, ready); err != nil {
		_ = p.stop()
		return nil, fmt.Errorf("%w\nportal output:\n%s", err, p.log.String())
	}
	return p, nil
}

// cleanEnv is this process's environment without the portal's own
// variables, so a developer's shell settings do not change what is measured.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PORTAL_") || strings.HasPrefix(kv, "DATABASE_URL=") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// freeLoopbackAddr asks the kernel for a free port on 127.0.0.1.
func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func (p *portal) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	c := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case err := <-p.done:
			p.done <- err
			return fmt.Errorf("portal exited before it was ready: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		res, err := c.Get(p.base + "/readyz")
		if err == nil {
			res.Body.Close() // #nosec G104 -- load generator: readiness probe, only the status counts
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("portal not ready after %s", limit)
}

// stop sends SIGTERM, waits for the graceful shutdown (killing the process
// after 20 s) and removes the data directory.
func (p *portal) stop() error {
	defer os.RemoveAll(p.dataDir)
	select {
	case err := <-p.done: // already gone
		return fmt.Errorf("portal had exited: %v\n%s", err, p.log.String())
	default:
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case err := <-p.done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			return err
		}
		if err != nil {
			return fmt.Errorf("portal exited with %v after SIGTERM\n%s", err, p.log.String())
		}
		return nil
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
		return errors.New("portal ignored SIGTERM for 20s and was killed")
	}
}

// syncBuffer collects the portal's output for error messages.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b.Len() > 1<<20 { // keep memory bounded on a chatty portal
		return len(p), nil
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
