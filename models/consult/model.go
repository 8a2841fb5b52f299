package consult

import (
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// Statuses of consultations and complaints. Moderation is separate: a
// non-empty Flags holds the item for staff whatever its status.
const (
	StatusDraft    = "draft"    // only its author sees it
	StatusOpen     = "open"     // submitted, waiting for the unit
	StatusAccepted = "accepted" // a unit accepted it (consultations)
	StatusReplied  = "replied"
)

// Consultation is one 咨询 (C 0103 7.5.1).
type Consultation struct {
	ID            int64
	UserID        int64
	ItemCode      string
	MatterName    string
	RegionCode    string
	DeptCode      string
	UnitName      string
	Name          string
	Phone         string
	Email         string
	Postcode      string
	Address       string
	Title         string
	Content       string
	Public        bool
	Status        string
	Flags         string
	Published     bool
	AcceptedUnit  string
	AcceptedBy    *int64
	AcceptedAt    *time.Time
	Reply         string
	ReplyUnit     string
	RepliedBy     *int64
	RepliedAt     *time.Time
	SubmittedAt   *time.Time
	DeadlineAt    *time.Time
	EscalatedAt   *time.Time
	HiddenAt      *time.Time
	HiddenReason  string
	UserDeletedAt *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName maps Consultation to its table.
func (Consultation) TableName() string { return "consultations" }

// Held reports whether moderation holds the item for staff.
func (c Consultation) Held() bool { return c.Flags != "" }

// Overdue reports whether the reply is late at now.
func (c Consultation) Overdue(now time.Time) bool {
	return c.Status != StatusReplied && c.Status != StatusDraft && c.DeadlineAt != nil && now.After(*c.DeadlineAt)
}

// Complaint is one 投诉 (C 0103 7.5.2): about a completed case or by
// department and matter category.
type Complaint struct {
	ID              int64
	UserID          int64
	CaseID          *int64
	CaseNumber      string
	ItemCode        string
	MatterName      string
	Category        string
	RegionCode      string
	DeptCode        string
	UnitName        string
	Title           string
	Content         string
	Public          bool
	Status          string
	Flags           string
	Published       bool
	Reply           string
	ReplyUnit       string
	LegalNature     string
	Remedy          string
	RepliedBy       *int64
	RepliedAt       *time.Time
	SubmittedAt     *time.Time
	DeadlineAt      *time.Time
	EscalatedAt     *time.Time
	EscalationLevel int
	HiddenAt        *time.Time
	HiddenReason    string
	UserDeletedAt   *time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// TableName maps Complaint to its table.
func (Complaint) TableName() string { return "complaints" }

// Held reports whether moderation holds the item for staff.
func (c Complaint) Held() bool { return c.Flags != "" }

// Overdue reports whether the reply is late at now.
func (c Complaint) Overdue(now time.Time) bool {
	return c.Status != StatusReplied && c.Status != StatusDraft && c.DeadlineAt != nil && now.After(*c.DeadlineAt)
}

// File is a screenshot or photo of a complaint, kept in the blob store.
type File struct {
	ID          int64
	ComplaintID int64
	BlobKey     string
	Kind        string
	Size        int64
	CreatedAt   time.Time
}

// TableName maps File to its table.
func (File) TableName() string { return "complaint_files" }

// HiddenEntry is one line of the public log of hidden items.
type HiddenEntry struct {
	ID         int64
	ObjectType string
	ObjectID   int64
	Reason     string
	StaffID    int64
	CreatedAt  time.Time
}

// TableName maps HiddenEntry to its table.
func (HiddenEntry) TableName() string { return "consult_hidden_log" }

// Statement is a department's legal nature of its complaint reply and the
// route to reconsideration or litigation (C 0103 7.5.2).
type Statement struct {
	RegionCode  string `gorm:"primaryKey"`
	DeptCode    string `gorm:"primaryKey"`
	LegalNature string
	Remedy      string
	UpdatedAt   time.Time
}

// TableName maps Statement to its table.
func (Statement) TableName() string { return "consult_dept_statements" }

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// publishedExpr recomputes the published column: public, replied, not
// held, not hidden and not deleted by its author.
const publishedExpr = "published = (public = ? AND status = ? AND flags = '' AND hidden_at IS NULL AND user_deleted_at IS NULL)"

func republish(tx *gorm.DB, table string, id int64) error {
	return tx.Exec("UPDATE "+table+" SET "+publishedExpr+" WHERE id = ?", true, StatusReplied, id).Error
}
