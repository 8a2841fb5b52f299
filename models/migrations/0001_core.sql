-- Core tables of the foundation: server-side web sessions and the
-- rate-limit counters that must hold across several portal processes.

CREATE TABLE web_sessions (
	id TEXT PRIMARY KEY,
	data TEXT NOT NULL,
	expires_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);

CREATE TABLE rate_counters (
	bucket TEXT NOT NULL,
	window_start BIGINT NOT NULL,
	hits INTEGER NOT NULL,
	PRIMARY KEY (bucket, window_start)
);
