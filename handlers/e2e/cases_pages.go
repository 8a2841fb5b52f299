//go:build e2e

package e2e

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// Fixed ids of the case pages' data (issue 7), far above what the demo
// data creates; the demo seed's cases are 1 (completed, posted) and 2
// (waiting for corrections). Cases run in parallel: a lost race leaves the
// row another case inserted, which is the same row.
const (
	e2eDraftID     = "900101" // every step done up to the materials
	e2eFreshDraft  = "900102" // nothing done: later steps are refused
	e2eSubmittedID = "900103" // a submitted case: the console offers accept/reject
)

// casesData stores the case data, then signs 张三 in.
func casesData(s *Setup) error {
	if err := casesRows(s); err != nil {
		return err
	}
	return signIn(usercenter.DemoPhone)(s)
}

// casesStaff stores the case data, then signs a 浙江 case handler in.
func casesStaff(s *Setup) error {
	if err := casesRows(s); err != nil {
		return err
	}
	return StaffSignIn(staff.RoleCaseHandler, "330000", "")(s)
}

// casesRows stores the drafts and the submitted case once.
func casesRows(s *Setup) error {
	ctx := context.Background()
	st := s.Env.Store
	u, err := users.ByPhone(ctx, st, usercenter.DemoPhone)
	if err != nil {
		return err
	}
	var itemID int64
	if err := st.DB.Raw("SELECT id FROM matter_items WHERE code = ?", "07A0002-330106").Scan(&itemID).Error; err != nil {
		return err
	}
	now := time.Now().UTC()
	due := now.AddDate(0, 0, 7)
	rows := []any{
		&cases.Draft{ID: 900101, UserID: u.ID, ItemID: itemID, Step: cases.StepMaterials, Version: 4, Token: "e2e-900101", CreatedAt: now, UpdatedAt: now,
			Answers: `{"renew_reason":"expired","method":"post","address":"浙江省杭州市西湖区文三路 100 号","phone":"13800138000"}`},
		&cases.Draft{ID: 900102, UserID: u.ID, ItemID: itemID, Version: 1, Token: "e2e-900102", Answers: "{}", CreatedAt: now, UpdatedAt: now},
		&cases.Case{ID: 900103, Number: "330106202612040103", QueryHash: "x", DraftID: 900103, UserID: u.ID, ItemID: itemID,
			ItemCode: "07A0002-330106", MatterName: "居民身份证换领", BodyName: "杭州市公安局西湖分局", RegionCode: "330106", DeptCode: "N007",
			Status: cases.StatusSubmitted, ApplicantName: u.Name, ApplicantIDNumber: u.IDNumber, ApplicantPhone: u.Phone,
			Answers: `{"renew_reason":"expiring","method":"window","phone":"13800138000"}`, PromisedDays: 15, DueAt: &due,
			SubmittedAt: now, UpdatedAt: now, Version: 1},
	}
	for _, r := range rows {
		if err := st.DB.Create(r).Error; err != nil && !models.IsUniqueViolation(err) {
			return err
		}
	}
	return nil
}

// casesQuery asks the public query for the demo case (no sign-in).
func casesQuery(s *Setup) error {
	return s.Submit("/cases/query", `form[action="/cases/query"]`, map[string]string{"number": cases.DemoNumber, "code": cases.DemoQueryCode})
}
