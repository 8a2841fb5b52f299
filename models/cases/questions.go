package cases

import (
	"strings"
	"unicode/utf8"

	"github.com/zwfw/portal/models"
)

// Steps of an application, in order: one topic per page (C 0103 6.1 h and
// 7.2: question pages, known fields filled in, only key content typed).
const (
	StepApplicant = "applicant" // who applies: known fields, shown, not retyped
	StepDetails   = "details"   // the matter's own questions
	StepDelivery  = "delivery"  // how the result is received
	StepMaterials = "materials" // uploads or licences per the guide's materials
	StepCheck     = "check"     // check your answers, then submit
)

// Steps lists the steps in order.
var Steps = []string{StepApplicant, StepDetails, StepDelivery, StepMaterials, StepCheck}

// StepIndex is the position of step in Steps, or -1.
func StepIndex(step string) int {
	for i, s := range Steps {
		if s == step {
			return i
		}
	}
	return -1
}

// Question kinds: choices are radios, checkboxes and selects; only key
// content is typed.
const (
	QRadio    = "radio"
	QSelect   = "select"
	QText     = "text"
	QTextarea = "textarea"
)

// Question is one field of a question page. Its label is the locale key
// "cases.q.<Name>", option labels "cases.q.<Name>.<Option>".
type Question struct {
	Name     string
	Kind     string
	Options  []string
	Required bool
	MaxLen   int
	// When names a radio and its value that make this question apply
	// ("method=post"): the question is shown under that choice and only
	// then required.
	When string
}

// applies reports whether q is asked given the answers.
func (q Question) applies(a map[string]string) bool {
	if q.When == "" {
		return true
	}
	k, v, _ := strings.Cut(q.When, "=")
	return a[k] == v
}

// detailsFor are the matter-specific questions, by 基本编码; others get the
// generic purpose question.
var detailsFor = map[string][]Question{
	// 居民身份证换领 (《居民身份证法》第十一条 grounds for renewal).
	"07A0002": {
		{Name: "renew_reason", Kind: QRadio, Options: []string{"expired", "expiring", "changed", "damaged"}, Required: true},
		{Name: "changed_item", Kind: QText, MaxLen: 60, Required: true, When: "renew_reason=changed"},
	},
}

var genericDetails = []Question{
	{Name: "purpose", Kind: QTextarea, Required: true, MaxLen: 500},
}

var deliveryQuestions = []Question{
	{Name: "method", Kind: QRadio, Options: []string{"window", "post"}, Required: true},
	{Name: "address", Kind: QText, MaxLen: 120, Required: true, When: "method=post"},
	{Name: "phone", Kind: QText, MaxLen: 20, Required: true},
}

// Questions returns the questions of step for a matter (by its code).
func Questions(matterCode, step string) []Question {
	switch step {
	case StepDetails:
		if qs, ok := detailsFor[matterCode]; ok {
			return qs
		}
		return genericDetails
	case StepDelivery:
		return deliveryQuestions
	}
	return nil
}

// Validate checks the answers to qs and returns the cleaned values of the
// questions that apply (unasked ones are dropped, so a hidden field cannot
// smuggle a value).
func Validate(qs []Question, in map[string]string) (map[string]string, error) {
	out := map[string]string{}
	var v models.ValidationError
	for _, q := range qs {
		val := strings.TrimSpace(in[q.Name])
		if !q.applies(in) {
			continue
		}
		switch {
		case val == "" && q.Required:
			v.Add(q.Name, "cases.q."+q.Name+".required")
			continue
		case len(q.Options) > 0 && val != "" && !contains(q.Options, val):
			v.Add(q.Name, "cases.q."+q.Name+".required")
			continue
		case q.MaxLen > 0 && utf8.RuneCountInString(val) > q.MaxLen:
			v.Add(q.Name, "cases.q.too_long")
			continue
		case q.Name == "phone" && !validPhone(val):
			v.Add(q.Name, "cases.q.phone.invalid")
			continue
		}
		out[q.Name] = val
	}
	return out, v.Err()
}

func validPhone(s string) bool {
	if len(s) < 7 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '-' && r != '+' {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
