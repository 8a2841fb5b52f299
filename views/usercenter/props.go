// Package usercenter renders the user center /me (C 0103 7.7): the
// dashboard, profile, password, trust level and its upgrade (7.7 b), cases,
// consultations and complaints (c–e), favourites (f), messages (g),
// footprints (h), licences (i), "为我推荐", and privacy and data (9.4 h).
// It also holds FavouriteButton, which guide pages render. View structs are
// shaped like the screen; no model type reaches a template.
package usercenter

import (
	"github.com/zwfw/portal/views/components"
)

// Shell is what every user-center page has: the path back and the flash.
type Shell struct {
	Title  string
	Crumbs []components.Crumb
	Flash  string // success banner after a 303
	Notice string // an important notice (a dropped filter value)
}

// Section is one entry of the dashboard.
type Section struct {
	Text  string
	Href  string
	Hint  string
	Count string // "3 条未读" — plain text beside the link, "" for none
}

// Rec is one "为我推荐" entry with its reason.
type Rec struct {
	Title  string
	Href   string
	Reason string
}

// DashboardProps is /me.
type DashboardProps struct {
	Shell
	Greeting   string
	Level      string // 第三级（实名核验）
	CanUpgrade bool
	Services   []Section
	Account    []Section
	Recs       []Rec
	RecsNote   string
}

// ProfileProps is /me/profile.
type ProfileProps struct {
	Shell
	Rows components.SummaryListProps
}

// FormPageProps is a user-center form: profile edit, password, delete.
type FormPageProps struct {
	Shell
	Form        *components.Form
	Lead        string
	NameLocked  string // profile: the verified name, shown instead of a field
	Legal       bool
	ReturnTo    string
	Warnings    []string // delete: what is erased and what is kept
	SubmitLabel string
}

// LevelRow is one trust level on the trust page.
type LevelRow struct {
	Name   string // 第三级 实名核验
	Desc   string
	Status string // 已完成 / 当前等级 / 未完成: text, not colour
	Done   bool
}

// TrustProps is /me/trust (C 0103 7.7 b).
type TrustProps struct {
	Shell
	Form      *components.Form
	Current   string
	Levels    []LevelRow
	Next      int // the level the page offers to reach (2, 3, 4), 0 = none online
	Legal     bool
	Verifier  string // name shown in the consent text
	TestLabel bool   // the verifier is a test adapter: say so
	Missing   bool   // no verifier configured for Next
	ReturnTo  string
	Need      int
	NeedText  string // "完成第三级认证后将返回您刚才的页面"
}

// ListItem is one row of a user-center list.
type ListItem struct {
	ID       int64
	Title    string
	Href     string
	Kind     string // a tag: 事项 / 应用 / 服务动态; 未读
	Unread   bool
	Meta     string // date
	Action   string // POST URL of the row's remove button
	ActionTx string // the button text (the title is added for screen readers)
}

// Filter is one link of a list's filter bar.
type Filter struct {
	Text    string
	Href    string
	Current bool
}

// ListProps is a list page: favourites, messages, footprints.
type ListProps struct {
	Shell
	Lead       string
	Filters    []Filter
	Items      []ListItem
	Empty      string
	EmptyHref  string
	EmptyLink  string
	Pagination components.PaginationProps
	Paused     bool   // footprints: recording paused
	Toggle     string // footprints: POST URL of pause/resume
	ToggleText string
	Bulk       string // POST URL of "clear all" / "mark all read"
	BulkText   string
	BulkWarn   bool
}

// MessageProps is /me/messages/{id}.
type MessageProps struct {
	Shell
	Kind string
	Date string
	Body []string
	Link string
	ID   int64
}

// LicenceCard is one licence in the list.
type LicenceCard struct {
	Title  string
	Href   string
	Number string // masked
	Class  string // 可信等级 A
	Valid  string
}

// LicencesProps is /me/licences.
type LicencesProps struct {
	Shell
	Demo    bool
	Cards   []LicenceCard
	Removed int
	Classes []components.SummaryRow // what A–D mean
}

// LicenceProps is /me/licences/{id}.
type LicenceProps struct {
	Shell
	Demo    bool
	Facts   components.SummaryListProps
	Class   string
	Meaning string
	Matters []Rec
	Unlink  string
}

// ConsentRow is one consent record.
type ConsentRow struct {
	What, Version, When, State string
}

// PrivacyProps is /me/privacy.
type PrivacyProps struct {
	Shell
	Consents []ConsentRow
}

// FavouriteButtonProps is the favourite control on a guide page (C 0103 7.7
// f: add from guide pages).
// A11y: a real button in a POST form, whose text says the state and the
// action ("收藏" / "已收藏，取消收藏"); visitors who are not signed in get a
// link to sign in that brings them back.
type FavouriteButtonProps struct {
	CSRF      string
	Kind      string // matter | app | news
	Ref       string
	ReturnTo  string
	Saved     bool
	RemoveURL string // POST URL that removes the saved favourite
	LoginURL  string // set when the visitor is not signed in
}
