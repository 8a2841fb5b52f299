package apps

import "github.com/zwfw/portal/views/components"

// DevListProps is /developer/apps: the organisation's apps.
type DevListProps struct {
	Apps  []DevAppRow
	Flash string
}

// DevAppRow is one app in the developer list.
type DevAppRow struct {
	Name, Href, State, Type, Updated string
}

// DevFormProps is the application form (应用接入申请).
type DevFormProps struct {
	Form *components.Form
}

// DevShowProps is one app in the developer area: where it stands in the
// workflow (figure 2), the next step, keys, checks, history, statistics.
type DevShowProps struct {
	ID, Name, AppKey, State, StateHint, Type, EntryURL, Origins string
	ContainerURL                                                string // the app in the container (test mode too)
	Steps                                                       []DevStep
	Form                                                        *components.Form
	Flash                                                       string
	KeyIssued, KeyRevealable                                    bool
	SM2PublicKey, Whitelist                                     string
	Checks                                                      []DevCheck
	History                                                     [][]string // when, event, from → to, by, note
	Stats                                                       [][]string // day, views, users, errors, tickets
	Totals                                                      []string
}

// DevStep is one workflow move the owner can make now, with the field it
// needs (if any).
type DevStep struct {
	Event, Label, Action string
	Field                string // interfaces_ref | design_url | "" (credentials are edited separately)
	FieldLabel           string
	FieldHint            string
}

// DevCheck is one automated review check.
type DevCheck struct {
	Name, Result, Detail string
	Passed               bool
}

// DevKeyProps shows the SM4 key once.
type DevKeyProps struct {
	Name, AppKey, Key, Back string
}
