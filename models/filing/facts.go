package filing

import "github.com/zwfw/portal/models/masking"

// Fact is one labelled detail of a filing, in display order; Key is the
// field name (the view looks its label up).
type Fact struct{ Key, Value string }

// Facts lists the details. public masks the people's names and phone
// numbers (reference.md §6); units and their switchboard numbers stay.
func (f Filing) Facts(public bool) []Fact {
	d := f.Details
	person, phone := func(s string) string { return s }, func(s string) string { return s }
	if public {
		person = masking.MaskName
		phone = func(s string) string {
			if mobileRe.MatchString(s) {
				return masking.MaskMobile(s)
			}
			return masking.MaskLandline(s)
		}
	}
	return []Fact{
		{"org_name", f.OrgName}, {"name", d.Name}, {"full_name", d.FullName}, {"description", d.Description},
		{"release_notes", d.ReleaseNotes}, {"resp_unit", d.RespUnit}, {"supervisor_unit", d.SupervisorUnit},
		{"supervisor_phone", d.SupervisorPhone}, {"manager_name", person(d.ManagerName)}, {"manager_phone", phone(d.ManagerPhone)},
		{"tech_unit", d.TechUnit}, {"tech_contact", person(d.TechContact)}, {"tech_phone", phone(d.TechPhone)},
	}
}
