package cases_test

import (
	"errors"
	"testing"

	"github.com/zwfw/portal/models/cases"
)

// Every (status, action, actor) triple: the allowed ones lead where C 0103
// 7.3 says (已提交 → 已受理/不予受理 → 办理中 ⇄ 补正 → 已办结; 撤回 before
// acceptance); every other triple is refused.
func TestStateMachineEveryTransition(t *testing.T) {
	type key struct {
		from   cases.Status
		action cases.Action
		actor  string
	}
	allowed := map[key]cases.Status{
		{cases.StatusSubmitted, cases.ActWithdraw, cases.ByApplicant}:  cases.StatusWithdrawn,
		{cases.StatusSubmitted, cases.ActAccept, cases.ByStaff}:        cases.StatusAccepted,
		{cases.StatusSubmitted, cases.ActReject, cases.ByStaff}:        cases.StatusRejected,
		{cases.StatusAccepted, cases.ActProcess, cases.ByStaff}:        cases.StatusProcessing,
		{cases.StatusAccepted, cases.ActCorrect, cases.ByStaff}:        cases.StatusCorrection,
		{cases.StatusProcessing, cases.ActCorrect, cases.ByStaff}:      cases.StatusCorrection,
		{cases.StatusCorrection, cases.ActResubmit, cases.ByApplicant}: cases.StatusProcessing,
		{cases.StatusAccepted, cases.ActComplete, cases.ByStaff}:       cases.StatusCompleted,
		{cases.StatusProcessing, cases.ActComplete, cases.ByStaff}:     cases.StatusCompleted,
	}
	n := 0
	for _, from := range cases.Statuses {
		for _, a := range append(cases.Actions, "bogus") {
			for _, actor := range []string{cases.ByApplicant, cases.ByStaff, cases.BySystem} {
				k := key{from, a, actor}
				got, err := cases.Next(from, a, actor)
				if want, ok := allowed[k]; ok {
					if err != nil || got != want {
						t.Errorf("%s --%s/%s--> %q, %v; want %s", from, a, actor, got, err, want)
					}
					n++
					continue
				}
				if !errors.Is(err, cases.ErrTransition) {
					t.Errorf("%s --%s/%s--> %q must be refused", from, a, actor, got)
				}
			}
		}
	}
	if n != len(allowed) {
		t.Fatalf("checked %d allowed moves, want %d", n, len(allowed))
	}
	for _, s := range []cases.Status{cases.StatusCompleted, cases.StatusRejected, cases.StatusWithdrawn} {
		if !s.Final() || len(cases.Allowed(s, cases.ByStaff))+len(cases.Allowed(s, cases.ByApplicant)) != 0 {
			t.Errorf("%s must be final with no action", s)
		}
	}
}
