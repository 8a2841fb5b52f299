// Package gateway owns interface management and the unified gateway of
// C 0103 8.3.4 (issue 10): the registry of back-end interfaces with their
// parameter specifications (example 7), versions and review by an
// interface admin (8.3.4.1–8.3.4.2); forwarding of calls with SM2
// signature or whitelist authentication reusing the JSSDK web-service
// protocol of models/apps (8.3.4.4), per-consumer rate limits held in the
// database, timeouts, a circuit breaker, response-size limits and outbound
// masking (8.3.4.5); SSRF protection of source addresses; the call log,
// SM3 hash-chained in audit_log chain "calls" (checked by `portal audit
// verify --calls`); health checks with thresholds, transitions alerted to
// the owner and the admin, and history (8.3.4.3); sensitive-word checks of
// the test console.
//
// Tables (migration 0011): interfaces, interface_versions, gateway_calls,
// interface_checks, interface_alerts, gateway_rate.
package gateway
