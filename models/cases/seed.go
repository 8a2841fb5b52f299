package cases

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
)

// Demo data: the demo account 张三 has a completed, posted 居民身份证换领
// case (query it with DemoNumber and DemoQueryCode, no sign-in) and one
// waiting for corrections.
const (
	DemoNumber    = "330106202611020001"
	DemoQueryCode = "20261102"
	demoItemCode  = "07A0002-330106"
)

// SeedDemo stores the demo cases once (nothing when they exist).
func SeedDemo(ctx context.Context, st *models.Store) error {
	var n int64
	if err := st.DB.WithContext(ctx).Model(&Case{}).Where("number = ?", DemoNumber).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	var item struct {
		ID                         int64
		Name, BodyName             string
		RegionCode, DeptCode, Code string
	}
	err := st.DB.WithContext(ctx).Table("matter_items").Select("id, name, body_name, region_code, dept_code, code").
		Where("code = ?", demoItemCode).Take(&item).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil // no demo catalog: nothing to apply for
	}
	if err != nil {
		return err
	}
	var u struct {
		ID                    int64
		Name, IDNumber, Phone string
	}
	err = st.DB.WithContext(ctx).Table("users").Select("id, name, id_number, phone").Where("phone = ?", usercenter.DemoPhone).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	base := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
	return st.InTx(ctx, func(tx *gorm.DB) error {
		for i, spec := range []seedCaseSpec{
			{DemoNumber, StatusCompleted, `{"renew_reason":"expired","method":"post","address":"浙江省杭州市西湖区文三路 100 号","phone":"13800138000"}`},
			{"330106202611200002", StatusCorrection, `{"renew_reason":"damaged","method":"window","phone":"13800138000"}`},
		} {
			c := Case{Number: spec.number, QueryHash: hashCode(DemoQueryCode), UserID: u.ID, ItemID: item.ID, ItemCode: item.Code,
				MatterName: item.Name, BodyName: item.BodyName, RegionCode: item.RegionCode, DeptCode: item.DeptCode, Status: spec.status,
				ApplicantName: u.Name, ApplicantIDNumber: u.IDNumber, ApplicantPhone: u.Phone, Answers: spec.answers, PromisedDays: 15}
			if err := seedCase(tx, c, base.AddDate(0, 0, 18*i)); err != nil {
				return err
			}
		}
		return nil
	})
}

type seedCaseSpec struct {
	number  string
	status  Status
	answers string
}

// seedCase stores one demo case submitted at with its draft, a licence
// material and its timeline.
func seedCase(tx *gorm.DB, c Case, at time.Time) error {
	d := Draft{UserID: c.UserID, ItemID: c.ItemID, Step: StepMaterials, Answers: c.Answers, Token: randomToken(), Version: 5, CreatedAt: at, UpdatedAt: at}
	if err := tx.Create(&d).Error; err != nil {
		return err
	}
	due := at.AddDate(0, 0, 21)
	c.DraftID, c.DueAt, c.SubmittedAt, c.UpdatedAt, c.Version = d.ID, &due, at, at.Add(72*time.Hour), 5
	if c.Status == StatusCompleted {
		done := at.Add(72 * time.Hour)
		c.Outcome, c.CompletedAt, c.DeliveryMethod, c.Courier, c.TrackingNo = OutcomeApproved, &done, "post", "ems", "EMS1102000001"
	} else {
		c.Note = "相片不清晰，请上传 6 个月内的证件照。"
	}
	if err := tx.Create(&c).Error; err != nil {
		return err
	}
	if err := tx.Model(&d).Update("case_id", c.ID).Error; err != nil {
		return err
	}
	mat := Material{DraftID: &d.ID, CaseID: &c.ID, Name: "原居民身份证", FileName: "居民身份证", LicenceID: "demo-idcard", Kind: "licence", CreatedAt: at}
	if err := tx.Create(&mat).Error; err != nil {
		return err
	}
	return seedEvents(tx, c, at)
}

type seedStep struct {
	ev       string
	from, to Status
	note     string
}

func seedEvents(tx *gorm.DB, c Case, at time.Time) error {
	steps := []seedStep{{"submit", "", StatusSubmitted, ""}, {string(ActAccept), StatusSubmitted, StatusAccepted, ""}}
	if c.Status == StatusCompleted {
		steps = append(steps, seedStep{string(ActComplete), StatusAccepted, StatusCompleted, ""},
			seedStep{"deliver", StatusCompleted, StatusCompleted, "ems " + c.TrackingNo})
	} else {
		steps = append(steps, seedStep{string(ActCorrect), StatusAccepted, StatusCorrection, c.Note})
	}
	for i, s := range steps {
		by := ByStaff
		if s.ev == "submit" {
			by = ByApplicant
		}
		if err := addEvent(tx, c.ID, s.ev, s.from, s.to, by, nil, s.note, at.Add(time.Duration(i)*24*time.Hour)); err != nil {
			return err
		}
	}
	return nil
}
