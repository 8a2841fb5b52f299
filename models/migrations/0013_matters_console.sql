-- 基本目录 matters managed in the staff console (issue 6, models/content).
-- A matter has a status: only a published matter may have published
-- implementation items, and it may be unpublished only when none of its
-- items is published. version guards an edit against a stale form, as for
-- items; matter_versions is the history (JSON snapshots) the diff reads.
-- Materials, fees, steps and FAQs edited in the console are kept in the
-- item's own history (item_versions snapshots carry them), so they need no
-- table here.
ALTER TABLE matters ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE matters ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE matters ADD COLUMN updated_at {{ts}};

CREATE TABLE matter_versions (
	id {{pk}},
	matter_id BIGINT NOT NULL REFERENCES matters (id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	action TEXT NOT NULL,
	status TEXT NOT NULL,
	snapshot TEXT NOT NULL,
	staff_id BIGINT NOT NULL DEFAULT 0,
	staff_name TEXT NOT NULL DEFAULT '',
	created_at {{ts}} NOT NULL
);
CREATE INDEX matter_versions_matter_idx ON matter_versions (matter_id, id);
