//go:build e2e

package e2e

import (
	"context"
	"time"

	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// Fixed ids of the consultation pages' data (issue 8), far above what the
// demo data and other cases create. Cases run in parallel: a lost race
// leaves the row another case inserted, which is the same row.
const (
	e2eConsultID   = "900001"
	e2eComplaintID = "900002"
	e2eEvalCaseID  = "900004"
	e2eFollowUpID  = "900006"
)

// consultData stores (once) a published consultation and complaint of
// 张三, two completed cases (one rated 2 with its follow-up, one unrated).
func consultData(s *Setup) error {
	ctx := context.Background()
	u, err := users.ByPhone(ctx, s.Env.Store, usercenter.DemoPhone)
	if err != nil {
		return err
	}
	var it struct {
		ID                                     int64
		Code, Name, RegionCode, DeptCode, Body string
	}
	db := s.Env.Store.DB
	db.Raw("SELECT id, code, name, region_code, dept_code, body_name AS body FROM matter_items WHERE status = 'published' ORDER BY id LIMIT 1").Scan(&it)
	now := time.Now().UTC()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO consultations (id, user_id, item_code, matter_name, region_code, dept_code, unit_name, name, phone, title, content, public, status, published, accepted_unit, reply, reply_unit, replied_at, submitted_at, deadline_at, created_at, updated_at) VALUES (900001, ?, ?, ?, ?, ?, ?, '张三', '13800138000', '换领需要什么材料', '请问换领需要带什么材料？', TRUE, 'replied', TRUE, ?, '请带身份证原件。', ?, ?, ?, ?, ?, ?)",
			[]any{u.ID, it.Code, it.Name, it.RegionCode, it.DeptCode, it.Body, it.Body, it.Body, now, now, now, now, now}},
		{"INSERT INTO complaints (id, user_id, item_code, matter_name, category, region_code, dept_code, unit_name, title, content, public, status, published, reply, reply_unit, legal_nature, remedy, replied_at, submitted_at, deadline_at, created_at, updated_at) VALUES (900002, ?, ?, ?, '01', ?, ?, ?, '窗口排队太久', '排了两个小时。', TRUE, 'replied', TRUE, '已增加窗口。', ?, '本答复为告知性答复。', '不服可依法申请行政复议或者提起行政诉讼。', ?, ?, ?, ?, ?)",
			[]any{u.ID, it.Code, it.Name, it.RegionCode, it.DeptCode, it.Body, it.Body, now, now, now, now, now}},
		{"INSERT INTO cases (id, number, query_hash, draft_id, user_id, item_id, item_code, matter_name, region_code, dept_code, status, submitted_at, completed_at, updated_at) VALUES (900004, 'E2E900004', 'h', 900004, ?, ?, ?, ?, ?, ?, 'completed', ?, ?, ?)",
			[]any{u.ID, it.ID, it.Code, it.Name, it.RegionCode, it.DeptCode, now, now, now}},
		{"INSERT INTO cases (id, number, query_hash, draft_id, user_id, item_id, item_code, matter_name, region_code, dept_code, status, submitted_at, completed_at, updated_at) VALUES (900007, 'E2E900007', 'h', 900007, ?, ?, ?, ?, ?, ?, 'completed', ?, ?, ?)",
			[]any{u.ID, it.ID, it.Code, it.Name, it.RegionCode, it.DeptCode, now, now, now}},
		{"INSERT INTO evaluations (id, user_id, kind, case_id, item_code, matter_name, region_code, dept_code, overall, visits, guide, efficiency, service, online, content, created_at) VALUES (900005, ?, 'case', 900007, ?, ?, ?, ?, 2, 3, 2, 1, 2, 3, '跑了三次', ?)",
			[]any{u.ID, it.Code, it.Name, it.RegionCode, it.DeptCode, now}},
		{"INSERT INTO consult_followups (id, evaluation_id, region_code, dept_code, status, deadline_at, created_at) VALUES (900006, 900005, ?, ?, 'open', ?, ?)",
			[]any{it.RegionCode, it.DeptCode, now.AddDate(0, 0, 21), now}},
	} {
		db.Exec(q.sql, q.args...) //nolint:errcheck // already there after the first case
	}
	return nil
}

// consultUser signs 张三 (level 3) in with the data in place.
func consultUser(s *Setup) error {
	if err := consultData(s); err != nil {
		return err
	}
	return signIn(usercenter.DemoPhone)(s)
}

// consultStaff signs a platform-wide consultation handler in.
func consultStaff(s *Setup) error {
	if err := consultData(s); err != nil {
		return err
	}
	return StaffSignIn(staff.RoleConsultHandler, "", "")(s)
}
