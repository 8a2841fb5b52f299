package content

import (
	"context"
	"strings"
	"time"

	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/staff"
)

// itemRow is the part of a matter_items row (models/catalog, migration
// 0003) the console reads and writes. Columns left out keep their
// defaults on insert.
type itemRow struct {
	ID             int64 `gorm:"primaryKey"`
	Code           string
	MatterID       int64
	Name           string
	Type           string
	LegalBasis     string
	Level          int
	RegionCode     string
	DeptCode       string
	BodyName       string
	BodyCode       string
	BodyNature     string
	StatutoryLimit int
	StatutoryUnit  string
	PromisedLimit  int
	PromisedUnit   string
	PromisedNote   string
	Conditions     string
	Location       string
	Hours          string
	Consult        string
	Complaint      string
	Online         bool
	OnlineURL      string `gorm:"column:online_url"`
	MobileURL      string `gorm:"column:mobile_url"`
	TrustLevel     int
	Status         string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (itemRow) TableName() string { return "matter_items" }

// ItemFields are the fields of an item the console edits; a version's
// snapshot is these fields as JSON.
type ItemFields struct {
	Name           string `json:"name"`
	LegalBasis     string `json:"legal_basis"`
	Conditions     string `json:"conditions"`
	PromisedLimit  int    `json:"promised_limit"`
	PromisedNote   string `json:"promised_note"`
	StatutoryLimit int    `json:"statutory_limit"`
	Location       string `json:"location"`
	Hours          string `json:"hours"`
	Consult        string `json:"consult"`
	Complaint      string `json:"complaint"`
	Online         bool   `json:"online"`
	OnlineURL      string `json:"online_url"`
	MobileURL      string `json:"mobile_url"`
}

// FieldOrder lists the snapshot's JSON keys in form order (diffs follow it).
var FieldOrder = []string{"name", "legal_basis", "conditions", "promised_limit", "promised_note", "statutory_limit",
	"location", "hours", "consult", "complaint", "online", "online_url", "mobile_url"}

func (r itemRow) fields() ItemFields {
	return ItemFields{Name: r.Name, LegalBasis: r.LegalBasis, Conditions: r.Conditions, PromisedLimit: r.PromisedLimit,
		PromisedNote: r.PromisedNote, StatutoryLimit: r.StatutoryLimit, Location: r.Location, Hours: r.Hours,
		Consult: r.Consult, Complaint: r.Complaint, Online: r.Online, OnlineURL: r.OnlineURL, MobileURL: r.MobileURL}
}

func (f ItemFields) columns() map[string]any {
	return map[string]any{"name": f.Name, "legal_basis": f.LegalBasis, "conditions": f.Conditions,
		"promised_limit": f.PromisedLimit, "promised_note": f.PromisedNote, "statutory_limit": f.StatutoryLimit,
		"location": f.Location, "hours": f.Hours, "consult": f.Consult, "complaint": f.Complaint, "online": f.Online,
		"online_url": f.OnlineURL, "mobile_url": f.MobileURL}
}

// Item is an item as the console shows it: identity, status and fields.
type Item struct {
	ID         int64
	Code       string
	MatterID   int64
	Type       string
	Level      int
	RegionCode string
	DeptCode   string
	BodyName   string
	Status     string
	Version    int
	UpdatedAt  time.Time
	Fields     ItemFields
}

// Published reports whether visitors see the item.
func (it Item) Published() bool { return it.Status == catalog.StatusPublished }

func (r itemRow) item() Item {
	return Item{ID: r.ID, Code: r.Code, MatterID: r.MatterID, Type: r.Type, Level: r.Level, RegionCode: r.RegionCode,
		DeptCode: r.DeptCode, BodyName: r.BodyName, Status: r.Status, Version: r.Version, UpdatedAt: r.UpdatedAt.UTC(),
		Fields: r.fields()}
}

// ItemFilter selects items for the console's list.
type ItemFilter struct {
	Q      string // part of the name or the 实施编码
	Status string // "" all, draft, published
	Offset int
	Limit  int
}

// ListItems returns the items inside scope, most recently changed first,
// and how many match.
func (s *Service) ListItems(ctx context.Context, scope staff.Scope, f ItemFilter) ([]Item, int64, error) {
	q := scope.Where(s.st.DB.WithContext(ctx).Model(&itemRow{}), "region_code", "dept_code")
	if f.Status == catalog.StatusDraft || f.Status == catalog.StatusPublished {
		q = q.Where("status = ?", f.Status)
	}
	if t := strings.TrimSpace(f.Q); t != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(t) + "%"
		q = q.Where(`(name LIKE ? ESCAPE '\' OR code LIKE ? ESCAPE '\')`, like, like)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []itemRow
	err := q.Order("updated_at DESC, id DESC").Offset(max(f.Offset, 0)).Limit(clampLimit(f.Limit)).Find(&rows).Error
	out := make([]Item, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.item())
	}
	return out, total, err
}

// GetItem returns one item inside scope, whatever its status.
func (s *Service) GetItem(ctx context.Context, scope staff.Scope, id int64) (Item, error) {
	var r itemRow
	err := scope.Where(s.st.DB.WithContext(ctx), "region_code", "dept_code").Where("id = ?", id).Take(&r).Error
	return r.item(), notFound(err)
}
