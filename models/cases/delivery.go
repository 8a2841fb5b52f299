package cases

import (
	"context"
	"hash/fnv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// DeliveryEvent is one tracking line of an express delivery (物流信息).
type DeliveryEvent struct {
	ID          int64
	CaseID      int64
	At          time.Time
	Status      string // collected, in_transit, delivering, delivered
	Description string
	Location    string
}

// TableName maps DeliveryEvent to the delivery_events table.
func (DeliveryEvent) TableName() string { return "delivery_events" }

// Tracker is the express-delivery interface (a courier's tracking API).
// Test reports a demo adapter, labelled on pages and refused in production.
type Tracker interface {
	Track(ctx context.Context, courier, trackingNo string, shipped time.Time) ([]DeliveryEvent, error)
	Name() string
	Test() bool
}

// Couriers are the express companies staff choose from (locale keys
// cases.courier.<code>).
var Couriers = []string{"ems", "sf", "jd", "zto"}

// DemoTracker invents a believable, deterministic journey from the
// tracking number: collected at shipping, then one step per half day.
type DemoTracker struct{}

func (DemoTracker) Name() string { return "demo" }
func (DemoTracker) Test() bool   { return true }

// Track returns the events up to now.
func (DemoTracker) Track(_ context.Context, _ string, trackingNo string, shipped time.Time) ([]DeliveryEvent, error) {
	h := fnv.New32a()
	h.Write([]byte(trackingNo)) // #nosec G104 -- hash.Hash.Write never returns an error
	cities := []string{"杭州", "南京", "上海", "合肥"}
	via := cities[h.Sum32()%uint32(len(cities))] // #nosec G115 -- len(cities) is 4
	steps := []DeliveryEvent{
		{Status: "collected", Description: "快件已由发证机关交寄，快递员已揽收", Location: "发证机关"},
		{Status: "in_transit", Description: "快件已到达" + via + "转运中心", Location: via},
		{Status: "delivering", Description: "快件正在派送中", Location: "收件地"},
		{Status: "delivered", Description: "快件已签收，签收人：本人", Location: "收件地"},
	}
	now := time.Now()
	var out []DeliveryEvent
	for i, s := range steps {
		s.At = shipped.Add(time.Duration(i) * 12 * time.Hour)
		if s.At.After(now) {
			break
		}
		out = append(out, s)
	}
	return out, nil
}

// DeliveryInput is the courier and tracking number staff record.
type DeliveryInput struct {
	Courier    string
	TrackingNo string
	Version    int
}

// SetDelivery records how the result was sent (a completed case whose
// applicant chose post), audits it and tells the applicant.
func SetDelivery(ctx context.Context, st *models.Store, who staff.Staff, ip string, id int64, in DeliveryInput) (Case, error) {
	if !who.Can(staff.PermCases) {
		return Case{}, models.ErrForbidden
	}
	c, err := GetInScope(ctx, st, who.Scope(), id)
	if err != nil {
		return Case{}, err
	}
	if in.Version != c.Version {
		return c, models.ErrConflict
	}
	if c.Status != StatusCompleted || c.DeliveryMethod != "post" {
		return c, ErrTransition
	}
	var v models.ValidationError
	in.TrackingNo = strings.TrimSpace(in.TrackingNo)
	if !contains(Couriers, in.Courier) {
		v.Add("courier", "cases.admin.courier.required")
	}
	if n := utf8.RuneCountInString(in.TrackingNo); n < 6 || n > 30 || strings.ContainsAny(in.TrackingNo, " <>\"'") {
		v.Add("tracking_no", "cases.admin.tracking.invalid")
	}
	if err := v.Err(); err != nil {
		return c, err
	}
	now := time.Now().UTC()
	err = st.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Case{}).Where("id = ? AND version = ?", c.ID, c.Version).
			Updates(map[string]any{"courier": in.Courier, "tracking_no": in.TrackingNo, "version": c.Version + 1, "updated_at": now})
		if res.Error != nil || res.RowsAffected != 1 {
			return firstErr(res.Error, models.ErrConflict)
		}
		if err := tx.Where("case_id = ?", c.ID).Delete(&DeliveryEvent{}).Error; err != nil {
			return err
		}
		if err := addEvent(tx, c.ID, "deliver", c.Status, c.Status, ByStaff, &who.ID, in.Courier+" "+in.TrackingNo, now); err != nil {
			return err
		}
		if _, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "case.deliver", ObjectType: "case",
			ObjectID: c.Number, After: map[string]any{"courier": in.Courier, "tracking_no": in.TrackingNo}}); err != nil {
			return err
		}
		c.Courier, c.TrackingNo = in.Courier, in.TrackingNo
		return notifyText(ctx, tx, c, "结果已寄出", "快递单号 "+in.TrackingNo+"，可在办件详情页查看物流。")
	})
	if err != nil {
		return c, err
	}
	return GetInScope(ctx, st, who.Scope(), id)
}

// Delivery returns the tracking events of a case: asked from the tracker
// and cached; once delivered the cache is final and the courier is not asked.
func Delivery(ctx context.Context, st *models.Store, tr Tracker, c Case) ([]DeliveryEvent, error) {
	if c.TrackingNo == "" {
		return nil, nil
	}
	var cached []DeliveryEvent
	if err := st.DB.WithContext(ctx).Where("case_id = ?", c.ID).Order("at, id").Find(&cached).Error; err != nil {
		return nil, err
	}
	if tr == nil || len(cached) > 0 && cached[len(cached)-1].Status == "delivered" {
		return cached, nil
	}
	evs, err := tr.Track(ctx, c.Courier, c.TrackingNo, c.UpdatedAt)
	if err != nil {
		return cached, nil // the tracker is down: show what we know
	}
	err = st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("case_id = ?", c.ID).Delete(&DeliveryEvent{}).Error; err != nil {
			return err
		}
		for i := range evs {
			evs[i].CaseID = c.ID
			evs[i].At = evs[i].At.UTC()
		}
		if len(evs) == 0 {
			return nil
		}
		return tx.Create(&evs).Error
	})
	return evs, err
}

func notifyText(ctx context.Context, tx *gorm.DB, c Case, title, body string) error {
	return notifyRaw(ctx, tx, c, c.MatterName+"："+title, "办件编号 "+c.Number+"："+body)
}
