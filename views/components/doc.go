// Package components is the portal's design system: one component per .templ
// file, each taking a <Name>Props struct whose doc comment has an "A11y:" note
// (after the GOV.UK Frontend component docs), and a goquery test per component.
//
// Form components share Field (name, id, kept value, message) and the Form
// helper that handlers fill from a submission: every component gives its
// first control the Field's ID, so the ErrorSummary links "#<id>" always land
// on a control, and the message is rendered next to the field with
// aria-describedby pointing at "<id>-hint" and "<id>-error".
//
// Text params are plain strings that templ escapes. The CSS lives in
// static/css/10-components.css; the dev-only gallery at /_components
// (views/gallery) shows every component.
package components
