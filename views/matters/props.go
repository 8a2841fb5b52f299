// Package matters renders the service navigation of C 0103 6.3 (the finder
// /matters and the dimension pages /matters/by/{dim}) and the guide page of
// one implementation item (7.1). View structs are shaped like the screen;
// handlers fill them and no model type reaches a template.
package matters

import "github.com/zwfw/portal/views/components"

// Link is a text with an optional href (no href: plain text).
type Link struct {
	Text string
	Href string
}

// Hidden is a parameter the filter form carries unchanged.
type Hidden struct {
	Name, Value string
}

// FacetGroup is one filter dimension of the finder: a checkbox group.
type FacetGroup struct {
	Name   string // GET parameter
	Legend string
	Hint   string
	Items  []components.CheckboxItem // Text carries the count: 行政许可（12）
	Open   bool                      // a value is chosen: show the group expanded
}

// ActiveFilter is one chosen filter value with the link that removes it.
type ActiveFilter struct {
	Dimension  string // 事项类型
	Value      string // 行政许可
	RemoveHref string
}

// Result is one item in the finder's list.
type Result struct {
	Title string
	Href  string
	Meta  []string // implementing department, region, matter type
	Tags  []string // 可在线办理, 跨省通办 (words, not colours)
}

// FinderProps is the finder page (C 0103 6.3: six dimensions combined).
// A11y: the filters are a GET form of fieldsets with a submit button, so it
// works without JavaScript; the result count is the h2 that a skip link
// points to; each active filter is a link whose text says it removes it.
type FinderProps struct {
	Title       string
	Breadcrumbs []components.Crumb
	Notices     []string // dropped filter values, page past the end
	RegionName  string   // "" = 全国
	RegionHref  string
	Hidden      []Hidden // parameters the form keeps (site)
	Groups      []FacetGroup
	Sort        components.SelectProps
	Active      []ActiveFilter
	ClearHref   string // "" when nothing is filtered
	Total       int
	Results     []Result
	Start       int // number of the first result (ordered list start)
	Pagination  components.PaginationProps
	PageSummary string // 第 2 / 5 页
}

// DimValue is one value on a dimension page: a link to the finder with its
// count, and possibly sub-values (the matter types of a group).
type DimValue struct {
	Label    string
	Count    int
	Href     string // "" when the count is 0: no link to an empty list
	Children []DimValue
}

// DimSection is a titled list of values (自然人 themes, 法人 themes …).
type DimSection struct {
	Heading string
	Intro   string
	Values  []DimValue
}

// DimensionProps is a dimension landing page /matters/by/{dim}.
// A11y: one h1, an h2 per section, values as a list of links whose text
// includes the count.
type DimensionProps struct {
	Title       string
	Intro       string
	Breadcrumbs []components.Crumb
	RegionName  string
	RegionHref  string
	Sections    []DimSection
	FinderHref  string
}
