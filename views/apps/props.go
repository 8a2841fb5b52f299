// Package apps renders the embedded-app pages (C 0103 8.3): the consent
// page of the JSSDK redirect flow (图1 用户是否授权), the JSSDK logout
// confirmation, the user's authorised apps, the container page /apps/{id}
// with the portal's title bar, and the developer area. View structs are
// shaped like the screen; no model type reaches a template.
package apps

// ConsentProps is the authorisation question for one app.
type ConsentProps struct {
	AppName  string
	OwnerOrg string
	Shared   []string // the data items the app would receive
	// The flow's parameters, posted back with the decision.
	AppID       string
	RedirectURI string
	State       string
	Action      string
	Container   bool
}

// ProblemProps is a page that explains why a JSSDK request cannot go on
// (unknown app, unregistered return address): nothing is sent back.
type ProblemProps struct {
	Status  int
	Title   string
	Message string
}

// LogoutProps asks to confirm signing out for an app.
type LogoutProps struct {
	AppName     string
	AppID       string
	RedirectURI string
	State       string
	CancelURL   string
}

// Authorization is one authorised app in the user's list.
type Authorization struct {
	AppName   string
	OwnerOrg  string
	GrantedAt string
	RevokeURL string // POST target
}

// AuthorizationsProps is /me/authorizations.
type AuthorizationsProps struct {
	Items []Authorization
	Flash string
}

// ContainerProps is the container page /apps/{id}.
// A11y: the title bar is a <header> with the app's name as the h1, a close
// link and a share disclosure that work without JS; the framed app has a
// title; when consent is needed the panel is part of the page (no pop-up).
type ContainerProps struct {
	ID        int64
	AppKey    string
	AppName   string
	OwnerOrg  string
	EntryURL  string
	Origins   string // space-separated origins the frame may speak from
	CloseURL  string
	ShareURL  string // absolute URL of this page
	RateURL   string // the app evaluation form (C 0103 7.6.2)
	TestMode  bool   // owner-only test mode (上传与调试)
	LoggedIn  bool
	LoginURL  string
	Identity  bool // the app may ask for the user's identity
	Consented bool
	Consent   ConsentProps
}
