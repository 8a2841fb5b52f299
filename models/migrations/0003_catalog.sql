-- The service catalog of C 0103 7.1 (reference.md §3): the 基本目录 (matters)
-- and the 实施清单 (matter_items: one matter implemented by one body in one
-- region) with its 材料目录, 收费项目, 办理流程 and 常见问题, plus the blank
-- forms and samples users download (catalog_attachments).
-- Code lists (audiences, themes, handling forms) are comma-separated: they are
-- read whole and filtered by the search index, never joined on.

CREATE TABLE matters (
	id {{pk}},
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	dept_code TEXT NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX matters_code_idx ON matters (code);
CREATE INDEX matters_dept_idx ON matters (dept_code);

CREATE TABLE catalog_attachments (
	id {{pk}},
	name TEXT NOT NULL,
	mime TEXT NOT NULL,
	size BIGINT NOT NULL,
	sha256 TEXT NOT NULL,
	data {{blob}} NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX catalog_attachments_sha_idx ON catalog_attachments (sha256, name);

CREATE TABLE matter_items (
	id {{pk}},
	code TEXT NOT NULL,
	matter_id BIGINT NOT NULL REFERENCES matters (id),
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	legal_basis TEXT NOT NULL DEFAULT '',
	level INTEGER NOT NULL,
	region_code TEXT NOT NULL,
	dept_code TEXT NOT NULL,
	body_name TEXT NOT NULL,
	body_code TEXT NOT NULL,
	body_nature TEXT NOT NULL DEFAULT '1',
	statutory_limit INTEGER NOT NULL DEFAULT 0,
	statutory_unit TEXT NOT NULL DEFAULT '1',
	statutory_note TEXT NOT NULL DEFAULT '',
	promised_limit INTEGER NOT NULL DEFAULT 0,
	promised_unit TEXT NOT NULL DEFAULT '1',
	promised_note TEXT NOT NULL DEFAULT '',
	visits INTEGER NOT NULL DEFAULT 0,
	conditions TEXT NOT NULL DEFAULT '',
	charged BOOLEAN NOT NULL DEFAULT FALSE,
	audiences TEXT NOT NULL DEFAULT '',
	case_type TEXT NOT NULL DEFAULT '',
	forms TEXT NOT NULL DEFAULT '',
	location TEXT NOT NULL DEFAULT '',
	hours TEXT NOT NULL DEFAULT '',
	consult TEXT NOT NULL DEFAULT '',
	complaint TEXT NOT NULL DEFAULT '',
	themes_natural TEXT NOT NULL DEFAULT '',
	themes_legal TEXT NOT NULL DEFAULT '',
	local_themes TEXT NOT NULL DEFAULT '',
	scope TEXT NOT NULL DEFAULT '',
	online BOOLEAN NOT NULL DEFAULT FALSE,
	online_url TEXT NOT NULL DEFAULT '',
	mobile_url TEXT NOT NULL DEFAULT '',
	trust_level INTEGER NOT NULL DEFAULT 3,
	status TEXT NOT NULL DEFAULT 'draft',
	version INTEGER NOT NULL DEFAULT 1,
	popularity REAL NOT NULL DEFAULT 0,
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX matter_items_code_idx ON matter_items (code);
CREATE INDEX matter_items_matter_idx ON matter_items (matter_id, region_code);
CREATE INDEX matter_items_region_idx ON matter_items (region_code);
CREATE INDEX matter_items_dept_idx ON matter_items (dept_code);
CREATE INDEX matter_items_type_idx ON matter_items (type);
CREATE INDEX matter_items_level_idx ON matter_items (level);
CREATE INDEX matter_items_status_idx ON matter_items (status, id);

CREATE TABLE item_materials (
	id {{pk}},
	item_id BIGINT NOT NULL REFERENCES matter_items (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	necessity TEXT NOT NULL,
	form TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL DEFAULT '',
	copies INTEGER NOT NULL DEFAULT 0,
	source TEXT NOT NULL DEFAULT '',
	blank_form_id BIGINT REFERENCES catalog_attachments (id),
	sample_id BIGINT REFERENCES catalog_attachments (id),
	notes TEXT NOT NULL DEFAULT '',
	standard TEXT NOT NULL DEFAULT '',
	basis TEXT NOT NULL DEFAULT ''
);
CREATE INDEX item_materials_item_idx ON item_materials (item_id, position);

CREATE TABLE item_fees (
	id {{pk}},
	item_id BIGINT NOT NULL REFERENCES matter_items (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	standard TEXT NOT NULL DEFAULT '',
	basis TEXT NOT NULL DEFAULT '',
	waivable BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX item_fees_item_idx ON item_fees (item_id, position);

CREATE TABLE item_steps (
	id {{pk}},
	item_id BIGINT NOT NULL REFERENCES matter_items (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX item_steps_item_idx ON item_steps (item_id, position);

CREATE TABLE item_faqs (
	id {{pk}},
	item_id BIGINT NOT NULL REFERENCES matter_items (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	question TEXT NOT NULL,
	answer TEXT NOT NULL
);
CREATE INDEX item_faqs_item_idx ON item_faqs (item_id, position);
