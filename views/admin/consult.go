package admin

import "github.com/zwfw/portal/views/components"

// ConsultDetailProps is one consultation, complaint or follow-up in the
// console: its facts, its text, the moderation note and the forms of the
// actions the state allows (issue 8).
type ConsultDetailProps struct {
	Shell
	Rows    []components.SummaryRow
	Content string
	Held    string // why moderation holds it, "" when clear
	Images  []Link // screenshots and photos: Href, Text = alt text
	Actions []Action
	Forms   []TitledForm
}

// TitledForm is a generic form under its own h2.
type TitledForm struct {
	Title string
	Form  FormProps
}

// SatisfactionProps is the console's satisfaction statistics page.
type SatisfactionProps struct {
	Shell
	Intro    string
	Sections []SatSection
}

// SatSection is one breakdown (department, matter, app): a chart and the
// same figures as a table.
type SatSection struct {
	Title string
	Chart Chart
	Head  []string
	Rows  []Row
	Empty string
}
