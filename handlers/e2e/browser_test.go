//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// suite is the state shared by every test of the run: one browser, the
// axe-core source and the repository root (for e2e-artifacts/).
var suite struct {
	browser context.Context // a chromedp context whose browser has started
	axe     string
	root    string
}

// TestMain starts one headless Chromium for the whole run; each case opens
// its own tab in its own browser context.
func TestMain(m *testing.M) {
	os.Exit(runSuite(m))
}

func runSuite(m *testing.M) int {
	root, err := repoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	suite.root = root
	axe, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: axe-core is missing: run `npm ci` at the repository root:", err)
		return 1
	}
	suite.axe = string(axe)
	exe := os.Getenv("E2E_CHROMIUM")
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	if _, err := os.Stat(exe); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %s not found: install Debian's chromium (or set E2E_CHROMIUM)\n", exe)
		return 1
	}
	dataDir, err := os.MkdirTemp("", "e2e-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dataDir)
	// The flags keep Chromium off the network (this machine has none but
	// loopback) and out of any profile state between runs.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.UserDataDir(dataDir),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil { // starts the browser, with no timeout
		fmt.Fprintln(os.Stderr, "e2e: start chromium:", err)
		return 1
	}
	suite.browser = browser
	return m.Run()
}

// repoRoot walks up from the package directory to the directory of go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test directory")
		}
		dir = parent
	}
}

// newTab opens a tab in a fresh browser context (no cookies, no cache) and
// closes both when the test ends.
func newTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(suite.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	return ctx
}
