// Package admin renders the staff console (/admin, issue 6): sign-in with
// the TOTP second factor, the console home and dashboards with SVG charts,
// content management of catalog items with their history and diffs,
// sub-site content, announcements, the search vocabulary, staff accounts
// and the audit log. Pages use the design system (views/components), work
// without JavaScript and take plain view structs: no models, GORM or Echo.
package admin

import "github.com/zwfw/portal/views/components"

// Shell is what every console page shares around its content.
// A11y: the staff bar is a labelled region; the console navigation is a
// second <nav> with its own label and aria-current on the current
// section; the error summary comes first, then a success banner.
type Shell struct {
	Title  string
	Crumbs []components.Crumb
	Staff  *StaffBar // nil on the sign-in pages
	Nav    []NavItem
	Flash  string // outcome of the previous action (after a 303)
	Errors []components.ErrorItem
	Notice string // important notice (e.g. bad filters dropped)
}

// PageTitle prefixes the title when the form has errors.
func (s Shell) PageTitle(errPrefix string) string {
	if len(s.Errors) > 0 {
		return errPrefix + s.Title
	}
	return s.Title
}

// StaffBar says who is signed in, as what and where.
type StaffBar struct {
	Name  string
	Role  string
	Scope string
}

// NavItem is one console section.
type NavItem struct {
	Label   string
	Href    string
	Current bool
}

// Link is a text with an href.
type Link struct {
	Text string
	Href string
}

// Action is a POST button with its hidden fields (publish, delete…).
type Action struct {
	Href    string
	Text    string
	Variant components.ButtonVariant
	Fields  map[string]string
}
