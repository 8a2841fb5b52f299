package cases

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"math/big"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/calendar"
	"github.com/zwfw/portal/models/gmcrypto"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
)

// AcceptDays is the time to decide on acceptance (《行政许可法》第三十二条:
// 受理 or 不予受理 within five days), counted in working days.
const AcceptDays = 5

// ErrIncomplete is a submission before every step is done, or with a
// required material missing.
var ErrIncomplete = errors.New("cases: application incomplete")

// Submitted is the outcome of Submit. QueryCode is only set when this call
// created the case (it is stored hashed and never shown again).
type Submitted struct {
	Case      Case
	QueryCode string
	Created   bool
}

// Submit turns the user's draft into a case. It is idempotent on the
// draft's submission token: a double tap, a retry after a timeout or a
// second tab all give the one case (C 0103 9.4 b).
func Submit(ctx context.Context, st *models.Store, cal *calendar.Calendar, u users.User, token string) (Submitted, error) {
	var d Draft
	err := st.DB.WithContext(ctx).Where("token = ? AND user_id = ?", token, u.ID).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Submitted{}, models.ErrNotFound
	}
	if err != nil {
		return Submitted{}, err
	}
	if d.CaseID != nil {
		c, err := GetForUser(ctx, st, u.ID, *d.CaseID)
		return Submitted{Case: c}, err
	}
	if StepIndex(d.Step) < StepIndex(StepMaterials) {
		return Submitted{}, ErrIncomplete
	}
	item, err := ItemFor(ctx, st, d.ItemID)
	if err != nil {
		return Submitted{}, err
	}
	have, err := DraftMaterials(ctx, st, d.ID)
	if err != nil {
		return Submitted{}, err
	}
	if len(MissingRequired(Rules(item), have)) > 0 {
		return Submitted{}, ErrIncomplete
	}
	now := time.Now().UTC()
	code := randomDigits(8)
	vals := d.Values()
	address := vals["address"]
	if address == "" {
		address = u.Address
	}
	c := Case{QueryHash: hashCode(code), DraftID: d.ID, UserID: u.ID, ItemID: item.ID, ItemCode: item.Code,
		MatterName: item.Name, BodyName: item.Body.Name, RegionCode: item.RegionCode, DeptCode: item.DeptCode,
		Status: StatusSubmitted, ApplicantName: u.Name, ApplicantIDNumber: u.IDNumber, ApplicantPhone: firstNonEmpty(vals["phone"], u.Phone),
		ApplicantAddress: address, Answers: d.Answers, PromisedDays: promisedDays(item.Promised.Value, item.Promised.Unit),
		DeliveryMethod: vals["method"], SubmittedAt: now, UpdatedAt: now, Version: 1}
	due := cal.AddWorkingDays(now, AcceptDays).UTC()
	c.DueAt = &due
	err = st.InTx(ctx, func(tx *gorm.DB) error { return insertCase(ctx, tx, &c, d) })
	if models.IsUniqueViolation(err) {
		// The other tap won the race: answer with its case.
		var id int64
		if e := st.DB.WithContext(ctx).Raw("SELECT id FROM cases WHERE draft_id = ?", d.ID).Scan(&id).Error; e != nil || id == 0 {
			return Submitted{}, errors.Join(err, e)
		}
		c, err := GetForUser(ctx, st, u.ID, id)
		return Submitted{Case: c}, err
	}
	if err != nil {
		return Submitted{}, err
	}
	return Submitted{Case: c, QueryCode: code, Created: true}, nil
}

func insertCase(ctx context.Context, tx *gorm.DB, c *Case, d Draft) error {
	var err error
	for range 5 { // a number collision is rare; try again with another
		c.Number = fmt.Sprintf("%s%s%s", c.RegionCode, c.SubmittedAt.In(china).Format("20060102"), randomDigits(6))
		if err = tx.Transaction(func(sp *gorm.DB) error { return sp.Create(c).Error }); err == nil {
			break
		}
		var n int64
		if tx.Raw("SELECT COUNT(*) FROM cases WHERE draft_id = ?", d.ID).Scan(&n); n > 0 || !models.IsUniqueViolation(err) {
			return err
		}
	}
	if err != nil {
		return err
	}
	res := tx.Model(&Draft{}).Where("id = ? AND case_id IS NULL", d.ID).Updates(map[string]any{"case_id": c.ID, "updated_at": c.SubmittedAt})
	if res.Error != nil {
		return res.Error
	}
	if err := tx.Model(&Material{}).Where("draft_id = ?", d.ID).Update("case_id", c.ID).Error; err != nil {
		return err
	}
	if err := addEvent(tx, c.ID, "submit", "", StatusSubmitted, ByApplicant, &c.UserID, "", c.SubmittedAt); err != nil {
		return err
	}
	return usercenter.Notify(ctx, &models.Store{DB: tx}, c.UserID, MsgKind, "办件已提交："+c.MatterName,
		"办件编号 "+c.Number+"。请在 5 个工作日内留意受理结果。", "/me/cases/"+fmt.Sprint(c.ID))
}

// MsgKind is the kind of the notices cases send to 我的消息.
const MsgKind = "case"

func addEvent(tx *gorm.DB, caseID int64, event string, from, to Status, actor string, actorID *int64, note string, at time.Time) error {
	return tx.Create(&Event{CaseID: caseID, Event: event, FromStatus: from, ToStatus: to, Actor: actor, ActorID: actorID,
		Note: note, CreatedAt: at}).Error
}

// promisedDays converts the 承诺时限 to working days (自然日 ≈ ×5/7).
func promisedDays(v int, unit string) int {
	if unit == "2" {
		return max(1, v*5/7)
	}
	return v
}

var china = time.FixedZone("CST", 8*3600)

func randomDigits(n int) string {
	b := make([]byte, n)
	for i := range b {
		x, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			panic(err)
		}
		b[i] = byte('0' + x.Int64()) // #nosec G115 -- x is in [0, 10)
	}
	return string(b)
}

func hashCode(code string) string {
	return gmcrypto.SM3Hex([]byte("case-query:" + code))
}

func sameHash(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
