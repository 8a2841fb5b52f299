// Package sites owns the content of the provincial and department sub-sites
// of C 0103 8.1 and 8.2: policies (政策服务), interpretations (政策解读, each
// linked to its policy and to the implementation items it affects), topics
// (政务服务专题, curated lists of items) and the sub-site apps (政务服务应用,
// the `apps` table that issue 9's registry extends). It also maps that
// content to search documents (NewSearchSource) and loads the demo content.
//
// A site code is a province region code ("330000", including 660000 新疆生产
// 建设兵团) or a national department code from refdata. Every query is scoped
// to one site: a record of another site is ErrNotFound.
package sites
