// Package catalog owns the service catalog of C 0103 7.1: the 基本目录
// (Matter: basic code, name, type, managing department) and the 实施清单
// (Item: one matter as implemented by one body in one region) with every
// element listed in C 0103 7.1 and reference.md §3 — materials, fees,
// process steps, FAQs and attached blank forms and samples.
//
// It also owns the demo content (demodata/*.json, loaded by SeedDemo), the
// synthetic `portal seed scale` generator for million-item catalogs, and the
// search source mapping published items to search.Doc (CONTRACTS.md facets).
//
// `portal seed scale --items N` (GenerateScale) implements the demo matters
// in every region of the reference catalog (townships, and villages when
// loaded) with derived bodies and codes, copying each template item's
// children inside the database (SQLite INSERT … SELECT, PostgreSQL COPY plus
// INSERT … SELECT over unnest), so a million items take minutes.
//
// Tables (migration 0003): matters, matter_items, item_materials, item_fees,
// item_steps, item_faqs, catalog_attachments. Lists of codes (audiences,
// themes, handling forms) are stored comma-separated: they are read whole
// and filtered by the search engine, never joined on.
package catalog
