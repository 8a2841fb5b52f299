// Package web is the shared leaf of the HTTP layer: rendering, the error
// handler, server-side sessions, CSRF, security headers, request logging,
// metrics, rate limiting, locale and the page chrome. Feature handlers in
// package handlers build on it; it knows no feature.
package web
