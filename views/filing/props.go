// Package filing renders mobile-client filing pages (C 0103 9): the
// organisation's filings (/developer/filings), the public list of approved
// clients (/filings), and the portal's own store material: the offline
// page (9.4 b) and the release notes (版本说明, 5.3 c).
package filing

import "github.com/zwfw/portal/views/components"

// ListProps is the organisation's filings.
type ListProps struct {
	Flash string
	Rows  []Row
}

// Row is one filing in a list.
type Row struct {
	Name, Href, Org, Status, Version, Updated string
	Colour                                    components.TagColour
}

// FormProps is the details form (create or edit).
type FormProps struct {
	Title, Lead string
	Action      string
	Form        *components.Form
	Regions     []components.SelectOption
	Depts       []components.SelectOption
	Cancel      string
}

// ShowProps is one filing for its organisation.
type ShowProps struct {
	ID, Name, Status, StatusHint string
	Colour                       components.TagColour
	Editable, Complete           bool
	Flash                        string
	Errors                       []components.ErrorItem
	Form                         *components.Form // upload field errors
	Facts                        []components.SummaryRow
	EditHref                     string
	IconURL                      string
	Shots                        []Shot
	Package                      []components.SummaryRow
	Missing                      []components.ErrorItem
	PackageHint                  string
	History                      []HistoryEntry
}

// Shot is one screenshot with its delete action (empty when read-only).
type Shot struct {
	URL, Alt, Delete string
}

// HistoryEntry is one submitted revision or one review.
type HistoryEntry struct {
	When, Title, Note string
	Checks            []CheckLine
}

// CheckLine is one 9.4 item of a review.
type CheckLine struct {
	Item, Label, Result, Note string
	Passed                    bool
}

// PublicListProps is /filings: approved clients.
type PublicListProps struct {
	Rows []Row
}

// PublicShowProps is one approved client.
type PublicShowProps struct {
	Name    string
	IconURL string
	Facts   []components.SummaryRow
	Shots   []Shot
}

// OfflineProps is the page the service worker shows without a network.
type OfflineProps struct{}

// ReleaseNotesProps is 版本说明: one section per released version.
type ReleaseNotesProps struct {
	Versions []Version
}

// Version is one release of the portal.
type Version struct {
	ID, Title, Date string
	Items           []string
}
