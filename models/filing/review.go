package filing

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// ChecklistItems are the review requirements of C 0103 9.4 a–i.
var ChecklistItems = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}

// Decisions a reviewer may take on a submitted filing.
const (
	DecisionApprove = "approve"
	DecisionRefuse  = "refuse"
	DecisionChanges = "changes" // 要求修改
)

// Check is one checklist item's result.
type Check struct {
	Item   string
	Passed *bool // nil = not assessed
	Note   string
}

// Decision is a reviewer's verdict with the full checklist.
type Decision struct {
	Decision string
	Note     string
	Checks   []Check // one per ChecklistItems entry, any order
}

// Reviewer is the staff member deciding, with their scope.
type Reviewer struct {
	ID    int64
	Scope staff.Scope
	Actor audit.Actor // for the staff audit log
}

// Revision is one submitted revision, frozen.
type Revision struct {
	ID          int64
	FilingID    int64
	Revision    int
	Snapshot    string
	SubmittedAt time.Time
}

// TableName keeps the table name explicit.
func (Revision) TableName() string { return "filing_revisions" }

// Frozen decodes the revision's filing and screenshot keys.
func (r Revision) Frozen() (Filing, []string) {
	var s snapshot
	_ = json.Unmarshal([]byte(r.Snapshot), &s)
	return s.Filing, s.Screenshots
}

// Review is one decision on one revision.
type Review struct {
	ID         int64
	FilingID   int64
	Revision   int
	ReviewerID int64
	Decision   string
	Note       string
	CreatedAt  time.Time
	Items      []ReviewItem `gorm:"-"`
}

// TableName keeps the table name explicit.
func (Review) TableName() string { return "filing_reviews" }

// ReviewItem is one checklist line of a review.
type ReviewItem struct {
	ID       int64
	ReviewID int64
	Item     string
	Passed   bool
	Note     string
}

// TableName keeps the table name explicit.
func (ReviewItem) TableName() string { return "filing_review_items" }

const maxNote = 500

// validate checks the decision against the checklist: every item assessed,
// a failed item explained, approval only when everything passed, and a
// refusal or a request for changes naming at least one failed item.
func (d *Decision) validate() error {
	v := &models.ValidationError{}
	if d.Decision != DecisionApprove && d.Decision != DecisionRefuse && d.Decision != DecisionChanges {
		v.Add("decision", "filing.err.decision.required")
	}
	byItem := map[string]Check{}
	for _, c := range d.Checks {
		c.Note = strings.TrimSpace(c.Note)
		byItem[c.Item] = c
	}
	failed := 0
	d.Checks = d.Checks[:0]
	for _, it := range ChecklistItems {
		c := byItem[it]
		c.Item = it
		switch {
		case c.Passed == nil:
			v.Add("check_"+it, "filing.err.check.required")
		case !*c.Passed && c.Note == "":
			v.Add("note_"+it, "filing.err.check.note")
		case utf8.RuneCountInString(c.Note) > maxNote:
			v.Add("note_"+it, "filing.err.note.long")
		}
		if c.Passed != nil && !*c.Passed {
			failed++
		}
		d.Checks = append(d.Checks, c)
	}
	d.Note = strings.TrimSpace(d.Note)
	switch {
	case d.Decision == DecisionApprove && failed > 0:
		v.Add("decision", "filing.err.decision.failed")
	case (d.Decision == DecisionRefuse || d.Decision == DecisionChanges) && failed == 0 && len(byItem) > 0:
		v.Add("decision", "filing.err.decision.nofail")
	}
	if d.Decision != DecisionApprove && d.Decision != "" && d.Note == "" {
		v.Add("note", "filing.err.note.required")
	} else if utf8.RuneCountInString(d.Note) > maxNote {
		v.Add("note", "filing.err.note.long")
	}
	return v.Err()
}

var decisionStatus = map[string]string{DecisionApprove: StatusApproved, DecisionRefuse: StatusRefused, DecisionChanges: StatusChanges}

// Review records the reviewer's checklist and decision on a submitted
// filing in their scope, and tells the organisation.
func (s *Service) Review(ctx context.Context, r Reviewer, id int64, d Decision) error {
	f, err := GetScoped(ctx, s.st, r.Scope, id)
	if err != nil {
		return err
	}
	if f.Status != StatusSubmitted {
		return models.ErrConflict
	}
	if err := d.validate(); err != nil {
		return err
	}
	now := s.Now()
	err = s.st.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Filing{}).Where("id = ? AND status = ?", f.ID, StatusSubmitted).
			Updates(map[string]any{"status": decisionStatus[d.Decision], "decided_at": now, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrConflict
		}
		rv := Review{FilingID: f.ID, Revision: f.Revision, ReviewerID: r.ID, Decision: d.Decision, Note: d.Note, CreatedAt: now}
		if err := tx.Create(&rv).Error; err != nil {
			return err
		}
		for _, c := range d.Checks {
			if err := tx.Create(&ReviewItem{ReviewID: rv.ID, Item: c.Item, Passed: *c.Passed, Note: c.Note}).Error; err != nil {
				return err
			}
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: r.Actor, Action: "filing." + d.Decision, ObjectType: "filing",
			ObjectID: strconv.FormatInt(f.ID, 10), Before: map[string]any{"status": f.Status, "revision": f.Revision},
			After: map[string]any{"status": decisionStatus[d.Decision], "note": d.Note, "checks": d.Checks}})
		return err
	})
	if err != nil {
		return err
	}
	s.notify(ctx, f, "filing_decided", map[string]string{"name": f.Name, "decision": d.Decision, "id": strconv.FormatInt(f.ID, 10)})
	return nil
}

// History is a filing's submitted revisions and reviews, oldest first.
func History(ctx context.Context, st *models.Store, filingID int64) ([]Revision, []Review, error) {
	var revs []Revision
	if err := st.DB.WithContext(ctx).Where("filing_id = ?", filingID).Order("revision").Find(&revs).Error; err != nil {
		return nil, nil, err
	}
	var reviews []Review
	if err := st.DB.WithContext(ctx).Where("filing_id = ?", filingID).Order("created_at, id").Find(&reviews).Error; err != nil {
		return nil, nil, err
	}
	if len(reviews) == 0 {
		return revs, nil, nil
	}
	ids := make([]int64, len(reviews))
	for i, r := range reviews {
		ids[i] = r.ID
	}
	var items []ReviewItem
	if err := st.DB.WithContext(ctx).Where("review_id IN ?", ids).Order("item").Find(&items).Error; err != nil {
		return nil, nil, err
	}
	idx := map[int64]int{}
	for i, r := range reviews {
		idx[r.ID] = i
	}
	for _, it := range items {
		reviews[idx[it.ReviewID]].Items = append(reviews[idx[it.ReviewID]].Items, it)
	}
	return revs, reviews, nil
}
