// Package staff owns the staff side of the portal's accounts: staff users
// (separate from citizens, table staff_users of migration 0007), their one
// role and its scope (a region subtree and/or a department), the stronger
// staff password rule, the TOTP second factor (RFC 6238) with its enrolment
// and replay protection, and sign-in with back-off.
//
// C 0103 lets local and department agencies accept consultations,
// complaints and cases "按权限" and publish sub-site content: a Scope is
// that 权限. Every console query filters by it (Scope.Where), and a record
// outside it is models.ErrNotFound, never ErrForbidden, so nothing leaks.
package staff
