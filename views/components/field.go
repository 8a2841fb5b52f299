package components

import (
	"context"
	"net/url"
	"strings"

	"github.com/zwfw/portal/locales"
)

// Field is the identity and state of one form field, shared by every input
// component: handlers get it from Form.Field so values survive a 422.
type Field struct {
	Name  string // form field name
	ID    string // id of the first control; defaults to Name. The error summary links "#" + ID
	Value string // value kept from the submission
	Error string // message shown next to the field; empty when valid
}

// FieldID is the id of the field's first control.
func (f Field) FieldID() string {
	if f.ID != "" {
		return f.ID
	}
	return f.Name
}

// HintID is the id of the field's hint element.
func (f Field) HintID() string { return f.FieldID() + "-hint" }

// ErrorID is the id of the field's error message element.
func (f Field) ErrorID() string { return f.FieldID() + "-error" }

// DescribedBy lists the hint and error ids for aria-describedby (hint first,
// as they are read), or "" when there is neither.
func (f Field) DescribedBy(hint string) string {
	var ids []string
	if hint != "" {
		ids = append(ids, f.HintID())
	}
	if f.Error != "" {
		ids = append(ids, f.ErrorID())
	}
	return strings.Join(ids, " ")
}

// Form is a submitted form's values and messages. A nil *Form is an empty,
// valid form, so a GET handler can pass nil.
type Form struct {
	values url.Values
	errs   map[string]string
	order  []string
}

// NewForm keeps the submitted values so the form can be shown again.
func NewForm(values url.Values) *Form {
	if values == nil {
		values = url.Values{}
	}
	return &Form{values: values, errs: map[string]string{}}
}

// Value returns the first submitted value of name.
func (f *Form) Value(name string) string {
	if f == nil {
		return ""
	}
	return f.values.Get(name)
}

// All returns every submitted value of name (checkboxes).
func (f *Form) All(name string) []string {
	if f == nil {
		return nil
	}
	return f.values[name]
}

// Error returns the message for name, or "".
func (f *Form) Error(name string) string {
	if f == nil {
		return ""
	}
	return f.errs[name]
}

// Fail records a message for name; the first message per field wins and
// fields keep the order in which they failed (the form's order).
func (f *Form) Fail(name, message string) {
	if _, ok := f.errs[name]; ok {
		return
	}
	f.errs[name] = message
	f.order = append(f.order, name)
}

// AddErrors records translated messages from locale keys, in order: it
// takes the Order and Fields of a models.ValidationError without this
// package importing models.
func (f *Form) AddErrors(ctx context.Context, order []string, keys map[string]string) {
	for _, name := range order {
		f.Fail(name, locales.T(ctx, keys[name]))
	}
}

// HasErrors reports whether any field failed.
func (f *Form) HasErrors() bool { return f != nil && len(f.order) > 0 }

// Field returns name's state with its id equal to its name.
func (f *Form) Field(name string) Field {
	return Field{Name: name, ID: name, Value: f.Value(name), Error: f.Error(name)}
}

// Summary lists the messages for the ErrorSummary, each linking to its field.
func (f *Form) Summary() []ErrorItem {
	if f == nil {
		return nil
	}
	items := make([]ErrorItem, 0, len(f.order))
	for _, name := range f.order {
		items = append(items, ErrorItem{Href: "#" + name, Text: f.errs[name]})
	}
	return items
}
