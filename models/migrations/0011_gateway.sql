-- Interface management and the unified gateway (C 0103 8.3.4, issue 10),
-- owned by models/gateway.
--
-- interfaces: one row per registered interface, holding the live (approved)
-- configuration the gateway forwards with. Every edit is a new row of
-- interface_versions; an interface admin approves a version, which copies
-- its spec into interfaces (version = the approved version number). status:
-- 'draft' (never approved), 'active', 'disabled'. auth: 'sm2' | 'whitelist'.
-- consumers: app keys (besides the owner app) that may call it, '*' = any
-- online app. region_code (the owner app's site region) scopes the
-- console. secret_sealed: an upstream credential sent as the
-- Authorization header, SM4-GCM sealed under the master key (never shown).
-- mask_fields: response fields masked outbound (8.3.4.5). health_state:
-- 'unknown' | 'healthy' | 'slow' | 'error' | 'timeout' (8.3.4.3 c), checked
-- every check_interval_s; slower than slow_ms is 'slow'.
CREATE TABLE interfaces (
	id {{pk}},
	code TEXT NOT NULL,
	app_id BIGINT NOT NULL REFERENCES apps (id),
	org TEXT NOT NULL DEFAULT '',
	region_code TEXT NOT NULL DEFAULT '000000',
	name TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft',
	version INTEGER NOT NULL DEFAULT 0,
	source_url TEXT NOT NULL DEFAULT '',
	method TEXT NOT NULL DEFAULT 'GET',
	auth TEXT NOT NULL DEFAULT 'sm2',
	remark TEXT NOT NULL DEFAULT '',
	request_params TEXT NOT NULL DEFAULT '[]',
	response_params TEXT NOT NULL DEFAULT '[]',
	mask_fields TEXT NOT NULL DEFAULT '',
	consumers TEXT NOT NULL DEFAULT '',
	rate_per_min INTEGER NOT NULL DEFAULT 600,
	timeout_ms INTEGER NOT NULL DEFAULT 3000,
	max_response_bytes BIGINT NOT NULL DEFAULT 1048576,
	check_interval_s INTEGER NOT NULL DEFAULT 60,
	slow_ms INTEGER NOT NULL DEFAULT 1000,
	secret_sealed TEXT NOT NULL DEFAULT '',
	health_state TEXT NOT NULL DEFAULT 'unknown',
	health_changed_at {{ts}},
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX interfaces_code_idx ON interfaces (code);
CREATE INDEX interfaces_app_idx ON interfaces (app_id);
CREATE INDEX interfaces_region_idx ON interfaces (region_code, status);

-- Every submitted version of an interface's spec (a JSON snapshot of the
-- editable fields) and its review: 'pending' → 'approved' | 'rejected';
-- an approved version later replaced becomes 'superseded'.
CREATE TABLE interface_versions (
	id {{pk}},
	interface_id BIGINT NOT NULL REFERENCES interfaces (id),
	version INTEGER NOT NULL,
	status TEXT NOT NULL,
	spec TEXT NOT NULL,
	submitted_by TEXT NOT NULL DEFAULT '',
	reviewer_id BIGINT NOT NULL DEFAULT 0,
	reviewer TEXT NOT NULL DEFAULT '',
	review_note TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL,
	reviewed_at {{ts}}
);
CREATE UNIQUE INDEX interface_versions_idx ON interface_versions (interface_id, version);
CREATE INDEX interface_versions_status_idx ON interface_versions (status, created_at);

-- One row per gateway call (8.3.4.3, issue 10 §5), the queryable index of
-- the SM3 hash chain 'calls' in audit_log (seq = that entry's seq, which
-- holds the same figures and is what `portal audit verify --calls` checks).
-- user_id is set when the call carried a user token ("who used my data").
CREATE TABLE gateway_calls (
	id {{pk}},
	seq BIGINT NOT NULL,
	interface_id BIGINT NOT NULL,
	consumer_app_id BIGINT NOT NULL DEFAULT 0,
	user_id BIGINT,
	created_at {{ts}} NOT NULL,
	status INTEGER NOT NULL,
	result_code TEXT NOT NULL DEFAULT '',
	error_code TEXT NOT NULL DEFAULT '',
	latency_us BIGINT NOT NULL DEFAULT 0,
	upstream_us BIGINT NOT NULL DEFAULT 0,
	req_sm3 TEXT NOT NULL DEFAULT '',
	resp_sm3 TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX gateway_calls_seq_idx ON gateway_calls (seq);
CREATE INDEX gateway_calls_iface_idx ON gateway_calls (interface_id, created_at);
CREATE INDEX gateway_calls_user_idx ON gateway_calls (user_id, created_at);

-- Health history (8.3.4.3 c): active probes ('active') and passive figures
-- summarised from live traffic ('passive') per check interval.
CREATE TABLE interface_checks (
	id {{pk}},
	interface_id BIGINT NOT NULL,
	checked_at {{ts}} NOT NULL,
	kind TEXT NOT NULL,
	state TEXT NOT NULL,
	latency_ms INTEGER NOT NULL DEFAULT 0,
	status INTEGER NOT NULL DEFAULT 0,
	calls INTEGER NOT NULL DEFAULT 0,
	errors INTEGER NOT NULL DEFAULT 0,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interface_checks_iface_idx ON interface_checks (interface_id, checked_at);

-- Alerts for the interface admin's console: health transitions and
-- sensitive words seen in the test console (8.3.4.3 b, c).
CREATE TABLE interface_alerts (
	id {{pk}},
	interface_id BIGINT NOT NULL,
	kind TEXT NOT NULL,
	from_state TEXT NOT NULL DEFAULT '',
	to_state TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL,
	seen_at {{ts}}
);
CREATE INDEX interface_alerts_created_idx ON interface_alerts (created_at);
CREATE INDEX interface_alerts_iface_idx ON interface_alerts (interface_id, created_at);

-- Per-consumer rate-limit windows shared by every portal process: a
-- process leases a block of the window's allowance at a time, so the limit
-- holds across processes without a database write per call.
CREATE TABLE gateway_rate (
	bucket TEXT NOT NULL,
	window_start BIGINT NOT NULL,
	used BIGINT NOT NULL,
	PRIMARY KEY (bucket, window_start)
);
