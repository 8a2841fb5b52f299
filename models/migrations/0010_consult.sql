-- Consultation, complaint and evaluation (C 0103 7.5, 7.6; issue 8), owned
-- by models/consult.
--
-- status of consultations and complaints: 'draft' (only its author sees it),
-- 'held' (moderation found banned words or unmasked personal data: staff
-- must release it), 'open' (submitted, waiting), 'accepted' (consultations:
-- a unit accepted it), 'replied'. hidden_at set = staff hid it from the
-- public (the public log in consult_hidden_log says that and why).
-- user_deleted_at = the author deleted it from the user center (soft delete;
-- the agency keeps its record). published is maintained by the model: public
-- AND replied AND not hidden AND not deleted AND moderation clear, so the
-- public listing is one index range scan.
CREATE TABLE consultations (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	item_code TEXT NOT NULL DEFAULT '',
	matter_name TEXT NOT NULL DEFAULT '',
	region_code TEXT NOT NULL DEFAULT '',
	dept_code TEXT NOT NULL DEFAULT '',
	unit_name TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	postcode TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	content TEXT NOT NULL DEFAULT '',
	public BOOLEAN NOT NULL DEFAULT FALSE,
	status TEXT NOT NULL DEFAULT 'draft',
	flags TEXT NOT NULL DEFAULT '',
	published BOOLEAN NOT NULL DEFAULT FALSE,
	accepted_unit TEXT NOT NULL DEFAULT '',
	accepted_by BIGINT,
	accepted_at {{ts}},
	reply TEXT NOT NULL DEFAULT '',
	reply_unit TEXT NOT NULL DEFAULT '',
	replied_by BIGINT,
	replied_at {{ts}},
	submitted_at {{ts}},
	deadline_at {{ts}},
	escalated_at {{ts}},
	hidden_at {{ts}},
	hidden_reason TEXT NOT NULL DEFAULT '',
	user_deleted_at {{ts}},
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE INDEX consultations_public_idx ON consultations (published, replied_at, id);
CREATE INDEX consultations_user_idx ON consultations (user_id, updated_at);
CREATE INDEX consultations_scope_idx ON consultations (region_code, dept_code, status, deadline_at);

CREATE TABLE complaints (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	case_id BIGINT,
	case_number TEXT NOT NULL DEFAULT '',
	item_code TEXT NOT NULL DEFAULT '',
	matter_name TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL DEFAULT '',
	region_code TEXT NOT NULL DEFAULT '',
	dept_code TEXT NOT NULL DEFAULT '',
	unit_name TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	content TEXT NOT NULL DEFAULT '',
	public BOOLEAN NOT NULL DEFAULT FALSE,
	status TEXT NOT NULL DEFAULT 'draft',
	flags TEXT NOT NULL DEFAULT '',
	published BOOLEAN NOT NULL DEFAULT FALSE,
	reply TEXT NOT NULL DEFAULT '',
	reply_unit TEXT NOT NULL DEFAULT '',
	legal_nature TEXT NOT NULL DEFAULT '',
	remedy TEXT NOT NULL DEFAULT '',
	replied_by BIGINT,
	replied_at {{ts}},
	submitted_at {{ts}},
	deadline_at {{ts}},
	escalated_at {{ts}},
	escalation_level INTEGER NOT NULL DEFAULT 0,
	hidden_at {{ts}},
	hidden_reason TEXT NOT NULL DEFAULT '',
	user_deleted_at {{ts}},
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE INDEX complaints_public_idx ON complaints (published, replied_at, id);
CREATE INDEX complaints_user_idx ON complaints (user_id, updated_at);
CREATE INDEX complaints_scope_idx ON complaints (region_code, dept_code, status, deadline_at);

-- Screenshots and photos of a complaint, stored in the blob store.
CREATE TABLE complaint_files (
	id {{pk}},
	complaint_id BIGINT NOT NULL REFERENCES complaints (id),
	blob_key TEXT NOT NULL,
	kind TEXT NOT NULL,
	size BIGINT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE INDEX complaint_files_complaint_idx ON complaint_files (complaint_id);

-- Each department's statement of the legal nature of its complaint reply
-- and the route to administrative reconsideration or litigation (7.5.2).
CREATE TABLE consult_dept_statements (
	region_code TEXT NOT NULL,
	dept_code TEXT NOT NULL,
	legal_nature TEXT NOT NULL DEFAULT '',
	remedy TEXT NOT NULL DEFAULT '',
	updated_at {{ts}} NOT NULL,
	PRIMARY KEY (region_code, dept_code)
);

-- Settings such as the reply limit in working days (default 15).
CREATE TABLE consult_settings (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The public log of hidden items: that something was hidden and why, never
-- its content.
CREATE TABLE consult_hidden_log (
	id {{pk}},
	object_type TEXT NOT NULL,
	object_id BIGINT NOT NULL,
	reason TEXT NOT NULL,
	staff_id BIGINT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE INDEX consult_hidden_log_created_idx ON consult_hidden_log (created_at);

-- Evaluations (7.6): kind 'case' (table 1: overall and five dimensions,
-- once per completed case) or 'app' (table 2: overall). Ratings 1..5.
CREATE TABLE evaluations (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	kind TEXT NOT NULL,
	case_id BIGINT,
	app_id BIGINT,
	item_code TEXT NOT NULL DEFAULT '',
	matter_name TEXT NOT NULL DEFAULT '',
	region_code TEXT NOT NULL DEFAULT '',
	dept_code TEXT NOT NULL DEFAULT '',
	overall INTEGER NOT NULL,
	visits INTEGER,
	guide INTEGER,
	efficiency INTEGER,
	service INTEGER,
	online INTEGER,
	content TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX evaluations_case_idx ON evaluations (case_id);
CREATE UNIQUE INDEX evaluations_app_user_idx ON evaluations (app_id, user_id);
CREATE INDEX evaluations_dept_idx ON evaluations (region_code, dept_code);
CREATE INDEX evaluations_item_idx ON evaluations (item_code);

-- Follow-ups of low ratings (overall <= 2): the department calls back
-- within 15 working days and records the call.
CREATE TABLE consult_followups (
	id {{pk}},
	evaluation_id BIGINT NOT NULL REFERENCES evaluations (id),
	region_code TEXT NOT NULL DEFAULT '',
	dept_code TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'open',
	deadline_at {{ts}} NOT NULL,
	called_at {{ts}},
	called_by BIGINT,
	call_note TEXT NOT NULL DEFAULT '',
	outcome TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX consult_followups_eval_idx ON consult_followups (evaluation_id);
CREATE INDEX consult_followups_scope_idx ON consult_followups (region_code, dept_code, status, deadline_at);
