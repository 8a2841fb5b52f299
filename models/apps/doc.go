// Package apps owns the embedded government apps of C 0103 8.3: the
// registry (the apps table of 0005, extended by 0008), the integration
// workflow of figure 2 and 8.3.5 as a state machine with its automated
// review checks and availability monitoring, the user's per-app consent
// (图1 用户是否授权), and the identity hand-off of 8.3.2: single-use tickets,
// tokens, SM2-signed or whitelisted web-service requests with nonces held in
// the database, and the SM4-GCM encrypted user information. It also keeps
// per-app statistics.
//
// The protocol apps implement is documented in sdk/PROTOCOL.md; package sdk
// is the requester side. Nothing here imports the web layer.
package apps
