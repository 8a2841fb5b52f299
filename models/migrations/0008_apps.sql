-- Embedded government apps (C 0103 8.3, issue 9), owned by models/apps.
-- Extends the apps table of 0005 (H5's sub-site listing keeps working: its
-- status column now holds the integration state of figure 2, and only
-- 'online' and 'offline' are listed there).
--
-- app_key is the public app_id of the JSSDK protocol (NULL until keys are
-- issued). sm4_key_sealed is the app's SM4 key, SM4-GCM sealed under a
-- master key derived from the portal secret: the plain key is shown once.
-- pseudonym_salt makes the per-app pseudonymous user id stable even when the
-- portal secret rotates.
ALTER TABLE apps ADD COLUMN app_key TEXT;
ALTER TABLE apps ADD COLUMN owner_user_id BIGINT;
ALTER TABLE apps ADD COLUMN origins TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN whitelist TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN sm2_public_key TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN sm4_key_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN sm4_key_revealed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE apps ADD COLUMN pseudonym_salt TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN screenshots TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN interfaces_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN design_url TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN frameable BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE apps ADD COLUMN checklist TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX apps_key_idx ON apps (app_key);
CREATE INDEX apps_owner_idx ON apps (owner_user_id, updated_at);

-- Every state change of the integration workflow (figure 2, 8.3.5), with
-- who made it: 'owner', 'reviewer', 'system' (monitoring) or 'cli'.
CREATE TABLE app_transitions (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps (id),
	event TEXT NOT NULL,
	from_state TEXT NOT NULL,
	to_state TEXT NOT NULL,
	actor TEXT NOT NULL,
	actor_id BIGINT,
	note TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE INDEX app_transitions_app_idx ON app_transitions (app_id, created_at);

-- Results of the automated review checks the portal runs itself.
CREATE TABLE app_checks (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps (id),
	run_at {{ts}} NOT NULL,
	name TEXT NOT NULL,
	passed BOOLEAN NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX app_checks_app_idx ON app_checks (app_id, run_at);

-- Availability probes of online apps (8.3.5 monitoring).
CREATE TABLE app_probes (
	id {{pk}},
	app_id BIGINT NOT NULL REFERENCES apps (id),
	probed_at {{ts}} NOT NULL,
	ok BOOLEAN NOT NULL,
	latency_ms INTEGER NOT NULL
);
CREATE INDEX app_probes_app_idx ON app_probes (app_id, probed_at);

-- The user's authorisation of one app (图1 用户是否授权): asked once,
-- remembered, revocable. revoked_at set = withdrawn.
CREATE TABLE app_consents (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	app_id BIGINT NOT NULL REFERENCES apps (id),
	granted_at {{ts}} NOT NULL,
	revoked_at {{ts}}
);
CREATE UNIQUE INDEX app_consents_user_app_idx ON app_consents (user_id, app_id);

-- Tickets (用户票据) and tokens: only their SM3 hashes are stored, so a
-- database read leaks nothing usable.
CREATE TABLE app_tickets (
	ticket_hash TEXT PRIMARY KEY,
	app_id BIGINT NOT NULL REFERENCES apps (id),
	user_id BIGINT NOT NULL REFERENCES users (id),
	created_at {{ts}} NOT NULL,
	expires_at {{ts}} NOT NULL,
	used_at {{ts}}
);
CREATE INDEX app_tickets_expires_idx ON app_tickets (expires_at);

CREATE TABLE app_tokens (
	token_hash TEXT PRIMARY KEY,
	app_id BIGINT NOT NULL REFERENCES apps (id),
	user_id BIGINT NOT NULL REFERENCES users (id),
	created_at {{ts}} NOT NULL,
	expires_at {{ts}} NOT NULL
);
CREATE INDEX app_tokens_expires_idx ON app_tokens (expires_at);

-- Request nonces of signed web-service calls, kept 10 minutes so a nonce is
-- never accepted twice by any portal process.
CREATE TABLE app_nonces (
	app_id BIGINT NOT NULL,
	nonce TEXT NOT NULL,
	seen_at {{ts}} NOT NULL,
	PRIMARY KEY (app_id, nonce)
);
CREATE INDEX app_nonces_seen_idx ON app_nonces (seen_at);

-- Daily statistics per app (8.3.1: the container and the JSSDK integrate
-- the statistics function); distinct users are counted through
-- app_stat_users, which holds pseudonymous keys only.
CREATE TABLE app_stats (
	app_id BIGINT NOT NULL,
	day TEXT NOT NULL,
	views BIGINT NOT NULL DEFAULT 0,
	errors BIGINT NOT NULL DEFAULT 0,
	tickets BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (app_id, day)
);

CREATE TABLE app_stat_users (
	app_id BIGINT NOT NULL,
	day TEXT NOT NULL,
	user_key TEXT NOT NULL,
	PRIMARY KEY (app_id, day, user_key)
);
