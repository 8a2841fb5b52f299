// Package sites renders the provincial and department sub-sites of C 0103
// 8.1 and 8.2: the list of sub-sites, each sub-site's home and the pages of
// its policies, interpretations and topics. Bodies are plain text (the
// models sanitize on write), shown as paragraphs.
package sites

import "github.com/zwfw/portal/views/components"

// Link is a text with an href.
type Link struct {
	Text string
	Href string
}

// Entry is one list entry: a linked title with a line of facts.
type Entry struct {
	Title string
	Href  string
	Meta  string
	Note  string // a second line: 解读的政策, a topic's summary
}

// App is one 政务服务应用 of the sub-site (8.2 e).
type App struct {
	Name        string
	Type        string // 需身份信息 / 完全开放
	Owner       string
	Description string
	Href        string // entry URL; "" when the app is not online
	Status      string // 暂停服务 when not online
}

// ListProps is /sites: the 32 provincial units and the national departments.
// A11y: two h2 sections of plain link lists.
type ListProps struct {
	Title       string
	Intro       string
	Breadcrumbs []components.Crumb
	Provinces   []Link
	Departments []Link
}

// HomeProps is one sub-site's home (8.2 a–e).
// A11y: one h1 (the site's name); one h2 per column of 8.2; empty columns
// say so in words.
type HomeProps struct {
	Title           string
	Intro           string
	Breadcrumbs     []components.Crumb
	Policies        []Entry
	Interpretations []Entry
	Topics          []Entry
	MattersTotal    int
	MattersHref     string
	Matters         []Entry // the most used
	LocalThemes     []Entry // 地方特色 themes with counts
	Apps            []App
}

// DocProps is a policy, interpretation or topic page.
// A11y: one h1; facts as a summary list; body paragraphs; related links in
// h2 sections.
type DocProps struct {
	Title       string
	Breadcrumbs []components.Crumb
	Facts       components.SummaryListProps
	Lead        string
	Body        []string
	Sections    []Section
}

// Section is a titled list of links on a document page.
type Section struct {
	Heading string
	Empty   string // shown when Entries is empty
	Entries []Entry
}
