-- Accounts and the user center (C 0103 7.7, issue 5). Owned by models/users
-- and models/usercenter.
--
-- users: one row per account, natural or legal person. phone and id_number
-- are NULL when absent (registration without ID; an erased account), so the
-- unique indexes allow many of them. A deleted account keeps its row, with
-- every personal field emptied, as the anonymised record the law requires
-- (later issues' cases point at it). session_epoch ends every other session
-- when it changes (password change, disable, delete).
CREATE TABLE users (
	id {{pk}},
	kind TEXT NOT NULL DEFAULT 'natural',
	phone TEXT,
	password_hash TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL DEFAULT '',
	id_number TEXT,
	level INTEGER NOT NULL DEFAULT 1,
	verified_by TEXT NOT NULL DEFAULT '',
	org_name TEXT NOT NULL DEFAULT '',
	credit_code TEXT NOT NULL DEFAULT '',
	rep_name TEXT NOT NULL DEFAULT '',
	rep_id_number TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	postcode TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	region_code TEXT NOT NULL DEFAULT '',
	session_epoch INTEGER NOT NULL DEFAULT 1,
	footprints_paused BOOLEAN NOT NULL DEFAULT FALSE,
	disabled BOOLEAN NOT NULL DEFAULT FALSE,
	deleted_at {{ts}},
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX users_phone_idx ON users (phone);
CREATE UNIQUE INDEX users_id_number_idx ON users (id_number);

-- Every consent the user gave or withdrew (C 0103 9.4 h): what, which
-- version of the text, when. Kept after account deletion (no personal data).
CREATE TABLE user_consents (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	purpose TEXT NOT NULL,
	version TEXT NOT NULL,
	granted BOOLEAN NOT NULL DEFAULT TRUE,
	created_at {{ts}} NOT NULL
);
CREATE INDEX user_consents_user_idx ON user_consents (user_id, created_at);

-- One-time verification codes. target_hash is the SM3 of the phone number,
-- code_hash the SM3 of salt and code: neither phone nor code is stored.
CREATE TABLE verification_codes (
	id {{pk}},
	purpose TEXT NOT NULL,
	target_hash TEXT NOT NULL,
	salt TEXT NOT NULL,
	code_hash TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	extensions INTEGER NOT NULL DEFAULT 0,
	created_at {{ts}} NOT NULL,
	expires_at {{ts}} NOT NULL,
	used_at {{ts}}
);
CREATE INDEX verification_codes_target_idx ON verification_codes (target_hash, purpose, created_at);

-- Failed sign-ins per account identifier (hashed) and per client IP, so the
-- back-off and lock hold across every portal process.
CREATE TABLE login_throttle (
	throttle_key TEXT PRIMARY KEY,
	failures INTEGER NOT NULL DEFAULT 0,
	last_failure_at {{ts}} NOT NULL,
	locked_until {{ts}}
);

-- Development outbox: messages the dev notifier "sent" (never used in prod).
CREATE TABLE dev_outbox (
	id {{pk}},
	channel TEXT NOT NULL,
	recipient TEXT NOT NULL,
	subject TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);

-- 我的收藏 (C 0103 7.7 f): matters, apps and service news. title and url are
-- copied when added so the list needs no join.
CREATE TABLE user_favourites (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	kind TEXT NOT NULL,
	ref TEXT NOT NULL,
	title TEXT NOT NULL,
	url TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX user_favourites_ref_idx ON user_favourites (user_id, kind, ref);
CREATE INDEX user_favourites_user_idx ON user_favourites (user_id, created_at);

-- 公共消息 published to everyone; delivered into user_messages lazily.
CREATE TABLE announcements (
	id {{pk}},
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	link TEXT NOT NULL DEFAULT '',
	published_at {{ts}} NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE INDEX announcements_published_idx ON announcements (published_at);

-- 我的消息 (C 0103 7.7 g): personal notices and delivered announcements.
-- A deleted message keeps its row (deleted_at) so an announcement is never
-- delivered twice.
CREATE TABLE user_messages (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	announcement_id BIGINT REFERENCES announcements (id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL DEFAULT '',
	link TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL,
	read_at {{ts}},
	deleted_at {{ts}}
);
CREATE UNIQUE INDEX user_messages_announcement_idx ON user_messages (user_id, announcement_id);
CREATE INDEX user_messages_user_idx ON user_messages (user_id, deleted_at, read_at);

-- 我的足迹 (C 0103 7.7 h): one row per thing visited, its time refreshed.
CREATE TABLE user_footprints (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	kind TEXT NOT NULL,
	ref TEXT NOT NULL,
	title TEXT NOT NULL,
	url TEXT NOT NULL,
	visited_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX user_footprints_ref_idx ON user_footprints (user_id, kind, ref);
CREATE INDEX user_footprints_user_idx ON user_footprints (user_id, visited_at);

-- 我的证照 (C 0103 7.7 i): licences come from a licence source; the user may
-- remove the link to one, remembered here.
CREATE TABLE licence_unlinks (
	user_id BIGINT NOT NULL REFERENCES users (id),
	licence_id TEXT NOT NULL,
	created_at {{ts}} NOT NULL,
	PRIMARY KEY (user_id, licence_id)
);
