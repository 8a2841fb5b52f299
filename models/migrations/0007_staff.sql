-- Staff console (issue 6): staff accounts separate from citizens, each with
-- one role scoped to a region subtree and/or a department, a TOTP second
-- factor; the SM3 hash-chained audit log; the version history of catalog
-- items edited in the console. Owned by models/staff, models/audit and
-- models/content.

-- region_code '000000' means every region; dept_code '' means every
-- department. totp_secret is sealed with SM4 under a key derived from the
-- portal secret (never stored in clear); totp_last_step stops a code from
-- being used twice. session_epoch ends every session when it changes.
CREATE TABLE staff_users (
	id {{pk}},
	username TEXT NOT NULL,
	display_name TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL,
	region_code TEXT NOT NULL DEFAULT '000000',
	dept_code TEXT NOT NULL DEFAULT '',
	totp_secret TEXT NOT NULL DEFAULT '',
	totp_enabled BOOLEAN NOT NULL DEFAULT FALSE,
	totp_last_step BIGINT NOT NULL DEFAULT 0,
	session_epoch INTEGER NOT NULL DEFAULT 1,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	last_login_at {{ts}},
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX staff_users_username_idx ON staff_users (username);
CREATE INDEX staff_users_scope_idx ON staff_users (region_code, dept_code);

-- The head of each audit chain: the last sequence number and hash. Appends
-- update it first, so concurrent appends queue on its row lock and the
-- chain never forks; verify compares it with the last entry, so a deleted
-- tail is noticed. 'staff' holds console actions, 'calls' interface calls.
CREATE TABLE audit_heads (
	chain TEXT PRIMARY KEY,
	seq BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_heads (chain, seq, hash) VALUES ('staff', 0, '0000000000000000000000000000000000000000000000000000000000000000');
INSERT INTO audit_heads (chain, seq, hash) VALUES ('calls', 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per staff action: who, when, what, before/after as JSON. hash is
-- SM3 over prev_hash and every other column (models/audit), so changing,
-- inserting or deleting a row breaks the chain from that row on.
CREATE TABLE audit_log (
	id {{pk}},
	chain TEXT NOT NULL,
	seq BIGINT NOT NULL,
	created_at {{ts}} NOT NULL,
	actor_id BIGINT NOT NULL DEFAULT 0,
	actor TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	object_type TEXT NOT NULL DEFAULT '',
	object_id TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	before_json TEXT NOT NULL DEFAULT '',
	after_json TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE UNIQUE INDEX audit_log_chain_seq_idx ON audit_log (chain, seq);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);

-- Every saved state of a catalog item edited in the console (a JSON
-- snapshot of its editable fields), for the history and its diffs.
-- Publishing and unpublishing add a row with the same version number.
CREATE TABLE item_versions (
	id {{pk}},
	item_id BIGINT NOT NULL REFERENCES matter_items (id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	action TEXT NOT NULL,
	status TEXT NOT NULL,
	snapshot TEXT NOT NULL,
	staff_id BIGINT NOT NULL DEFAULT 0,
	staff_name TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE INDEX item_versions_item_idx ON item_versions (item_id, id);
