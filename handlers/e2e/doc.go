// Package e2e holds the browser tests: every page of the registry in
// pages.go is loaded in headless Chromium at 375×812 portrait and 812×375
// landscape, with JavaScript on and off, audited with axe-core (WCAG 2.0/2.1
// A and AA) and checked for horizontal scrolling, <html lang>, one h1 and
// same-origin requests only (C 0103 9.4 h).
//
// Everything but this file carries the build tag e2e, so `make test` skips
// the package and `make e2e` runs it:
//
//	go test -count=1 -tags e2e -timeout 20m ./handlers/e2e/...
//
// It needs /usr/bin/chromium (or E2E_CHROMIUM) and node_modules/axe-core
// (`npm ci` at the repository root).
package e2e
