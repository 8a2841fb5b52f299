package cases

import (
	"time"
)

// Status is a case's place in the state machine.
type Status string

// The statuses of C 0103 7.3 办理状态.
const (
	StatusSubmitted  Status = "submitted"  // 已提交
	StatusAccepted   Status = "accepted"   // 已受理
	StatusRejected   Status = "rejected"   // 不予受理 (final)
	StatusProcessing Status = "processing" // 办理中
	StatusCorrection Status = "correction" // 待补正 (办理中, waiting for the applicant)
	StatusCompleted  Status = "completed"  // 已办结 (final)
	StatusWithdrawn  Status = "withdrawn"  // 已撤回 (final)
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusSubmitted, StatusAccepted, StatusProcessing, StatusCorrection,
	StatusCompleted, StatusRejected, StatusWithdrawn}

// OpenStatuses are the statuses of a case someone still has to act on.
var OpenStatuses = []Status{StatusSubmitted, StatusAccepted, StatusProcessing, StatusCorrection}

// Final reports whether nothing more can happen to the case.
func (s Status) Final() bool {
	return s == StatusRejected || s == StatusCompleted || s == StatusWithdrawn
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// Outcomes of a completed case.
const (
	OutcomeApproved = "approved" // 准予
	OutcomeRefused  = "refused"  // 不予许可
)

// Case is one submitted application (办件).
type Case struct {
	ID                int64
	Number            string
	QueryHash         string `gorm:"column:query_hash"`
	DraftID           int64
	UserID            int64
	ItemID            int64
	ItemCode          string
	MatterName        string
	BodyName          string
	RegionCode        string
	DeptCode          string
	Status            Status
	Outcome           string
	ApplicantName     string
	ApplicantIDNumber string `gorm:"column:applicant_id_number"`
	ApplicantPhone    string
	ApplicantAddress  string
	Answers           string
	Note              string
	PromisedDays      int
	DueAt             *time.Time
	ResultName        string
	ResultKey         string
	DeliveryMethod    string
	Courier           string
	TrackingNo        string
	SubmittedAt       time.Time
	AcceptedAt        *time.Time
	CompletedAt       *time.Time
	UpdatedAt         time.Time
	Version           int
}

// TableName maps Case to the cases table.
func (Case) TableName() string { return "cases" }

// Overdue reports whether an open case is past its deadline at now.
func (c Case) Overdue(now time.Time) bool {
	return !c.Status.Final() && c.DueAt != nil && now.After(*c.DueAt)
}

// Event is one line of a case's progress timeline (办理进度).
type Event struct {
	ID         int64
	CaseID     int64
	Event      string
	FromStatus Status
	ToStatus   Status
	Actor      string
	ActorID    *int64
	Note       string
	CreatedAt  time.Time
}

// TableName maps Event to the case_events table.
func (Event) TableName() string { return "case_events" }

// Material is a file or a licence attached to a draft and then its case.
type Material struct {
	ID         int64
	DraftID    *int64
	CaseID     *int64
	MaterialID int64 // item_materials.id of the guide's material (0 = other)
	Name       string
	FileName   string
	BlobKey    string
	Kind       string
	Size       int64
	SM3        string `gorm:"column:sm3"`
	LicenceID  string
	Round      int
	CreatedAt  time.Time
}

// TableName maps Material to the case_materials table.
func (Material) TableName() string { return "case_materials" }
