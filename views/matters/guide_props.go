package matters

import (
	"github.com/a-h/templ"

	"github.com/zwfw/portal/views/components"
)

// Step is one numbered step of the 办理流程.
type Step struct {
	Name   string
	Detail string
}

// FAQ is one 常见问题.
type FAQ struct {
	Question string
	Answer   []string // paragraphs
}

// Attachment is one downloadable blank form or sample.
type Attachment struct {
	Name string // file name
	Meta string // 格式 PDF，大小 12.3 KB
	Href string // the download
	View string // the in-page reader (C 0103 6.1 c)
}

// GuideProps is the guide page of one implementation item (C 0103 7.1):
// key facts first, then every element of the 实施清单 in a fixed order.
// A11y: one h1 (the item's name); each element is an h2 section listed in
// a contents list at the top; materials and fees are tables with a caption
// and th scope; the process is an ordered list; FAQs are <details>; the
// apply link is a link styled as a button and only exists when it leads
// somewhere.
type GuideProps struct {
	Title       string
	Breadcrumbs []components.Crumb
	Code        string
	KeyFacts    components.SummaryListProps
	Apply       *components.LinkButtonProps // nil: no online handling offered
	ApplyHint   string                      // where the button leads (another site)
	Basic       components.SummaryListProps
	Conditions  []string
	Materials   components.TableProps
	Steps       []Step
	Charged     bool
	Fees        components.TableProps
	FeeNote     string // 不收费
	Location    []string
	Hours       []string
	Consult     []string
	Complaint   []string
	FAQs        []FAQ
	Attachments []Attachment
	Others      []Link // the same matter in other regions
	// Actions holds favourite, share and rating controls supplied by later
	// features; the section is not rendered while it is empty, so the page
	// never shows a control that does nothing.
	Actions []templ.Component
}
