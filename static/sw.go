package static

import _ "embed"

// serviceWorker is sw.js, served at /sw.js (not fingerprinted: a service
// worker's URL must stay the same, and its scope is its directory, so it
// lives at the root). See handlers/manifest.go.
//
//go:embed sw.js
var serviceWorker []byte

// ServiceWorker returns the service worker script (C 0103 9.4 b).
func ServiceWorker() []byte { return serviceWorker }
