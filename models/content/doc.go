// Package content owns the rules of the staff console's content
// management (issue 6 §2): catalog items edited with optimistic version
// checks, a version history with diffs, publish and unpublish; sub-site
// policies, interpretations and topics; public announcements that reach
// every user's messages; the search vocabulary (thesaurus, stopwords,
// banned words, pinned hot words); and the dashboard figures.
//
// It writes to tables owned by models/catalog (matter_items), models/sites,
// models/usercenter (announcements) and models/search (vocabulary) with
// their exported types where they have them, adding only what the console
// needs. Every function takes the staff member's staff.Scope and treats a
// record outside it as models.ErrNotFound; every change is appended to the
// audit chain (models/audit) in the same transaction; rich text is reduced
// to plain paragraphs with bluemonday on save (Clean); a published change
// is pushed to the search index through Indexer after the commit.
package content
