// Package search is the portal's embedded search engine (C 0103 7.4 搜索功能):
// an in-memory inverted index over matters, apps, guides, policies and
// topics, rebuilt from the database at start (Load) and kept fresh one doc at
// a time (Refresh, Changed); on PostgreSQL several portal processes stay in
// sync through LISTEN/NOTIFY (sync.go).
//
// It owns the whole text pipeline of 7.4: normalization and script splitting
// (analyze.go), CJK bigrams plus unigrams, full pinyin and pinyin initials of
// titles with polyphonic readings (pinyin.go, data/readings.txt), the
// 政务主题词库 thesaurus, stopwords and banned words (vocab.go, stored in the
// database by migration 0004 and seeded from data/ by Seed), whole-sentence
// segmentation and query planning (query.go, tokens.go), typo correction
// (correct.go), facets, filters and the region cascade (filter.go,
// facets.go), ranking (rank.go), suggestions (suggest.go), hot words from the
// query log (querylog.go, hotwords.go) and recommendations (recommend.go).
//
// # Design
//
// A query is a list of clauses (concepts); a clause matches through any of
// its alternatives (the typed word, its thesaurus terms, its pinyin, the
// vocabulary word its pinyin spells); an alternative matches when all its
// keys are in one field. Documents must match every required clause (weak
// words such as 办理 only add score); when none does, the best coverage
// wins and typo correction is tried. Title-level fields (title, keywords,
// pinyin, initials) are looked up first; the body (full text) is searched
// for concepts that few titles answer, and for everything when the titles
// match nothing (eval.go).
//
// The index favours compact structures so that one million documents fit
// well under 2 GB: uint32 doc ids, delta+varint posting lists with skip
// entries, integer keys for CJK grams, interned facet values and titles, and
// only a short body prefix kept for snippets (Hit.Doc.Body is that prefix,
// not the full text). A small LRU cache answers repeated queries; any change
// empties it.
//
// The package imports nothing of the portal's own: it talks to the database
// through *gorm.DB and to the catalog through the Source interface.
package search
