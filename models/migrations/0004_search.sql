-- Search (C 0103 7.4): the 政务主题词库 thesaurus, stopwords and weak words,
-- banned words (违禁词), the query log behind hot words and the staff
-- dashboard, and staff-pinned hot words. Owned by models/search.

CREATE TABLE thesaurus (
	id {{pk}},
	term TEXT NOT NULL,
	official TEXT NOT NULL,
	enabled BOOLEAN NOT NULL DEFAULT TRUE,
	note TEXT NOT NULL DEFAULT '',
	updated_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX thesaurus_term_official_idx ON thesaurus (term, official);

CREATE TABLE stopwords (
	word TEXT PRIMARY KEY,
	kind TEXT NOT NULL DEFAULT 'stop',
	updated_at {{ts}} NOT NULL
);

CREATE TABLE banned_words (
	word TEXT PRIMARY KEY,
	note TEXT NOT NULL DEFAULT '',
	updated_at {{ts}} NOT NULL
);

-- One row per search typed by a visitor. log_day (days since 1970-01-01,
-- UTC) lets hot words aggregate by day with portable SQL. visitor is an
-- opaque per-session hash (never a user id); top_doc is the first hit, for
-- co-search recommendations.
CREATE TABLE query_log (
	id {{pk}},
	query TEXT NOT NULL,
	terms TEXT NOT NULL DEFAULT '',
	result_count INTEGER NOT NULL,
	region TEXT NOT NULL DEFAULT '',
	scope TEXT NOT NULL DEFAULT '',
	corrected TEXT NOT NULL DEFAULT '',
	banned BOOLEAN NOT NULL DEFAULT FALSE,
	visitor TEXT NOT NULL DEFAULT '',
	top_doc TEXT NOT NULL DEFAULT '',
	log_day INTEGER NOT NULL,
	created_at {{ts}} NOT NULL
);
CREATE INDEX query_log_day_idx ON query_log (log_day, query);
CREATE INDEX query_log_zero_idx ON query_log (result_count, log_day);
CREATE INDEX query_log_top_doc_idx ON query_log (top_doc, log_day);
CREATE INDEX query_log_visitor_idx ON query_log (visitor, log_day);

CREATE TABLE hot_word_pins (
	id {{pk}},
	word TEXT NOT NULL,
	sort_order INTEGER NOT NULL DEFAULT 0,
	starts_at {{ts}},
	ends_at {{ts}},
	created_at {{ts}} NOT NULL
);
CREATE UNIQUE INDEX hot_word_pins_word_idx ON hot_word_pins (word);
