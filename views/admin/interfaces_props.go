package admin

import "github.com/zwfw/portal/views/components"

// Run is a piece of text; Mark highlights it (a sensitive word).
type Run struct {
	Text string
	Mark bool
}

// AlertItem is one interface alert (health transition, sensitive words).
type AlertItem struct {
	When string
	Text string
	Href string
}

// InterfacesProps is /admin/interfaces.
type InterfacesProps struct {
	Shell
	Q          components.Field
	Status     components.Field
	Statuses   []components.SelectOption
	Table      components.TableProps
	Count      string
	Pagination components.PaginationProps
	Alerts     []AlertItem
}

// InterfaceFormProps is the registration and edit form.
type InterfaceFormProps struct {
	Shell
	Action    string
	Cancel    string
	Submit    string
	New       bool
	HasSecret bool
	Form      *components.Form
	Methods   []components.RadioItem
	Auths     []components.RadioItem
}

// InterfaceProps is one interface's page.
type InterfaceProps struct {
	Shell
	Status     components.TagProps
	Health     components.TagProps
	GatewayURL string
	Facts      components.SummaryListProps
	Request    components.TableProps
	Response   components.TableProps
	Versions   components.TableProps
	Links      []Link
	Actions    []Action
}

// InterfaceVersionProps is one version under review.
type InterfaceVersionProps struct {
	Shell
	Status   components.TagProps
	Facts    components.SummaryListProps
	Request  components.TableProps
	Response components.TableProps
	Note     string
	Base     string // the version's URL; approve and reject post below it
	Pending  bool
	Own      bool // submitted by the viewer: somebody else reviews it
	Form     *components.Form
}

// InterfaceTestProps is the test console (figure 3).
// A11y: the outcome is a region announced politely after the page loads;
// sensitive words are <mark> and listed in words as well.
type InterfaceTestProps struct {
	Shell
	Action     string
	Method     string
	GatewayURL string
	SourceURL  string
	Fields     []components.TextInputProps
	Outcome    *TestOutcome
}

// TestOutcome is what one test call produced.
type TestOutcome struct {
	URL       string
	Params    []Run
	Method    string
	Status    string
	Latency   string
	Body      []Run
	Sensitive string
	Failure   string
}

// InterfaceHealthProps is the health history.
type InterfaceHealthProps struct {
	Shell
	State      components.TagProps
	Thresholds string
	Chart      Chart
	Checks     components.TableProps
	Alerts     []AlertItem
}
