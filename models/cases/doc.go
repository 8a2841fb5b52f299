// Package cases is online case handling (在线办理, C 0103 7.2) and case
// query (办件查询, C 0103 7.3): drafts saved at every step, idempotent
// submission, the case state machine (已提交 → 已受理/不予受理 → 办理中 ⇄ 补正
// → 已办结, 撤回 before acceptance), deadlines in working days
// (models/calendar), materials in the blob store, the public query by case
// number and query code, the staff queue scoped by staff.Scope, and the
// express-delivery interface with its demo adapter.
package cases
