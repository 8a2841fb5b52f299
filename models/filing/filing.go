package filing

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
)

// Filing states. A draft or a filing sent back for changes may be edited
// and submitted; a submitted one waits for review; approved and refused
// are final (a new version of the client is a new filing).
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
	StatusChanges   = "changes" // 要求修改: back to the organisation
	StatusApproved  = "approved"
	StatusRefused   = "refused"
)

// Statuses lists every state, in workflow order.
var Statuses = []string{StatusDraft, StatusSubmitted, StatusChanges, StatusApproved, StatusRefused}

// Organisation levels (9.1: 地方和部门).
const (
	LevelLocal = "local" // a local government (region code)
	LevelDept  = "dept"  // a department (department code)
)

// Filing is one mobile client's filing.
type Filing struct {
	ID          int64
	OwnerUserID int64
	Level       string
	RegionCode  string // scope: the organisation's region (a department's own region)
	DeptCode    string // scope: the department ("" for a local government)
	OrgName     string
	Status      string
	Revision    int // submitted revisions so far
	Details
	IconKey            string
	PackageKey         string
	PackageKind        string
	PackageSize        int64
	PackageSM3         string
	PackageName        string
	PackageVersion     string
	PackageVersionCode string
	SubmittedAt        *time.Time
	DecidedAt          *time.Time
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// TableName keeps the table name explicit.
func (Filing) TableName() string { return "filings" }

// Editable reports whether the organisation may change the filing.
func (f Filing) Editable() bool { return f.Status == StatusDraft || f.Status == StatusChanges }

// Screenshot is one application screenshot (5.3 a).
type Screenshot struct {
	ID        int64
	FilingID  int64
	BlobKey   string
	Kind      string
	Size      int64
	SM3       string
	CreatedAt time.Time
}

// TableName keeps the table name explicit.
func (Screenshot) TableName() string { return "filing_screenshots" }

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// ForOwner lists the organisation account's filings, newest first.
func ForOwner(ctx context.Context, st *models.Store, ownerID int64) ([]Filing, error) {
	var out []Filing
	err := st.DB.WithContext(ctx).Where("owner_user_id = ?", ownerID).Order("updated_at DESC, id DESC").Limit(200).Find(&out).Error
	return out, err
}

// GetOwned returns the account's filing; another account's is ErrNotFound.
func GetOwned(ctx context.Context, st *models.Store, ownerID, id int64) (Filing, error) {
	var f Filing
	err := st.DB.WithContext(ctx).Where("id = ? AND owner_user_id = ?", id, ownerID).Take(&f).Error
	return f, notFound(err)
}

// GetScoped returns a filing inside the reviewer's scope (ErrNotFound
// outside it, like an id that does not exist). Drafts are the
// organisation's own business and never shown to reviewers.
func GetScoped(ctx context.Context, st *models.Store, sc staff.Scope, id int64) (Filing, error) {
	var f Filing
	q := sc.Where(st.DB.WithContext(ctx), "region_code", "dept_code")
	err := q.Where("id = ? AND status <> ?", id, StatusDraft).Take(&f).Error
	return f, notFound(err)
}

// ListFilter selects filings for the review queue.
type ListFilter struct {
	Status string // "" = every status but draft
	Offset int
	Limit  int
}

// ListScoped lists the filings in the reviewer's scope, oldest submission
// first (a queue), and how many match.
func ListScoped(ctx context.Context, st *models.Store, sc staff.Scope, f ListFilter) ([]Filing, int64, error) {
	q := sc.Where(st.DB.WithContext(ctx).Model(&Filing{}), "region_code", "dept_code").Where("status <> ?", StatusDraft)
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 50
	}
	var out []Filing
	err := q.Order("submitted_at, id").Offset(f.Offset).Limit(f.Limit).Find(&out).Error
	return out, total, err
}

// Approved lists approved clients for the public list, by name.
func Approved(ctx context.Context, st *models.Store, limit int) ([]Filing, error) {
	if limit <= 0 || limit > 500 {
		limit = 200
	}
	var out []Filing
	err := st.DB.WithContext(ctx).Where("status = ?", StatusApproved).Order("decided_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// GetApproved returns an approved filing (ErrNotFound otherwise).
func GetApproved(ctx context.Context, st *models.Store, id int64) (Filing, error) {
	var f Filing
	err := st.DB.WithContext(ctx).Where("id = ? AND status = ?", id, StatusApproved).Take(&f).Error
	return f, notFound(err)
}

// Screenshots returns a filing's screenshots in upload order.
func Screenshots(ctx context.Context, st *models.Store, filingID int64) ([]Screenshot, error) {
	var out []Screenshot
	err := st.DB.WithContext(ctx).Where("filing_id = ?", filingID).Order("id").Find(&out).Error
	return out, err
}

// HasFile reports whether key is one of the filing's stored files (icon,
// screenshot or package), so a file URL cannot name another filing's file.
func HasFile(ctx context.Context, st *models.Store, f Filing, key string) bool {
	if key == "" {
		return false
	}
	if key == f.IconKey || key == f.PackageKey {
		return true
	}
	var n int64
	st.DB.WithContext(ctx).Model(&Screenshot{}).Where("filing_id = ? AND blob_key = ?", f.ID, key).Count(&n)
	return n > 0
}
