package consult

import "github.com/zwfw/portal/views/components"

// Shell is the frame every page shares.
type Shell struct {
	Title  string
	Crumbs []components.Crumb
	Flash  string
	Notice string
}

// Entry is one published or own item in a list.
type Entry struct {
	Title  string
	Href   string
	Meta   []string // plain facts: 咨询人, 提交时间, 回复单位 …
	Status string   // tag text, "" for none
	Done   bool     // replied (green tag)
	Delete string   // own lists: the soft-delete POST URL
}

// ListProps is a list page: the public results or the user's own.
type ListProps struct {
	Shell
	Lead     string
	NewHref  string
	NewText  string
	Entries  []Entry
	Empty    string
	NextHref string
	NextText string
	Links    []components.Crumb // extra links (hidden-item log, own list)
}

// ShowProps is one item: facts, the text, the reply and its statements.
type ShowProps struct {
	Shell
	Rows     components.SummaryListProps
	Content  string
	Reply    []components.SummaryRow // empty until replied
	Files    []File
	Delete   string // own items: the soft-delete POST URL
	Continue string // own drafts: the link to continue editing
	Back     components.Crumb
}

// File is a screenshot or photo of the user's own complaint.
type File struct {
	Href string
	Alt  string
}

// Pick is one matter found by the picker.
type Pick struct {
	Code string
	Text string // name · unit · place
}

// ConsultFormProps is /consultations/new (C 0103 7.5.1).
type ConsultFormProps struct {
	Shell
	Form     *components.Form
	DraftID  string
	Lead     string
	Query    string // picker search text
	Picks    []Pick // picker results
	Matter   string // chosen matter, as text ("" = none yet)
	Searched bool   // the picker ran (so "nothing found" can be said)
	SavedAt  string // "草稿已于 10:32 保存"
}

// Option is a value and its text for a select.
type Option struct {
	Value string
	Text  string
}

// ComplaintFormProps is /complaints/new (C 0103 7.5.2).
type ComplaintFormProps struct {
	Shell
	Form       *components.Form
	DraftID    string
	Lead       string
	Cases      []Option // the user's completed cases
	Depts      []Option
	Regions    []Option
	Categories []Option
	Files      []File // already attached (drafts)
	MaxFiles   string // "最多 5 张，每张不超过 5 MB"
	SavedAt    string
}

// Stars is one star-rating question (a radio group, 5 … 1).
type Stars struct {
	Field  components.Field
	Legend string
	Hint   string
}

// EvalFormProps is a case (table 1) or app (table 2) evaluation form.
type EvalFormProps struct {
	Shell
	Form    *components.Form
	Action  string
	Hidden  map[string]string
	Lead    string
	Stars   []Stars
	Content components.Field
}

// SatisfactionProps is the guide page's line: the public satisfaction of
// the matter and the way to consult about it.
type SatisfactionProps struct {
	Text        string // "满意度 4.6 分（满分 5 分），共 12 条评价" or "暂无评价"
	ConsultHref string
	ConsultText string
}

// HiddenLogProps is the public log of hidden items.
type HiddenLogProps struct {
	Shell
	Lead  string
	Head  []string
	Rows  [][]string
	Empty string
}
