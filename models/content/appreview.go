package content

import (
	"context"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// App review in the console (issue 9 §2, C 0103 8.3.5): reviewers see the
// apps of the sub-sites their scope manages (an app belongs to the
// sub-site of a provincial unit, 330000, or of a department, N007); a
// platform-level reviewer sees every app. Another site's app is a 404.

// ReviewStates are the states waiting for a reviewer.
var ReviewStates = []string{apps.Applied, apps.DesignSubmitted, apps.InReview}

// appsInScope restricts an apps query to the sub-sites scope manages.
func appsInScope(db *gorm.DB, sc staff.Scope) *gorm.DB {
	codes, all := sc.Sites()
	if all {
		return db
	}
	if len(codes) == 0 {
		return db.Where("1 = 0")
	}
	return db.Where("site_code IN ?", codes)
}

// AppFilter selects apps for the reviewers' list.
type AppFilter struct {
	States []string // empty: every state
	Offset int
	Limit  int
}

// ListApps returns the apps inside scope in states, longest waiting first,
// and how many match.
func (s *Service) ListApps(ctx context.Context, who staff.Staff, f AppFilter) ([]apps.App, int64, error) {
	if !who.Can(staff.PermApps) {
		return nil, 0, models.ErrForbidden
	}
	q := appsInScope(s.st.DB.WithContext(ctx).Model(&apps.App{}), who.Scope())
	if len(f.States) > 0 {
		q = q.Where("status IN ?", f.States)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []apps.App
	err := q.Order("updated_at, id").Offset(max(f.Offset, 0)).Limit(clampLimit(f.Limit)).Find(&out).Error
	return out, total, err
}

// GetApp returns one app inside scope.
func (s *Service) GetApp(ctx context.Context, who staff.Staff, id int64) (apps.App, error) {
	if !who.Can(staff.PermApps) {
		return apps.App{}, models.ErrForbidden
	}
	var a apps.App
	err := appsInScope(s.st.DB.WithContext(ctx), who.Scope()).Where("id = ?", id).Take(&a).Error
	return a, notFound(err)
}

// ReviewApp makes a reviewer's workflow move on an app inside scope
// (approve, reject, request changes, take offline) and audits it.
func (s *Service) ReviewApp(ctx context.Context, svc *apps.Service, who staff.Staff, ip string, id int64, event, note string) (apps.App, error) {
	before, err := s.GetApp(ctx, who, id)
	if err != nil {
		return apps.App{}, err
	}
	after, err := svc.Transition(ctx, id, event, apps.Actor{Role: apps.RoleReviewer, ID: who.ID}, note)
	if err != nil {
		return apps.App{}, err
	}
	err = s.auditApp(ctx, audit.Entry{Actor: who.Actor(ip), Action: "app." + event, ObjectType: "app",
		ObjectID: strconv.FormatInt(id, 10), Before: map[string]any{"id": id, "status": before.Status},
		After: map[string]any{"id": id, "status": after.Status, "note": strings.TrimSpace(note)}})
	return after, err
}

// auditApp appends one reviewer action to the audit chain.
func (s *Service) auditApp(ctx context.Context, e audit.Entry) error {
	return s.st.InTx(ctx, func(tx *gorm.DB) error {
		_, err := audit.Append(ctx, tx, e)
		return err
	})
}

// SetAppChecklist records the reviewer's ticked checklist items on an app
// inside scope and audits it.
func (s *Service) SetAppChecklist(ctx context.Context, svc *apps.Service, who staff.Staff, ip string, id int64, items []string) error {
	before, err := s.GetApp(ctx, who, id)
	if err != nil {
		return err
	}
	if err := svc.SetChecklist(ctx, id, apps.Actor{Role: apps.RoleReviewer, ID: who.ID}, items); err != nil {
		return err
	}
	after, err := apps.Get(ctx, s.st, id)
	if err != nil {
		return err
	}
	return s.auditApp(ctx, audit.Entry{Actor: who.Actor(ip), Action: "app.checklist", ObjectType: "app",
		ObjectID: strconv.FormatInt(id, 10), Before: map[string]any{"id": id, "checklist": before.Checklist},
		After: map[string]any{"id": id, "checklist": after.Checklist}})
}
