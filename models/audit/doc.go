// Package audit owns the tamper-evident audit log of the staff console
// (issue 6 §3): every staff action — who, when, what, and the record before
// and after as JSON — is appended to a chain whose entries each store the
// SM3 hash of the previous entry, and whose own hash covers every column.
// Verify walks a chain and names the first entry that no longer fits:
// a changed column, a deleted or inserted row, or a cut-off tail.
//
// Tables (migration 0007): audit_log and audit_heads. Chains: "staff" for
// console actions and "calls" for interface calls (issue 10's gateway).
package audit
