package content

import (
	"net/url"
	"unicode/utf8"

	"github.com/zwfw/portal/models"
)

// Length limits of the edited fields, in characters.
const (
	maxName = 200
	maxText = 20000
	maxLine = 500
)

// normalize cleans every text field (Clean / CleanLine) before checks.
func (f ItemFields) normalize() ItemFields {
	f.Name = CleanLine(f.Name)
	f.LegalBasis = Clean(f.LegalBasis)
	f.Conditions = Clean(f.Conditions)
	f.PromisedNote = CleanLine(f.PromisedNote)
	f.Location = Clean(f.Location)
	f.Hours = Clean(f.Hours)
	f.Consult = Clean(f.Consult)
	f.Complaint = Clean(f.Complaint)
	f.OnlineURL = CleanLine(f.OnlineURL)
	f.MobileURL = CleanLine(f.MobileURL)
	return f
}

func tooLong(s string, n int) bool { return utf8.RuneCountInString(s) > n }

// validURL accepts http(s) addresses and paths on the portal itself
// (/matters/…, as the catalog's mobile addresses are).
func validURL(s string) bool {
	if len(s) > 1 && s[0] == '/' && s[1] != '/' && s[1] != '\\' {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// validate adds a message key per bad field, in form order.
func (f ItemFields) validate(v *models.ValidationError) {
	switch {
	case f.Name == "":
		v.Add("name", "admin.err.required")
	case tooLong(f.Name, maxName):
		v.Add("name", "admin.err.too_long")
	}
	for _, t := range []struct {
		field, val string
		max        int
	}{{"legal_basis", f.LegalBasis, maxText}, {"conditions", f.Conditions, maxText}, {"promised_note", f.PromisedNote, maxLine},
		{"location", f.Location, maxText}, {"hours", f.Hours, maxLine}, {"consult", f.Consult, maxLine}, {"complaint", f.Complaint, maxLine}} {
		if tooLong(t.val, t.max) {
			v.Add(t.field, "admin.err.too_long")
		}
	}
	if f.Conditions == "" {
		v.Add("conditions", "admin.err.required")
	}
	switch {
	case f.PromisedLimit < 0 || f.PromisedLimit > 3650:
		v.Add("promised_limit", "admin.err.days")
	case f.StatutoryLimit > 0 && f.PromisedLimit > f.StatutoryLimit:
		// C 0103 7.1: the promised time limit may shorten the statutory one, never exceed it.
		v.Add("promised_limit", "admin.err.promised_over_statutory")
	}
	if f.StatutoryLimit < 0 || f.StatutoryLimit > 3650 {
		v.Add("statutory_limit", "admin.err.days")
	}
	if f.Online && f.OnlineURL == "" && f.MobileURL == "" {
		v.Add("online_url", "admin.err.online_url.required")
	}
	if f.OnlineURL != "" && !validURL(f.OnlineURL) {
		v.Add("online_url", "admin.err.url")
	}
	if f.MobileURL != "" && !validURL(f.MobileURL) {
		v.Add("mobile_url", "admin.err.url")
	}
}

// CheckFields reports what is wrong with fields without saving anything
// (the form shows every problem at once, with its own parse errors).
func CheckFields(f ItemFields) error {
	var v models.ValidationError
	f.normalize().validate(&v)
	return v.Err()
}
