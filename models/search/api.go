package search

import (
	"context"
	"time"
)

// Doc is one searchable document: an implementation item, policy, interpretation, app or topic.
type Doc struct {
	ID         string              // "item:<code>", "policy:<id>", "interp:<id>", "app:<id>", "topic:<id>"
	Kind       string              // "matter" | "policy" | "app" | "topic"
	Title      string              // shown as the hit's link text
	Body       string              // full text: guide, conditions, materials, FAQs; or policy text (in a Hit: only the prefix the index keeps for snippets)
	Keywords   []string            // extra terms (matter name of the 基本目录, aliases)
	URL        string              // where the hit links to
	Facets     map[string][]string // keys: type group audience dept theme_n theme_l theme_local level scope online region site
	RegionPath []string            // the doc's region code and all its ancestors; national: ["000000"]
	Popularity float64             // 0..1
	Updated    time.Time           // last change, for Sort "updated"
}

// Source streams documents of one kind into the engine.
type Source interface {
	Kind() string
	// All streams every published doc (index build).
	All(ctx context.Context, emit func(Doc) error) error
	// Get returns one doc by ID (incremental update); false = deleted/unpublished.
	Get(ctx context.Context, id string) (Doc, bool, error)
}

// Scopes of C 0103 7.4 (应用服务, 自然人服务, 法人服务, 办事指南, 行政权力) plus policies.
const (
	ScopeAll     = ""
	ScopeApp     = "app"     // 应用服务
	ScopeNatural = "natural" // 自然人服务
	ScopeLegal   = "legal"   // 法人服务
	ScopeGuide   = "guide"   // 办事指南
	ScopePower   = "power"   // 行政权力
	ScopePolicy  = "policy"  // 政策
)

// Sort orders accepted by Query.Sort.
const (
	SortRelevance = ""
	SortName      = "name"
	SortUpdated   = "updated"
	SortPopular   = "popular"
)

// Query is one search request. Text "" with Filters is the finder (catalog browse).
type Query struct {
	Text    string
	Scope   string              // "" all | "app" | "natural" | "legal" | "guide" | "power" | "policy"
	Filters map[string][]string // AND across keys, OR within one key
	Region  string              // visitor's region: only docs at this region, its ancestors, national, or below it; exact region ranks first
	Sort    string              // "" relevance | "name" | "updated" | "popular"
	Offset  int
	Limit   int
	Facets  []string // facet keys whose counts to return (over the filtered set)
	// Exact searches the text as typed, without typo correction: the
	// "search for the original instead" link of a corrected query.
	Exact bool
	// CountOnly returns Total and Facets without ranking any hit: the
	// finder's per-dimension counts and the dimension pages need no list.
	CountOnly bool
}

// Result is the answer to a Query.
type Result struct {
	Total     int
	Hits      []Hit
	Facets    map[string][]FacetCount // sorted by count desc
	Corrected string                  // the corrected query when typo correction changed it ("" otherwise)
	Terms     []string                // analysed terms actually searched (after stopwords/thesaurus)
	Trimmed   bool                    // query was longer than 1000 chars and was cut
	Banned    bool                    // query contained a banned word: no results, caller shows a message
}

// Hit is one result document.
type Hit struct {
	Doc     *Doc
	Score   float64
	Snippet string
}

// FacetCount is the number of filtered results having one facet value.
type FacetCount struct {
	Value string
	Count int
}

// Suggestion is one completion offered while typing.
type Suggestion struct {
	Text string // what to put in the search box
	Kind string // "title" | "term" (thesaurus) | "hot"
	URL  string // direct link when the suggestion is one doc's title ("" otherwise)
}
