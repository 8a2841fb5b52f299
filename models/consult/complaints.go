package consult

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
)

// ComplaintInput is the form of C 0103 7.5.2: a completed case (CaseID) or
// a department and matter category in a region; public or not; content.
type ComplaintInput struct {
	CaseID     int64
	DeptCode   string
	RegionCode string
	Category   string
	Title      string
	Content    string
	Public     bool
}

// Where fixes a complaint's subject: from the case, or as chosen.
type where struct {
	caseID                                       *int64
	number, itemCode, matter, region, dept, unit string
	trust                                        int
}

// Departments and categories a by-department complaint may name are
// checked by the caller's reference data through these functions.
type RefCheck struct {
	Department func(code string) (name string, ok bool)
	Region     func(code string) bool
	Category   func(code string) bool
}

func (in *ComplaintInput) trim() {
	for _, p := range []*string{&in.DeptCode, &in.RegionCode, &in.Category, &in.Title, &in.Content} {
		*p = strings.TrimSpace(*p)
	}
}

// subject resolves what the complaint is about; draft = be lenient.
// A database error is returned as such: it is not "no such case", and the
// user must be told the complaint was not sent (issue 13 faults).
func (s *Service) subject(ctx context.Context, userID int64, in ComplaintInput, ref RefCheck, v *models.ValidationError, draft bool) (where, error) {
	w := where{trust: catalog.DefaultTrustLevel}
	if in.CaseID > 0 {
		c, err := s.completedByID(ctx, userID, in.CaseID)
		if errors.Is(err, models.ErrNotFound) {
			v.Add("case_id", "consult.error.case")
			return w, nil
		} else if err != nil {
			return w, err
		}
		w.caseID, w.number, w.itemCode, w.matter, w.region, w.dept = &c.ID, c.Number, c.ItemCode, c.MatterName, c.RegionCode, c.DeptCode
		m, err := s.MatterByCode(ctx, c.ItemCode)
		switch {
		case err == nil:
			w.unit, w.trust = m.BodyName, max(m.TrustLevel, w.trust)
		case !errors.Is(err, models.ErrNotFound):
			return w, err // the matter's trust level must not fall back to the default
		}
		return w, nil
	}
	name, ok := "", false
	if ref.Department != nil {
		name, ok = ref.Department(in.DeptCode)
	}
	if !ok && !(draft && in.DeptCode == "") {
		v.Add("dept_code", "consult.error.dept")
	}
	if (ref.Region == nil || !ref.Region(in.RegionCode)) && !(draft && in.RegionCode == "") {
		v.Add("region_code", "consult.error.region")
	}
	if (ref.Category == nil || !ref.Category(in.Category)) && !(draft && in.Category == "") {
		v.Add("category", "consult.error.category")
	}
	w.region, w.dept, w.unit = in.RegionCode, in.DeptCode, name
	return w, nil
}

func complaintColumns(c Complaint) map[string]any {
	return map[string]any{"case_id": c.CaseID, "case_number": c.CaseNumber, "item_code": c.ItemCode, "matter_name": c.MatterName,
		"category": c.Category, "region_code": c.RegionCode, "dept_code": c.DeptCode, "unit_name": c.UnitName,
		"title": c.Title, "content": c.Content, "public": c.Public, "updated_at": c.UpdatedAt}
}

func (s *Service) buildComplaint(ctx context.Context, userID int64, in ComplaintInput, ref RefCheck, draft bool) (Complaint, int, error) {
	in.trim()
	v := &models.ValidationError{}
	w, err := s.subject(ctx, userID, in, ref, v, draft)
	if err != nil {
		return Complaint{}, 0, err
	}
	checkText(v, "title", in.Title, MaxTitle, draft)
	checkText(v, "content", in.Content, MaxContent, draft)
	now := s.now()
	c := Complaint{UserID: userID, CaseID: w.caseID, CaseNumber: w.number, ItemCode: w.itemCode, MatterName: w.matter,
		Category: in.Category, RegionCode: w.region, DeptCode: w.dept, UnitName: w.unit, Title: in.Title, Content: in.Content,
		Public: in.Public, Status: StatusDraft, CreatedAt: now, UpdatedAt: now}
	return c, w.trust, v.Err()
}

// SaveComplaintDraft creates (id 0) or updates the user's draft.
func (s *Service) SaveComplaintDraft(ctx context.Context, userID, id int64, in ComplaintInput, ref RefCheck) (Complaint, error) {
	c, _, err := s.buildComplaint(ctx, userID, in, ref, true)
	if err != nil {
		return c, err
	}
	if id == 0 {
		return c, s.db(ctx).Create(&c).Error
	}
	c.ID = id
	return c, s.updateDraft(ctx, "complaints", userID, id, complaintColumns(c))
}

