package models

import (
	"errors"
	"sort"
	"strings"
)

// Sentinel errors that the web edge maps to status codes (see handlers/web).
var (
	ErrNotFound  = errors.New("not found")
	ErrForbidden = errors.New("forbidden")
	ErrConflict  = errors.New("conflict")
)

// ValidationError carries a message key per field, in the order the fields
// appear on the form, so the error summary can link to each one.
type ValidationError struct {
	Fields map[string]string // field name → locale key of the message
	Order  []string          // field names in form order
}

// Add records a message key for a field, keeping the first one given.
func (v *ValidationError) Add(field, msgKey string) {
	if v.Fields == nil {
		v.Fields = map[string]string{}
	}
	if _, ok := v.Fields[field]; ok {
		return
	}
	v.Fields[field] = msgKey
	v.Order = append(v.Order, field)
}

// Err returns v when it holds a message and nil otherwise.
func (v *ValidationError) Err() error {
	if v == nil || len(v.Fields) == 0 {
		return nil
	}
	return v
}

func (v *ValidationError) Error() string {
	keys := make([]string, 0, len(v.Fields))
	for k := range v.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return "invalid fields: " + strings.Join(keys, ", ")
}
