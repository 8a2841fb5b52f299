package content

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/staff"
)

// 基本目录 matters (C 0103 7.1; migration 0013): one entry per matter,
// implemented by items in many regions. The 基本目录 is national, so only
// a national scope changes it (a department's staff only its own
// department's matters); any console user with items may read it, to
// find a matter's code. A draft matter may have draft items but none
// published; a matter with published items cannot be unpublished.

type matterRow struct {
	ID        int64 `gorm:"primaryKey"`
	Code      string
	Name      string
	Type      string
	DeptCode  string
	Status    string
	Version   int
	CreatedAt time.Time
	UpdatedAt *time.Time
}

func (matterRow) TableName() string { return "matters" }

// Matter is a 基本目录 entry as the console shows it.
type Matter struct {
	ID        int64
	Code      string
	Name      string
	Type      string
	DeptCode  string
	Status    string
	Version   int
	UpdatedAt time.Time
}

// Published reports whether the matter's items may be published.
func (m Matter) Published() bool { return m.Status == catalog.StatusPublished }

func (r matterRow) matter() Matter {
	m := Matter{ID: r.ID, Code: r.Code, Name: r.Name, Type: r.Type, DeptCode: r.DeptCode, Status: r.Status, Version: r.Version,
		UpdatedAt: r.CreatedAt.UTC()}
	if r.UpdatedAt != nil {
		m.UpdatedAt = r.UpdatedAt.UTC()
	}
	return m
}

// MatterVersion is one row of a matter's history (matter_versions).
type MatterVersion struct {
	ID        int64
	MatterID  int64
	Version   int
	Action    string
	Status    string
	Snapshot  string
	StaffID   int64
	StaffName string
	CreatedAt time.Time
}

// TableName keeps the table name explicit.
func (MatterVersion) TableName() string { return "matter_versions" }

// Name is the matter's name in the snapshot.
func (v MatterVersion) Name() string {
	var s struct{ Name string }
	_ = json.Unmarshal([]byte(v.Snapshot), &s)
	return s.Name
}

// CanManageMatters reports whether a scope may change the 基本目录.
func CanManageMatters(sc staff.Scope) bool { return sc.Region == "" || sc.Region == staff.National }

func mattersInScope(db *gorm.DB, sc staff.Scope) *gorm.DB {
	if sc.Dept != "" {
		db = db.Where("dept_code = ?", sc.Dept)
	}
	return db
}

// ListMatters returns matters whose name or code contains q, by code.
func (s *Service) ListMatters(ctx context.Context, sc staff.Scope, q string, offset, limit int) ([]Matter, int64, error) {
	db := mattersInScope(s.st.DB.WithContext(ctx).Model(&matterRow{}), sc)
	if t := strings.TrimSpace(q); t != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(t) + "%"
		db = db.Where(`(name LIKE ? ESCAPE '\' OR code LIKE ? ESCAPE '\')`, like, like)
	}
	var total int64
	if err := db.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []matterRow
	err := db.Order("code").Offset(max(offset, 0)).Limit(clampLimit(limit)).Find(&rows).Error
	out := make([]Matter, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.matter())
	}
	return out, total, err
}

// GetMatter returns one matter inside scope.
func (s *Service) GetMatter(ctx context.Context, sc staff.Scope, id int64) (Matter, error) {
	var r matterRow
	err := mattersInScope(s.st.DB.WithContext(ctx), sc).Where("id = ?", id).Take(&r).Error
	return r.matter(), notFound(err)
}

// MatterItems counts a matter's items and its published items.
func (s *Service) MatterItems(ctx context.Context, id int64) (all, published int64, err error) {
	var r struct{ NAll, NPub int64 }
	err = s.st.DB.WithContext(ctx).Table("matter_items").
		Select("COUNT(*) AS n_all, COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0) AS n_pub", catalog.StatusPublished).
		Where("matter_id = ?", id).Scan(&r).Error
	return r.NAll, r.NPub, err
}

// MatterHistory returns a matter's versions, newest first.
func (s *Service) MatterHistory(ctx context.Context, sc staff.Scope, id int64) (Matter, []MatterVersion, error) {
	m, err := s.GetMatter(ctx, sc, id)
	if err != nil {
		return Matter{}, nil, err
	}
	var vs []MatterVersion
	err = s.st.DB.WithContext(ctx).Where("matter_id = ?", id).Order("id DESC").Limit(200).Find(&vs).Error
	for i := range vs {
		vs[i].CreatedAt = vs[i].CreatedAt.UTC()
	}
	return m, vs, err
}

// recordMatter writes a matter's version row and audit entry.
func recordMatter(ctx context.Context, tx *gorm.DB, who staff.Staff, ip, action string, before *matterRow, after matterRow) error {
	snap, _ := json.Marshal(map[string]string{"name": after.Name, "type": after.Type, "dept_code": after.DeptCode})
	if err := tx.Create(&MatterVersion{MatterID: after.ID, Version: after.Version, Action: action, Status: after.Status,
		Snapshot: string(snap), StaffID: who.ID, StaffName: who.Username, CreatedAt: time.Now().UTC()}).Error; err != nil {
		return err
	}
	view := func(r matterRow) map[string]any {
		return map[string]any{"code": r.Code, "name": r.Name, "type": r.Type, "dept": r.DeptCode, "status": r.Status, "version": r.Version}
	}
	var b any
	if before != nil {
		b = view(*before)
	}
	_, err := audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "matter." + action, ObjectType: "matter",
		ObjectID: after.Code, Before: b, After: view(after)})
	return err
}

// matterForWrite loads a matter for a change: a scope that may not change
// the 基本目录 is refused, one outside the department gets ErrNotFound.
func (s *Service) matterForWrite(tx *gorm.DB, who staff.Staff, id int64) (matterRow, error) {
	if !who.Can(staff.PermItems) || !CanManageMatters(who.Scope()) {
		return matterRow{}, models.ErrForbidden
	}
	var r matterRow
	err := mattersInScope(tx, who.Scope()).Where("id = ?", id).Take(&r).Error
	return r, notFound(err)
}
