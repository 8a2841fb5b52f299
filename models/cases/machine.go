package cases

import (
	"errors"
)

// Action is something that moves a case (C 0103 7.3 办理状态).
type Action string

// Actions, with who may take them.
const (
	ActWithdraw Action = "withdraw"           // applicant, before acceptance (撤回)
	ActAccept   Action = "accept"             // staff: 受理
	ActReject   Action = "reject"             // staff: 不予受理
	ActProcess  Action = "process"            // staff: start handling (办理中)
	ActCorrect  Action = "request_correction" // staff: ask for 补正 materials
	ActResubmit Action = "resubmit"           // applicant: corrections uploaded
	ActComplete Action = "complete"           // staff: 办结 (approved or refused) with the result
)

// Actor kinds of the timeline.
const (
	ByApplicant = "applicant"
	ByStaff     = "staff"
	BySystem    = "system"
)

// ErrTransition is a move the state machine does not allow (a stale page:
// the case changed since it was shown, or a tampered form).
var ErrTransition = errors.New("cases: transition not allowed")

type rule struct {
	from []Status
	to   Status
	by   string
}

// rules is the whole state machine: every allowed move. Anything not listed
// is refused (machine_test.go checks every pair).
var rules = map[Action]rule{
	ActWithdraw: {[]Status{StatusSubmitted}, StatusWithdrawn, ByApplicant},
	ActAccept:   {[]Status{StatusSubmitted}, StatusAccepted, ByStaff},
	ActReject:   {[]Status{StatusSubmitted}, StatusRejected, ByStaff},
	ActProcess:  {[]Status{StatusAccepted}, StatusProcessing, ByStaff},
	ActCorrect:  {[]Status{StatusAccepted, StatusProcessing}, StatusCorrection, ByStaff},
	ActResubmit: {[]Status{StatusCorrection}, StatusProcessing, ByApplicant},
	ActComplete: {[]Status{StatusAccepted, StatusProcessing}, StatusCompleted, ByStaff},
}

// Actions lists every action in a stable order.
var Actions = []Action{ActWithdraw, ActAccept, ActReject, ActProcess, ActCorrect, ActResubmit, ActComplete}

// Next returns the status action leads to from status when actor (ByApplicant
// or ByStaff) may take it, or ErrTransition.
func Next(from Status, action Action, actor string) (Status, error) {
	r, ok := rules[action]
	if !ok || r.by != actor {
		return "", ErrTransition
	}
	for _, s := range r.from {
		if s == from {
			return r.to, nil
		}
	}
	return "", ErrTransition
}

// Allowed lists the actions actor may take on a case in status (the
// buttons a page offers).
func Allowed(from Status, actor string) []Action {
	var out []Action
	for _, a := range Actions {
		if _, err := Next(from, a, actor); err == nil {
			out = append(out, a)
		}
	}
	return out
}
