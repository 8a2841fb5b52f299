-- Online case handling and case query (C 0103 7.2, 7.3; issue 7). Owned by
-- models/cases and models/calendar.
--
-- holidays: the working-day calendar. kind 'holiday' is a day off on a
-- weekday (法定节假日, 调休放假); kind 'workday' is a weekend day worked
-- (调休上班). Deadlines (承诺时限) count working days against it.
-- 2026 follows 国办发明电〔2025〕7号; 2027 is pre-seeded from the usual
-- pattern and is corrected by a later migration once the notice is final.
CREATE TABLE holidays (
	day TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT ''
);

-- case_drafts: an application in progress, saved on the server at every
-- step (resumable from 我的办件). token is the per-draft submission token:
-- submitting twice with it yields one case (case_id is set once).
CREATE TABLE case_drafts (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	item_id BIGINT NOT NULL REFERENCES matter_items (id),
	step TEXT NOT NULL DEFAULT '',
	answers TEXT NOT NULL DEFAULT '{}',
	token TEXT NOT NULL,
	case_id BIGINT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX case_drafts_token_idx ON case_drafts (token);
CREATE INDEX case_drafts_user_idx ON case_drafts (user_id, case_id, updated_at);

-- cases: one submitted application (办件). number is the public case
-- number (办件编号); query_hash the SM3 of the query code (查询码) so the
-- public query needs both. status: submitted, accepted, rejected,
-- processing, correction, completed, withdrawn; outcome on completion:
-- approved or refused. Applicant fields are copied at submission (the
-- record stays right when the profile changes).
CREATE TABLE cases (
	id {{pk}},
	number TEXT NOT NULL,
	query_hash TEXT NOT NULL,
	draft_id BIGINT NOT NULL,
	user_id BIGINT NOT NULL REFERENCES users (id),
	item_id BIGINT NOT NULL REFERENCES matter_items (id),
	item_code TEXT NOT NULL,
	matter_name TEXT NOT NULL,
	body_name TEXT NOT NULL DEFAULT '',
	region_code TEXT NOT NULL,
	dept_code TEXT NOT NULL,
	status TEXT NOT NULL,
	outcome TEXT NOT NULL DEFAULT '',
	applicant_name TEXT NOT NULL DEFAULT '',
	applicant_id_number TEXT NOT NULL DEFAULT '',
	applicant_phone TEXT NOT NULL DEFAULT '',
	applicant_address TEXT NOT NULL DEFAULT '',
	answers TEXT NOT NULL DEFAULT '{}',
	note TEXT NOT NULL DEFAULT '',
	promised_days INTEGER NOT NULL DEFAULT 0,
	due_at {{ts}},
	result_name TEXT NOT NULL DEFAULT '',
	result_key TEXT NOT NULL DEFAULT '',
	delivery_method TEXT NOT NULL DEFAULT '',
	courier TEXT NOT NULL DEFAULT '',
	tracking_no TEXT NOT NULL DEFAULT '',
	submitted_at {{ts}} NOT NULL,
	accepted_at {{ts}},
	completed_at {{ts}},
	updated_at {{ts}} NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX cases_number_idx ON cases (number);
CREATE UNIQUE INDEX cases_draft_idx ON cases (draft_id);
CREATE INDEX cases_user_idx ON cases (user_id, updated_at);
CREATE INDEX cases_user_status_idx ON cases (user_id, status, updated_at);
CREATE INDEX cases_queue_idx ON cases (region_code, dept_code, status, submitted_at);
CREATE INDEX cases_status_due_idx ON cases (status, due_at);

-- case_materials: files (blob store keys) or licences attached to a draft
-- and then to its case; round 0 is the application, n the n-th correction.
CREATE TABLE case_materials (
	id {{pk}},
	draft_id BIGINT,
	case_id BIGINT,
	material_id BIGINT NOT NULL DEFAULT 0,
	name TEXT NOT NULL,
	file_name TEXT NOT NULL DEFAULT '',
	blob_key TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL DEFAULT '',
	size BIGINT NOT NULL DEFAULT 0,
	sm3 TEXT NOT NULL DEFAULT '',
	licence_id TEXT NOT NULL DEFAULT '',
	round INTEGER NOT NULL DEFAULT 0,
	created_at {{ts}} NOT NULL
);
CREATE INDEX case_materials_draft_idx ON case_materials (draft_id, material_id);
CREATE INDEX case_materials_case_idx ON case_materials (case_id, round);

-- case_events: the progress timeline (办理进度), every transition with who
-- made it ('applicant', 'staff', 'system').
CREATE TABLE case_events (
	id {{pk}},
	case_id BIGINT NOT NULL REFERENCES cases (id),
	event TEXT NOT NULL,
	from_status TEXT NOT NULL,
	to_status TEXT NOT NULL,
	actor TEXT NOT NULL,
	actor_id BIGINT,
	note TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE INDEX case_events_case_idx ON case_events (case_id, created_at);

-- delivery_events: express-delivery tracking (物流信息) as reported by the
-- delivery interface, cached per case.
CREATE TABLE delivery_events (
	id {{pk}},
	case_id BIGINT NOT NULL REFERENCES cases (id),
	at {{ts}} NOT NULL,
	status TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	location TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delivery_events_case_idx ON delivery_events (case_id, at);

INSERT INTO holidays (day, kind, name) VALUES
('2026-01-01', 'holiday', '元旦'), ('2026-01-02', 'holiday', '元旦'), ('2026-01-04', 'workday', '元旦调休'),
('2026-02-14', 'workday', '春节调休'),
('2026-02-16', 'holiday', '春节'), ('2026-02-17', 'holiday', '春节'), ('2026-02-18', 'holiday', '春节'),
('2026-02-19', 'holiday', '春节'), ('2026-02-20', 'holiday', '春节'), ('2026-02-23', 'holiday', '春节'),
('2026-02-28', 'workday', '春节调休'),
('2026-04-06', 'holiday', '清明节'),
('2026-05-01', 'holiday', '劳动节'), ('2026-05-04', 'holiday', '劳动节'), ('2026-05-05', 'holiday', '劳动节'),
('2026-05-09', 'workday', '劳动节调休'),
('2026-06-19', 'holiday', '端午节'),
('2026-09-20', 'workday', '国庆节调休'),
('2026-09-25', 'holiday', '中秋节'),
('2026-10-01', 'holiday', '国庆节'), ('2026-10-02', 'holiday', '国庆节'), ('2026-10-05', 'holiday', '国庆节'),
('2026-10-06', 'holiday', '国庆节'), ('2026-10-07', 'holiday', '国庆节'),
('2026-10-10', 'workday', '国庆节调休'),
('2027-01-01', 'holiday', '元旦'),
('2027-01-31', 'workday', '春节调休'),
('2027-02-05', 'holiday', '春节'), ('2027-02-08', 'holiday', '春节'), ('2027-02-09', 'holiday', '春节'),
('2027-02-10', 'holiday', '春节'), ('2027-02-11', 'holiday', '春节'), ('2027-02-12', 'holiday', '春节'),
('2027-02-20', 'workday', '春节调休'),
('2027-04-05', 'holiday', '清明节'),
('2027-04-25', 'workday', '劳动节调休'),
('2027-05-03', 'holiday', '劳动节'), ('2027-05-04', 'holiday', '劳动节'), ('2027-05-05', 'holiday', '劳动节'),
('2027-05-08', 'workday', '劳动节调休'),
('2027-06-09', 'holiday', '端午节'),
('2027-09-15', 'holiday', '中秋节'),
('2027-09-26', 'workday', '国庆节调休'),
('2027-10-01', 'holiday', '国庆节'), ('2027-10-04', 'holiday', '国庆节'), ('2027-10-05', 'holiday', '国庆节'),
('2027-10-06', 'holiday', '国庆节'), ('2027-10-07', 'holiday', '国庆节'),
('2027-10-09', 'workday', '国庆节调休');
