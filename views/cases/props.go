// Package cases renders online case handling (C 0103 7.2) and case query
// (7.3): the application's question pages, materials, check-your-answers,
// confirmation, 我的办件 with the case page, and the public query. View
// structs are shaped like the screen; no model type reaches a template.
package cases

import (
	"context"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/views/components"
)

// Shell is the frame of every page.
type Shell struct {
	Title  string
	Crumbs []components.Crumb
	Flash  string
	Notice string // an important notice (restored after sign-in, demo data)
	Form   *components.Form
}

// Question is one field of a question page, already translated.
type Question struct {
	Kind    string // radio, select, text, textarea
	Field   components.Field
	Label   string
	Hint    string
	Options []Option
	When    string // id of the radio option this question belongs under ("" = always)
}

// Option is one choice.
type Option struct {
	Value string
	Text  string
}

// StepProps is one question page.
type StepProps struct {
	Shell
	Action    string // form action
	Version   int
	StepOf    string                  // "第 2 步，共 5 步"
	Known     []components.SummaryRow // fields the system knows, shown not retyped (6.1 h)
	KnownNote string
	Questions []Question
	Back      string
}

// MaterialRow is one guide material on the materials page.
type MaterialRow struct {
	ID       string
	Name     string
	Need     string // 必要 / 非必要 / 容缺
	Rule     string // "JPG、PNG、PDF 或 OFD，不超过 10 MB"
	Notes    string
	Error    string // beside this material
	Files    []FileRow
	Licences []Option // 我的证照 that may be attached instead
}

// FileRow is one attached file or licence.
type FileRow struct {
	Name       string
	Detail     string
	RemoveHref string // "" = cannot be removed
	Href       string // download link ("" = none)
}

// MaterialsProps is the materials page (and the corrections form).
type MaterialsProps struct {
	Shell
	StepOf     string
	UploadURL  string
	LicenceURL string
	NextURL    string
	Version    int
	Rows       []MaterialRow
	Back       string
}

// CheckProps is check your answers.
type CheckProps struct {
	Shell
	StepOf    string
	Sections  []CheckSection
	SubmitURL string
	Token     string
	Back      string
	DeleteURL string // discard the draft
}

// CheckSection is one step's answers with its change link.
type CheckSection struct {
	Title string
	Rows  []components.SummaryRow
}

// ConfirmProps is the confirmation after submitting.
type ConfirmProps struct {
	Shell
	Number    string
	QueryCode string // "" when already shown once
	Due       string
	CaseHref  string
}

// StartProps is the entry page of an online application.
type StartProps struct {
	Shell
	Item      string
	Body      string
	Lead      string
	Materials []string
	Action    string
	Code      string
}

// MessageProps is a page that explains a refusal (409) or a timeout (503).
type MessageProps struct {
	Shell
	Body     string
	LinkText string
	LinkHref string
}

// Filter is one status filter link.
type Filter struct {
	Text    string
	Href    string
	Current bool
}

// CaseRow is a case in a list.
type CaseRow struct {
	Title  string
	Href   string
	Number string
	Status string
	Colour components.TagColour
	Date   string
	Due    string
}

// ListProps is 我的办件.
type ListProps struct {
	Shell
	Filters    []Filter
	Drafts     []CaseRow
	Rows       []CaseRow
	Empty      string
	Pagination components.PaginationProps
}

// TimelineRow is one line of the progress timeline.
type TimelineRow struct {
	When string
	Text string
	Note string
}

// CaseProps is the case page (owner, public query result and console).
type CaseProps struct {
	Shell
	Status      string
	Colour      components.TagColour
	Basics      []components.SummaryRow
	Timeline    []TimelineRow
	Materials   []FileRow
	Delivery    []components.SummaryRow
	Tracking    []TimelineRow
	DemoTracker bool
	Result      *FileRow
	EvaluateURL string
	Withdraw    string // form action ("" = not offered)
	Version     int
	Correction  *MaterialsProps // corrections asked: the upload form
	Resubmit    string
	Masked      bool
}

// QueryProps is the public query form.
type QueryProps struct {
	Shell
	Action string
}

func t(ctx context.Context, key string, args ...any) string { return locales.T(ctx, key, args...) }

func pageTitle(ctx context.Context, s Shell) string {
	if s.Form.HasErrors() {
		return locales.T(ctx, "cases.title.error", s.Title)
	}
	return s.Title
}
