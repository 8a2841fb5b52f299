package apps

import (
	"errors"
	"fmt"
)

// Workflow states: the integration flow of C 0103 figure 2 (接入申请 →
// 生成key、secret → 接口注册 → 设计稿审核 → 应用注册 → 上传与调试 → 审核与发布 →
// 服务监控) and the 上下线管理 of 8.3.5 (offline → 整改 → re-review). They are
// stored in apps.status, where H5's sub-site pages list 'online' and
// 'offline' apps.
const (
	Draft                = "draft"                 // a row from before the workflow (0005)
	Applied              = "applied"               // 应用接入申请
	Rejected             = "rejected"              // application refused; the owner may apply again
	KeysIssued           = "keys_issued"           // 生成key、secret
	InterfacesRegistered = "interfaces_registered" // 接口注册 (the gateway)
	DesignSubmitted      = "design_submitted"      // 设计稿 submitted
	DesignApproved       = "design_approved"       // 设计稿审核确认
	Registered           = "registered"            // 应用注册
	Debugging            = "debugging"             // 应用上传与调试: test mode, owner only
	InReview             = "in_review"             // 应用审核
	Online               = "online"                // 发布, under 服务监控
	Offline              = "offline"               // 下线 (reviewer or monitoring)
	Rectifying           = "rectifying"            // 整改, then re-review
)

// States lists every state in workflow order.
var States = []string{Draft, Applied, Rejected, KeysIssued, InterfacesRegistered, DesignSubmitted, DesignApproved,
	Registered, Debugging, InReview, Online, Offline, Rectifying}

// Roles that move an app through the workflow.
const (
	RoleOwner    = "owner"    // the organisation account that owns the app
	RoleReviewer = "reviewer" // staff with the app-reviewer role
	RoleSystem   = "system"   // availability monitoring
	RoleCLI      = "cli"      // `portal apps create`
)

// Events of the workflow.
const (
	EvApply              = "apply"
	EvRejectApplication  = "reject_application"
	EvApproveApplication = "approve_application"
	EvRegisterInterfaces = "register_interfaces"
	EvSubmitDesign       = "submit_design"
	EvApproveDesign      = "approve_design"
	EvRejectDesign       = "reject_design"
	EvRegisterApp        = "register_app"
	EvStartDebug         = "start_debug"
	EvSubmitReview       = "submit_review"
	EvApprove            = "approve"
	EvReject             = "reject"
	EvTakeOffline        = "take_offline"
	EvRectify            = "rectify"
)

// rule is one allowed move: from any of From, by any of Roles, to To.
type rule struct {
	From  []string
	To    string
	Roles []string
	Note  bool // a note (the reason) is required
}

// rules is the whole state machine; anything not here is refused.
var rules = map[string]rule{
	EvApply:              {From: []string{Draft, Rejected}, To: Applied, Roles: []string{RoleOwner}},
	EvRejectApplication:  {From: []string{Applied}, To: Rejected, Roles: []string{RoleReviewer}, Note: true},
	EvApproveApplication: {From: []string{Applied}, To: KeysIssued, Roles: []string{RoleReviewer}},
	EvRegisterInterfaces: {From: []string{KeysIssued}, To: InterfacesRegistered, Roles: []string{RoleOwner}},
	EvSubmitDesign:       {From: []string{InterfacesRegistered}, To: DesignSubmitted, Roles: []string{RoleOwner}},
	EvApproveDesign:      {From: []string{DesignSubmitted}, To: DesignApproved, Roles: []string{RoleReviewer}},
	EvRejectDesign:       {From: []string{DesignSubmitted}, To: InterfacesRegistered, Roles: []string{RoleReviewer}, Note: true},
	EvRegisterApp:        {From: []string{DesignApproved}, To: Registered, Roles: []string{RoleOwner}},
	EvStartDebug:         {From: []string{Registered}, To: Debugging, Roles: []string{RoleOwner}},
	EvSubmitReview:       {From: []string{Debugging, Rectifying}, To: InReview, Roles: []string{RoleOwner}},
	EvApprove:            {From: []string{InReview}, To: Online, Roles: []string{RoleReviewer}},
	EvReject:             {From: []string{InReview}, To: Debugging, Roles: []string{RoleReviewer}, Note: true},
	EvTakeOffline:        {From: []string{Online}, To: Offline, Roles: []string{RoleReviewer, RoleSystem}, Note: true},
	EvRectify:            {From: []string{Offline}, To: Rectifying, Roles: []string{RoleOwner}},
}

// Events lists every event name.
func Events() []string {
	out := make([]string, 0, len(rules))
	for e := range rules {
		out = append(out, e)
	}
	return out
}

// Errors of the state machine.
var (
	ErrUnknownEvent = errors.New("apps: unknown workflow event")
	ErrWrongState   = errors.New("apps: event not allowed in this state")
	ErrWrongRole    = errors.New("apps: event not allowed for this role")
	ErrNoteRequired = errors.New("apps: this event needs a reason")
)

// TransitionError says why a move was refused.
type TransitionError struct {
	Event, From, Role string
	Err               error
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("apps: %s from %s by %s: %v", e.Event, e.From, e.Role, e.Err)
}

func (e *TransitionError) Unwrap() error { return e.Err }

// Next returns the state event leads to from state when role makes it, or a
// *TransitionError. It is the pure core of the workflow.
func Next(state, event, role, note string) (string, error) {
	r, ok := rules[event]
	fail := func(err error) (string, error) {
		return "", &TransitionError{Event: event, From: state, Role: role, Err: err}
	}
	if !ok {
		return fail(ErrUnknownEvent)
	}
	if !contains(r.Roles, role) {
		return fail(ErrWrongRole)
	}
	if !contains(r.From, state) {
		return fail(ErrWrongState)
	}
	if r.Note && note == "" {
		return fail(ErrNoteRequired)
	}
	return r.To, nil
}

// Allowed lists the events role may make from state (the buttons a page shows).
func Allowed(state, role string) []string {
	var out []string
	for _, e := range eventOrder {
		r := rules[e]
		if contains(r.From, state) && contains(r.Roles, role) {
			out = append(out, e)
		}
	}
	return out
}

// eventOrder is the order buttons appear in.
var eventOrder = []string{EvApply, EvApproveApplication, EvRejectApplication, EvRegisterInterfaces, EvSubmitDesign,
	EvApproveDesign, EvRejectDesign, EvRegisterApp, EvStartDebug, EvSubmitReview, EvApprove, EvReject, EvTakeOffline, EvRectify}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
