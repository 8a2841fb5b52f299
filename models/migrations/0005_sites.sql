-- Sub-site content of C 0103 8.2 for the 32 provincial units and the national
-- departments (8.1): 政策服务 (policies), 政策解读 (interpretations, linked to
-- a policy and to the implementation items they affect), 政务服务专题
-- (topics: curated lists of items) and 政务服务应用 (apps, issue 9 §1 fields;
-- the app container and review workflow extend this table later).
-- site_code is a province region code (330000) or a department code.

CREATE TABLE site_policies (
	id {{pk}},
	site_code TEXT NOT NULL,
	title TEXT NOT NULL,
	doc_number TEXT NOT NULL DEFAULT '',
	issuer TEXT NOT NULL DEFAULT '',
	issued_on {{ts}} NOT NULL,
	body TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	published BOOLEAN NOT NULL DEFAULT TRUE,
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE INDEX site_policies_site_idx ON site_policies (site_code, issued_on);

CREATE TABLE site_interpretations (
	id {{pk}},
	site_code TEXT NOT NULL,
	policy_id BIGINT REFERENCES site_policies (id),
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	published_on {{ts}} NOT NULL,
	published BOOLEAN NOT NULL DEFAULT TRUE,
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE INDEX site_interpretations_site_idx ON site_interpretations (site_code, published_on);
CREATE INDEX site_interpretations_policy_idx ON site_interpretations (policy_id);

CREATE TABLE site_interpretation_items (
	interpretation_id BIGINT NOT NULL REFERENCES site_interpretations (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	item_code TEXT NOT NULL,
	PRIMARY KEY (interpretation_id, item_code)
);

CREATE TABLE site_topics (
	id {{pk}},
	site_code TEXT NOT NULL,
	title TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL DEFAULT 0,
	published BOOLEAN NOT NULL DEFAULT TRUE,
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE INDEX site_topics_site_idx ON site_topics (site_code, position);

CREATE TABLE site_topic_items (
	topic_id BIGINT NOT NULL REFERENCES site_topics (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	item_code TEXT NOT NULL,
	PRIMARY KEY (topic_id, item_code)
);

CREATE TABLE apps (
	id {{pk}},
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	owner_org TEXT NOT NULL,
	site_code TEXT NOT NULL DEFAULT '',
	entry_url TEXT NOT NULL DEFAULT '',
	icon TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'draft',
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE INDEX apps_site_idx ON apps (site_code, status);
