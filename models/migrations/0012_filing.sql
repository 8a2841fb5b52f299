-- Mobile-client filing (备案, C 0103 9.1–9.4, issue 11), owned by models/filing,
-- and message rules (9.4 d), owned by models/messaging.
--
-- A filing is submitted by a legal-person user account (the local or
-- department organisation, 9.1/9.2); region_code/dept_code say which
-- organisation it is for, so reviewers see only filings in their scope.
-- status: draft → submitted → approved | refused | changes (要求修改) →
-- submitted again (revision + 1). Every submitted revision is frozen in
-- filing_revisions so a resubmission keeps the history.
CREATE TABLE filings (
	id {{pk}},
	owner_user_id BIGINT NOT NULL REFERENCES users (id),
	level TEXT NOT NULL DEFAULT 'local',
	region_code TEXT NOT NULL DEFAULT '',
	dept_code TEXT NOT NULL DEFAULT '',
	org_name TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'draft',
	revision INTEGER NOT NULL DEFAULT 0,
	name TEXT NOT NULL DEFAULT '',
	full_name TEXT NOT NULL DEFAULT '',
	icon_key TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	release_notes TEXT NOT NULL DEFAULT '',
	resp_unit TEXT NOT NULL DEFAULT '',
	supervisor_unit TEXT NOT NULL DEFAULT '',
	supervisor_phone TEXT NOT NULL DEFAULT '',
	manager_name TEXT NOT NULL DEFAULT '',
	manager_phone TEXT NOT NULL DEFAULT '',
	tech_unit TEXT NOT NULL DEFAULT '',
	tech_contact TEXT NOT NULL DEFAULT '',
	tech_phone TEXT NOT NULL DEFAULT '',
	package_key TEXT NOT NULL DEFAULT '',
	package_kind TEXT NOT NULL DEFAULT '',
	package_size BIGINT NOT NULL DEFAULT 0,
	package_sm3 TEXT NOT NULL DEFAULT '',
	package_name TEXT NOT NULL DEFAULT '',
	package_version TEXT NOT NULL DEFAULT '',
	package_version_code TEXT NOT NULL DEFAULT '',
	submitted_at {{ts}},
	decided_at {{ts}},
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE INDEX filings_owner_idx ON filings (owner_user_id, updated_at);
CREATE INDEX filings_scope_idx ON filings (region_code, dept_code, status);

-- At least three screenshots per filing (5.3), stored in the blob store.
CREATE TABLE filing_screenshots (
	id {{pk}},
	filing_id BIGINT NOT NULL REFERENCES filings (id),
	blob_key TEXT NOT NULL,
	kind TEXT NOT NULL,
	size BIGINT NOT NULL,
	sm3 TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE INDEX filing_screenshots_filing_idx ON filing_screenshots (filing_id, id);

-- Every submitted revision, frozen as JSON (what the reviewer saw).
CREATE TABLE filing_revisions (
	id {{pk}},
	filing_id BIGINT NOT NULL REFERENCES filings (id),
	revision INTEGER NOT NULL,
	snapshot TEXT NOT NULL,
	submitted_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX filing_revisions_idx ON filing_revisions (filing_id, revision);

-- One review decision of one revision: approve | refuse | changes.
CREATE TABLE filing_reviews (
	id {{pk}},
	filing_id BIGINT NOT NULL REFERENCES filings (id),
	revision INTEGER NOT NULL,
	reviewer_id BIGINT NOT NULL,
	decision TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE INDEX filing_reviews_filing_idx ON filing_reviews (filing_id, created_at);

-- The 9.4 a–i checklist of one review: each item passed or failed, with a note.
CREATE TABLE filing_review_items (
	id {{pk}},
	review_id BIGINT NOT NULL REFERENCES filing_reviews (id),
	item TEXT NOT NULL,
	passed BOOLEAN NOT NULL,
	note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX filing_review_items_idx ON filing_review_items (review_id, item);

-- Message rules (9.4 d): every message a rule-governed sender asked for,
-- sent at once or deferred out of the night hours, or dropped by the
-- per-user rate limit. status: sent | deferred | dropped.
CREATE TABLE message_queue (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	template TEXT NOT NULL,
	params TEXT NOT NULL DEFAULT '',
	urgent BOOLEAN NOT NULL DEFAULT FALSE,
	status TEXT NOT NULL,
	due_at {{ts}} NOT NULL,
	sent_at {{ts}},
	created_at {{ts}} NOT NULL
);
CREATE INDEX message_queue_user_idx ON message_queue (user_id, status, created_at);
CREATE INDEX message_queue_due_idx ON message_queue (status, due_at);
