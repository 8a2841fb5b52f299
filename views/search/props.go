// Package search renders the search pages of C 0103 7.4: the results page
// (/search) with scope tabs, facets, the region cascade, corrections,
// suggestions, hot words and recommendations. Every state is a GET URL;
// handlers/search.go builds the view structs below, already translated
// and with every link ready, so the templates only lay them out.
package search

import "github.com/a-h/templ"

// Link is a piece of text that navigates.
type Link struct {
	Text string
	Href string
}

// Tab is one scope of the search (全部, 应用服务, 自然人服务 …).
type Tab struct {
	Label   string
	Href    string
	Count   int
	Current bool
}

// Hit is one result.
type Hit struct {
	Title   string
	Href    string
	Kind    string // tag text: 行政权力, 公共服务, 政策, 应用 …
	Meta    string // department and region line
	Snippet string // plain text; the engine's highlights are not HTML
	Reason  string // why it ranks here, e.g. 您所在地区; "" for none
}

// FacetOption is one value of a facet with its number of results.
type FacetOption struct {
	Label    string
	Href     string // adds this value (or removes it when Selected)
	Count    int
	Selected bool
}

// FacetGroup is the counts of one facet key (分类, 部门, 地区 …).
type FacetGroup struct {
	ID      string // stable id for the heading, e.g. "facet-type"
	Heading string
	Options []FacetOption
	More    int // values not shown (the engine returned more than the page shows)
}

// Applied is one active filter with the link that removes it.
type Applied struct {
	Label     string // "事项类型：行政许可"
	RemoveURL string
}

// Rec is one recommendation with the reason it is offered.
type Rec struct {
	Title  string
	Href   string
	Reason string
}

// Pager is the results' pagination.
type Pager struct {
	Base  string // "/search"
	Query map[string][]string
	Page  int
	Pages int
}

// Correction is set when the engine searched a corrected query.
type Correction struct {
	Corrected   string // what was searched
	Original    string // what the visitor typed
	OriginalURL string // the same search with correction switched off
}

// Props is the results page.
// A11y: one h1; the count is a role=status element (announced when the
// script updates it in place); scope tabs are a <nav> of links with
// aria-current; facets are lists of links whose text includes the count
// and state ("已选"), so nothing depends on colour; hits are an ordered
// list of h3 links; the suggestion box is a combobox only with JS.
type Props struct {
	Query      string   // the text searched (trimmed), kept in the box
	Heading    string   // the query shortened for the title and h1
	Notices    []string // bad filters dropped, query trimmed …
	Banned     string   // message when the query contained a banned word
	Correction *Correction

	Searched     bool   // a query or filter was given: show results
	Count        string // "找到 12 条结果"
	Tabs         []Tab
	Suggestions  []Link // 您是不是要找 (same as the combobox offers)
	Hits         []Hit
	Pager        Pager
	Applied      []Applied
	ClearURL     string
	FiltersOpen  bool
	Groups       []FacetGroup
	RegionForm   RegionForm
	HotWords     []Link
	Recs         []Rec
	RecsRegion   string // visitor's region named in the recommendations heading
	EmptyAdvice  bool   // no results: say what to try
	GeoEndpoint  string // JSON endpoint that names the nearest county
	GeoParam     string // parameter the location sets
	GeoDropParam string // parameters the location clears (space separated)
}

// RegionForm is the GET form of the province → city → county cascade:
// Select is the cascade component (rendered by its owner); Hidden keeps
// the rest of the search state when it is submitted.
type RegionForm struct {
	Select templ.Component
	Hidden []Param
	Label  string // current region, "" for 全国
}

// Param is one hidden name/value pair.
type Param struct {
	Name  string
	Value string
}
