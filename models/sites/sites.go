package sites

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
)

// Policy is one published policy document (C 0103 8.2 a).
type Policy struct {
	ID        int64
	SiteCode  string
	Title     string
	DocNumber string // 文号
	Issuer    string
	IssuedOn  time.Time
	Body      string // plain text, paragraphs separated by blank lines (see PlainText)
	Source    string
	Published bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName keeps the table name explicit.
func (Policy) TableName() string { return "site_policies" }

// Interpretation explains a policy (C 0103 8.2 b), possibly a national
// policy interpreted by a local site.
type Interpretation struct {
	ID          int64
	SiteCode    string
	PolicyID    *int64
	Title       string
	Body        string
	Source      string
	PublishedOn time.Time
	Published   bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ItemCodes   []string `gorm:"-"` // implementation items (实施编码) the interpretation affects
}

// TableName keeps the table name explicit.
func (Interpretation) TableName() string { return "site_interpretations" }

// Topic is a 政务服务专题 (C 0103 8.2 c): a curated list of items.
type Topic struct {
	ID        int64
	SiteCode  string
	Title     string
	Summary   string
	Position  int
	Published bool
	CreatedAt time.Time
	UpdatedAt time.Time
	ItemCodes []string `gorm:"-"`
}

// TableName keeps the table name explicit.
func (Topic) TableName() string { return "site_topics" }

// App types of C 0103 8.3.1 and app statuses shown on sub-sites.
const (
	AppIdentity   = "identity" // 需身份信息
	AppOpen       = "open"     // 完全开放
	StatusOnline  = "online"
	StatusOffline = "offline"
	// StatusRectifying is an app taken offline until it passes review
	// again (C 0103 8.3.5; the workflow lives in models/apps).
	StatusRectifying = "rectifying"
)

// App is a sub-site's government app (C 0103 8.2 e).
type App struct {
	ID          int64
	Name        string
	Type        string
	OwnerOrg    string
	SiteCode    string
	EntryURL    string
	Icon        string
	Description string
	Status      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// TableName keeps the table name explicit.
func (App) TableName() string { return "apps" }

// Online reports whether the app may be opened from the portal.
func (a App) Online() bool { return a.Status == StatusOnline }

// itemLink is a row of site_interpretation_items or site_topic_items.
type itemLink struct {
	OwnerID  int64
	Position int
	ItemCode string
}

// Home is what a sub-site's home page shows (C 0103 8.2 a–c, e).
type Home struct {
	Policies        []Policy
	Interpretations []Interpretation
	Topics          []Topic
	Apps            []App
}

// LoadHome returns the newest published content of one site, at most limit
// of each kind. Four queries, whatever the limit.
func LoadHome(ctx context.Context, st *models.Store, site string, limit int) (Home, error) {
	var h Home
	db := st.DB.WithContext(ctx)
	if err := db.Where("site_code = ? AND published = ?", site, true).
		Order("issued_on DESC, id DESC").Limit(limit).Find(&h.Policies).Error; err != nil {
		return h, err
	}
	if err := db.Where("site_code = ? AND published = ?", site, true).
		Order("published_on DESC, id DESC").Limit(limit).Find(&h.Interpretations).Error; err != nil {
		return h, err
	}
	if err := db.Where("site_code = ? AND published = ?", site, true).
		Order("position, id").Limit(limit).Find(&h.Topics).Error; err != nil {
		return h, err
	}
	// Offline apps stay listed, marked and without a link, so a visitor
	// who knows one learns it is paused; drafts and apps under review do not.
	err := db.Where("site_code = ? AND status IN ?", site, []string{StatusOnline, StatusOffline, StatusRectifying}).
		Order("name, id").Limit(limit).Find(&h.Apps).Error
	return h, err
}

// GetPolicy returns a published policy of site by id, or ErrNotFound.
func GetPolicy(ctx context.Context, st *models.Store, site string, id int64) (Policy, error) {
	var p Policy
	err := st.DB.WithContext(ctx).Where("id = ? AND site_code = ? AND published = ?", id, site, true).Take(&p).Error
	return p, notFound(err)
}

// PoliciesByID returns the published policies among ids, of any site (an
// interpretation may explain a national policy on a local site).
func PoliciesByID(ctx context.Context, st *models.Store, ids []int64) (map[int64]Policy, error) {
	out := map[int64]Policy{}
	if len(ids) == 0 {
		return out, nil
	}
	var ps []Policy
	if err := st.DB.WithContext(ctx).Where("id IN ? AND published = ?", ids, true).Find(&ps).Error; err != nil {
		return nil, err
	}
	for _, p := range ps {
		out[p.ID] = p
	}
	return out, nil
}

// InterpretationsOf returns the published interpretations of a policy, on
// any site, newest first, at most limit.
func InterpretationsOf(ctx context.Context, st *models.Store, policyID int64, limit int) ([]Interpretation, error) {
	var out []Interpretation
	err := st.DB.WithContext(ctx).Where("policy_id = ? AND published = ?", policyID, true).
		Order("published_on DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// GetInterpretation returns a published interpretation of site with the
// item codes it affects, or ErrNotFound.
func GetInterpretation(ctx context.Context, st *models.Store, site string, id int64) (Interpretation, error) {
	var in Interpretation
	db := st.DB.WithContext(ctx)
	if err := db.Where("id = ? AND site_code = ? AND published = ?", id, site, true).Take(&in).Error; err != nil {
		return in, notFound(err)
	}
	codes, err := linkedCodes(ctx, st, "site_interpretation_items", "interpretation_id", in.ID)
	in.ItemCodes = codes
	return in, err
}

// GetTopic returns a published topic of site with its items in order, or
// ErrNotFound.
func GetTopic(ctx context.Context, st *models.Store, site string, id int64) (Topic, error) {
	var t Topic
	if err := st.DB.WithContext(ctx).Where("id = ? AND site_code = ? AND published = ?", id, site, true).Take(&t).Error; err != nil {
		return t, notFound(err)
	}
	codes, err := linkedCodes(ctx, st, "site_topic_items", "topic_id", t.ID)
	t.ItemCodes = codes
	return t, err
}

// linkedCodes lists the item codes of one interpretation or topic in order.
// table and col are constants of this package, never user input.
func linkedCodes(ctx context.Context, st *models.Store, table, col string, id int64) ([]string, error) {
	var codes []string
	err := st.DB.WithContext(ctx).Table(table).Where(col+" = ?", id).Order("position").Limit(500).Pluck("item_code", &codes).Error
	return codes, err
}