// SubmitComplaint validates and submits. The trust level required is the
// matter's (C 0103 7.5.2), at least 3; the reply is due within the
// configured number of working days.
func (s *Service) SubmitComplaint(ctx context.Context, userID int64, level int, id int64, in ComplaintInput, ref RefCheck) (Complaint, error) {
	c, trust, err := s.buildComplaint(ctx, userID, in, ref, false)
	if err != nil {
		return c, err
	}
	if level < trust {
		return c, models.ErrForbidden
	}
	scan, err := LoadScanner(ctx, s.st.DB)
	if err != nil {
		return c, err
	}
	now := c.CreatedAt
	due, err := s.deadline(ctx, now, s.ReplyLimit(ctx))
	if err != nil {
		return c, err
	}
	c.Status, c.SubmittedAt, c.DeadlineAt, c.Flags = StatusOpen, &now, &due, scan.Scan(c.Title, c.Content)
	if id == 0 {
		return c, s.db(ctx).Create(&c).Error
	}
	cols := complaintColumns(c)
	cols["status"], cols["flags"], cols["submitted_at"], cols["deadline_at"] = c.Status, c.Flags, now, due
	if err := s.updateDraft(ctx, "complaints", userID, id, cols); err != nil {
		return Complaint{}, err
	}
	return s.MyComplaint(ctx, userID, id)
}

// RequiredLevel is the trust level a complaint about caseID needs.
func (s *Service) RequiredLevel(ctx context.Context, userID, caseID int64) int {
	if c, err := s.completedByID(ctx, userID, caseID); err == nil {
		if m, err := s.MatterByCode(ctx, c.ItemCode); err == nil {
			return max(m.TrustLevel, catalog.DefaultTrustLevel)
		}
	}
	return catalog.DefaultTrustLevel
}

// MyComplaint is one of the user's own, not deleted.
func (s *Service) MyComplaint(ctx context.Context, userID, id int64) (Complaint, error) {
	var c Complaint
	err := s.db(ctx).Where("id = ? AND user_id = ? AND user_deleted_at IS NULL", id, userID).First(&c).Error
	return c, notFound(err)
}

// MyComplaints lists the user's own, newest first.
func (s *Service) MyComplaints(ctx context.Context, userID int64, limit int) ([]Complaint, error) {
	var out []Complaint
	err := s.db(ctx).Where("user_id = ? AND user_deleted_at IS NULL", userID).Order("updated_at DESC, id DESC").
		Limit(min(max(limit, 1), 200)).Find(&out).Error
	return out, err
}

// DeleteMyComplaint is the author's soft delete.
func (s *Service) DeleteMyComplaint(ctx context.Context, userID, id int64) error {
	return s.softDelete(ctx, "complaints", userID, id)
}

// MaxFiles and MaxFileSize bound a complaint's screenshots and photos.
const (
	MaxFiles    = 5
	MaxFileSize = 5 << 20
)

// AddFile records a stored image on the user's own complaint that is
// still a draft or was just submitted by them.
func (s *Service) AddFile(ctx context.Context, userID, complaintID int64, key, kind string, size int64) error {
	if _, err := s.MyComplaint(ctx, userID, complaintID); err != nil {
		return err
	}
	var n int64
	if err := s.db(ctx).Model(&File{}).Where("complaint_id = ?", complaintID).Count(&n).Error; err != nil {
		return err
	}
	if n >= MaxFiles {
		v := &models.ValidationError{}
		v.Add("files", "consult.error.files_many")
		return v
	}
	return s.db(ctx).Create(&File{ComplaintID: complaintID, BlobKey: key, Kind: kind, Size: size, CreatedAt: time.Now().UTC()}).Error
}

// Files lists a complaint's files (the caller has checked access).
func (s *Service) Files(ctx context.Context, complaintID int64) ([]File, error) {
	var out []File
	err := s.db(ctx).Where("complaint_id = ?", complaintID).Order("id").Find(&out).Error
	return out, err
}

// MyFile is a file of the user's own complaint (ErrNotFound otherwise).
func (s *Service) MyFile(ctx context.Context, userID, fileID int64) (File, error) {
	var f File
	err := s.db(ctx).Table("complaint_files f").Select("f.*").Joins("JOIN complaints c ON c.id = f.complaint_id").
		Where("f.id = ? AND c.user_id = ? AND c.user_deleted_at IS NULL", fileID, userID).Take(&f).Error
	return f, notFound(err)
}
