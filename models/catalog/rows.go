package catalog

import "time"

// Database rows. They mirror migration 0003 column by column; the exported
// types in model.go are what callers see (lists split, time limits grouped).

type matterRow struct {
	ID        int64 `gorm:"primaryKey"`
	Code      string
	Name      string
	Type      string
	DeptCode  string
	CreatedAt time.Time
}

func (matterRow) TableName() string { return "matters" }

func (r matterRow) matter() Matter {
	return Matter{ID: r.ID, Code: r.Code, Name: r.Name, Type: r.Type, DeptCode: r.DeptCode}
}

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
	StatutoryNote  string
	PromisedLimit  int
	PromisedUnit   string
	PromisedNote   string
	Visits         int
	Conditions     string
	Charged        bool
	Audiences      string
	CaseType       string
	Forms          string
	Location       string
	Hours          string
	Consult        string
	Complaint      string
	ThemesNatural  string
	ThemesLegal    string
	LocalThemes    string
	Scope          string
	Online         bool
	OnlineURL      string `gorm:"column:online_url"`
	MobileURL      string `gorm:"column:mobile_url"`
	TrustLevel     int
	Status         string
	Version        int
	Popularity     float64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (itemRow) TableName() string { return "matter_items" }

func (r itemRow) item() Item {
	return Item{
		ID: r.ID, Code: r.Code, MatterID: r.MatterID, Name: r.Name, Type: r.Type, LegalBasis: r.LegalBasis,
		Level: r.Level, RegionCode: r.RegionCode, DeptCode: r.DeptCode,
		Body:      Body{Name: r.BodyName, CreditCode: r.BodyCode, Nature: r.BodyNature},
		Statutory: TimeLimit{Value: r.StatutoryLimit, Unit: r.StatutoryUnit, Note: r.StatutoryNote},
		Promised:  TimeLimit{Value: r.PromisedLimit, Unit: r.PromisedUnit, Note: r.PromisedNote},
		Visits:    r.Visits, Conditions: r.Conditions, Charged: r.Charged,
		Audiences: splitList(r.Audiences), CaseType: r.CaseType, Forms: splitList(r.Forms),
		Location: r.Location, Hours: r.Hours, Consult: r.Consult, Complaint: r.Complaint,
		ThemesN: splitList(r.ThemesNatural), ThemesL: splitList(r.ThemesLegal), LocalThemes: splitList(r.LocalThemes),
		Scope: r.Scope, Online: r.Online, OnlineURL: r.OnlineURL, MobileURL: r.MobileURL,
		TrustLevel: r.TrustLevel, Status: r.Status, Version: r.Version, Popularity: r.Popularity,
		UpdatedAt: r.UpdatedAt,
	}
}

func rowOf(it Item, now time.Time) itemRow {
	return itemRow{
		ID: it.ID, Code: it.Code, MatterID: it.MatterID, Name: it.Name, Type: it.Type, LegalBasis: it.LegalBasis,
		Level: it.Level, RegionCode: it.RegionCode, DeptCode: it.DeptCode,
		BodyName: it.Body.Name, BodyCode: it.Body.CreditCode, BodyNature: it.Body.Nature,
		StatutoryLimit: it.Statutory.Value, StatutoryUnit: it.Statutory.Unit, StatutoryNote: it.Statutory.Note,
		PromisedLimit: it.Promised.Value, PromisedUnit: it.Promised.Unit, PromisedNote: it.Promised.Note,
		Visits: it.Visits, Conditions: it.Conditions, Charged: it.Charged,
		Audiences: joinList(it.Audiences), CaseType: it.CaseType, Forms: joinList(it.Forms),
		Location: it.Location, Hours: it.Hours, Consult: it.Consult, Complaint: it.Complaint,
		ThemesNatural: joinList(it.ThemesN), ThemesLegal: joinList(it.ThemesL), LocalThemes: joinList(it.LocalThemes),
		Scope: it.Scope, Online: it.Online, OnlineURL: it.OnlineURL, MobileURL: it.MobileURL,
		TrustLevel: it.TrustLevel, Status: it.Status, Version: it.Version, Popularity: it.Popularity,
		CreatedAt: now, UpdatedAt: now,
	}
}

type materialRow struct {
	ID          int64 `gorm:"primaryKey"`
	ItemID      int64
	Position    int
	Name        string
	Necessity   string
	Form        string
	Kind        string
	Copies      int
	Source      string
	BlankFormID *int64
	SampleID    *int64
	Notes       string
	Standard    string
	Basis       string
}

func (materialRow) TableName() string { return "item_materials" }

func (r materialRow) material() Material {
	m := Material{ID: r.ID, Position: r.Position, Name: r.Name, Necessity: r.Necessity, Form: r.Form, Kind: r.Kind,
		Copies: r.Copies, Source: r.Source, Notes: r.Notes, Standard: r.Standard, Basis: r.Basis}
	if r.BlankFormID != nil {
		m.BlankFormID = *r.BlankFormID
	}
	if r.SampleID != nil {
		m.SampleID = *r.SampleID
	}
	return m
}

type feeRow struct {
	ID       int64 `gorm:"primaryKey"`
	ItemID   int64
	Position int
	Name     string
	Standard string
	Basis    string
	Waivable bool
}

func (feeRow) TableName() string { return "item_fees" }

type stepRow struct {
	ID       int64 `gorm:"primaryKey"`
	ItemID   int64
	Position int
	Name     string
	Detail   string
}

func (stepRow) TableName() string { return "item_steps" }

type faqRow struct {
	ID       int64 `gorm:"primaryKey"`
	ItemID   int64
	Position int
	Question string
	Answer   string
}

func (faqRow) TableName() string { return "item_faqs" }

type attachmentRow struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	MIME      string `gorm:"column:mime"`
	Size      int64
	Sha256    string `gorm:"column:sha256"`
	Data      []byte
	CreatedAt time.Time
}

func (attachmentRow) TableName() string { return "catalog_attachments" }

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
