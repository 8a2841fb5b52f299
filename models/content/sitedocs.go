package content

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
)

// Sub-site document kinds (C 0103 8.2 a–c), as they appear in console URLs.
const (
	DocPolicy = "policies"
	DocInterp = "interpretations"
	DocTopic  = "topics"
)

// docTable maps a kind to its table (models/sites, migration 0005), its
// item-link table and the search document prefix of models/sites.
var docTable = map[string]struct{ table, links, linkCol, prefix string }{
	DocPolicy: {"site_policies", "", "", "policy:"},
	DocInterp: {"site_interpretations", "site_interpretation_items", "interpretation_id", "interp:"},
	DocTopic:  {"site_topics", "site_topic_items", "topic_id", "topic:"},
}

// ValidDocKind reports whether kind is one of the three document kinds.
func ValidDocKind(kind string) bool { _, ok := docTable[kind]; return ok }

// SiteDoc is a sub-site document as the console edits it. Body is the
// topic's summary for topics; Date is issued_on (policies) or
// published_on (interpretations).
type SiteDoc struct {
	Kind      string
	ID        int64
	SiteCode  string
	Title     string
	Body      string
	DocNumber string
	Issuer    string
	Source    string
	Date      time.Time
	PolicyID  int64
	Position  int
	ItemCodes []string
	Published bool
	UpdatedAt time.Time
}

// Stamp is the optimistic-concurrency token of a document: its last
// change, to the microsecond both databases keep.
func (d SiteDoc) Stamp() int64 { return d.UpdatedAt.UnixMicro() }

// docRow reads any of the three tables; columns a table lacks stay zero.
type docRow struct {
	ID          int64
	SiteCode    string
	Title       string
	Body        string
	Summary     string
	DocNumber   string
	Issuer      string
	Source      string
	IssuedOn    time.Time
	PublishedOn time.Time
	PolicyID    *int64
	Position    int
	Published   bool
	UpdatedAt   time.Time
}

func (r docRow) doc(kind string) SiteDoc {
	d := SiteDoc{Kind: kind, ID: r.ID, SiteCode: r.SiteCode, Title: r.Title, Body: r.Body, DocNumber: r.DocNumber,
		Issuer: r.Issuer, Source: r.Source, Date: r.IssuedOn, Position: r.Position, Published: r.Published, UpdatedAt: r.UpdatedAt.UTC()}
	switch kind {
	case DocInterp:
		d.Date = r.PublishedOn
		if r.PolicyID != nil {
			d.PolicyID = *r.PolicyID
		}
	case DocTopic:
		d.Body = r.Summary
	}
	return d
}

// columns lists what each kind stores.
func (d SiteDoc) columns(now time.Time) map[string]any {
	m := map[string]any{"title": d.Title, "published": d.Published, "updated_at": now}
	switch d.Kind {
	case DocPolicy:
		m["body"], m["doc_number"], m["issuer"], m["source"], m["issued_on"] = d.Body, d.DocNumber, d.Issuer, d.Source, d.Date
	case DocInterp:
		m["body"], m["source"], m["published_on"] = d.Body, d.Source, d.Date
		m["policy_id"] = nil
		if d.PolicyID > 0 {
			m["policy_id"] = d.PolicyID
		}
	case DocTopic:
		m["summary"], m["position"] = d.Body, d.Position
	}
	return m
}

// SiteDocs lists a sub-site's documents of one kind, any status, newest
// first (at most 200). A site outside the scope is ErrNotFound.
func (s *Service) SiteDocs(ctx context.Context, scope staff.Scope, site, kind string) ([]SiteDoc, error) {
	t, ok := docTable[kind]
	if !ok || !scope.ManagesSite(site) {
		return nil, models.ErrNotFound
	}
	var rows []docRow
	err := s.st.DB.WithContext(ctx).Table(t.table).Where("site_code = ?", site).Order("updated_at DESC, id DESC").Limit(200).Find(&rows).Error
	out := make([]SiteDoc, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.doc(kind))
	}
	return out, err
}

// SiteDoc returns one document of a site inside the scope, with its items.
func (s *Service) SiteDoc(ctx context.Context, scope staff.Scope, site, kind string, id int64) (SiteDoc, error) {
	return s.loadDoc(s.st.DB.WithContext(ctx), scope, site, kind, id)
}

func (s *Service) loadDoc(db *gorm.DB, scope staff.Scope, site, kind string, id int64) (SiteDoc, error) {
	t, ok := docTable[kind]
	if !ok || !scope.ManagesSite(site) {
		return SiteDoc{}, models.ErrNotFound
	}
	var r docRow
	if err := db.Table(t.table).Where("id = ? AND site_code = ?", id, site).Take(&r).Error; err != nil {
		return SiteDoc{}, notFound(err)
	}
	d := r.doc(kind)
	if t.links != "" {
		if err := db.Table(t.links).Where(t.linkCol+" = ?", id).Order("position").Limit(500).Pluck("item_code", &d.ItemCodes).Error; err != nil {
			return d, err
		}
	}
	return d, nil
}

// validate normalizes and checks a document; item codes must name items.
func (s *Service) validateDoc(db *gorm.DB, d *SiteDoc) error {
	var v models.ValidationError
	d.Title, d.DocNumber, d.Issuer, d.Source = CleanLine(d.Title), CleanLine(d.DocNumber), CleanLine(d.Issuer), CleanLine(d.Source)
	d.Body = Clean(d.Body)
	switch {
	case d.Title == "":
		v.Add("title", "admin.err.required")
	case utf8.RuneCountInString(d.Title) > maxName:
		v.Add("title", "admin.err.too_long")
	}
	if d.Kind != DocTopic && d.Body == "" {
		v.Add("body", "admin.err.required")
	} else if utf8.RuneCountInString(d.Body) > 100000 {
		v.Add("body", "admin.err.too_long")
	}
	if d.Kind != DocTopic && d.Date.IsZero() {
		v.Add("date", "admin.err.date")
	}
	var codes []string
	for _, c := range d.ItemCodes {
		if c = strings.TrimSpace(c); c != "" && !contains(codes, c) {
			codes = append(codes, c)
		}
	}
	d.ItemCodes = codes
	if len(codes) > 0 {
		var n int64
		if err := db.Table("matter_items").Where("code IN ?", codes).Count(&n).Error; err != nil {
			return err
		}
		if int(n) != len(codes) {
			v.Add("items", "admin.err.items.unknown")
		}
	}
	if d.PolicyID > 0 {
		var n int64
		if err := db.Table("site_policies").Where("id = ?", d.PolicyID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			v.Add("policy", "admin.err.policy.unknown")
		}
	}
	return v.Err()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// auditDoc is what the audit log keeps of a document.
func auditDoc(d SiteDoc) map[string]any {
	return map[string]any{"site": d.SiteCode, "title": d.Title, "published": d.Published, "body": d.Body, "items": d.ItemCodes}
}

// CheckDoc reports what is wrong with a document without saving it.
func (s *Service) CheckDoc(ctx context.Context, d SiteDoc) error {
	return s.validateDoc(s.st.DB.WithContext(ctx), &d)
}
