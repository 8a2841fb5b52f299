package consult

import (
	"errors"
	"time"

	"context"
	"strings"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
)

// ConsultInput is the form of C 0103 7.5.1: the matter (its region and
// department follow from it), name, phone, e-mail, postcode, address,
// title and content, and whether the result may be published.
type ConsultInput struct {
	ItemCode string
	Name     string
	Phone    string
	Email    string
	Postcode string
	Address  string
	Title    string
	Content  string
	Public   bool
}

func (in *ConsultInput) trim() {
	for _, p := range []*string{&in.ItemCode, &in.Name, &in.Phone, &in.Email, &in.Postcode, &in.Address, &in.Title, &in.Content} {
		*p = strings.TrimSpace(*p)
	}
}

// validate checks the submission; draft = only the length limits, so a
// half-written draft can always be kept.
func (in ConsultInput) validate(matterOK, draft bool) error {
	v := &models.ValidationError{}
	if !draft && !matterOK {
		v.Add("item_code", "consult.error.matter")
	}
	switch {
	case !draft && in.Name == "":
		v.Add("name", "consult.error.name")
	case tooLong(in.Name, MaxName):
		v.Add("name", "consult.error.name_long")
	}
	switch {
	case !draft && in.Phone == "":
		v.Add("phone", "consult.error.phone")
	case in.Phone != "" && !draft && !ValidPhone(in.Phone), tooLong(in.Phone, 20):
		v.Add("phone", "consult.error.phone_format")
	}
	// C 0103 7.5.1: e-mail, postcode and address are optional.
	if in.Email != "" && (tooLong(in.Email, MaxEmail) || (!draft && !reEmailAll.MatchString(in.Email))) {
		v.Add("email", "consult.error.email")
	}
	if in.Postcode != "" && (tooLong(in.Postcode, 6) || (!draft && !ValidPostcode(in.Postcode))) {
		v.Add("postcode", "consult.error.postcode")
	}
	if tooLong(in.Address, MaxAddress) {
		v.Add("address", "consult.error.address_long")
	}
	checkText(v, "title", in.Title, MaxTitle, draft)
	checkText(v, "content", in.Content, MaxContent, draft)
	return v.Err()
}

func checkText(v *models.ValidationError, field, s string, limit int, draft bool) {
	switch {
	case !draft && s == "":
		v.Add(field, "consult.error."+field)
	case tooLong(s, limit):
		v.Add(field, "consult.error."+field+"_long")
	}
}

// SaveDraft creates (id 0) or updates the user's draft. Drafts are only
// ever read back by their author (C 0103 7.5.1 内容草稿).
func (s *Service) SaveDraft(ctx context.Context, userID, id int64, in ConsultInput) (Consultation, error) {
	in.trim()
	m, err := s.MatterByCode(ctx, in.ItemCode)
	switch {
	case errors.Is(err, models.ErrNotFound):
		in.ItemCode, m = "", Matter{}
	case err != nil: // the database, not the input: say it failed (issue 13 faults)
		return Consultation{}, err
	}
	if err := in.validate(false, true); err != nil {
		return Consultation{}, err
	}
	now := s.now()
	c := Consultation{ID: id, UserID: userID, Status: StatusDraft, CreatedAt: now}
	fill(&c, in, m, now)
	if id == 0 {
		return c, s.db(ctx).Create(&c).Error
	}
	return c, s.updateDraft(ctx, "consultations", userID, id, consultColumns(c))
}

func fill(c *Consultation, in ConsultInput, m Matter, now time.Time) {
	c.ItemCode, c.MatterName, c.RegionCode, c.DeptCode, c.UnitName = in.ItemCode, m.Name, m.RegionCode, m.DeptCode, m.BodyName
	c.Name, c.Phone, c.Email, c.Postcode, c.Address = in.Name, in.Phone, in.Email, in.Postcode, in.Address
	c.Title, c.Content, c.Public, c.UpdatedAt = in.Title, in.Content, in.Public, now
}

func consultColumns(c Consultation) map[string]any {
	return map[string]any{"item_code": c.ItemCode, "matter_name": c.MatterName, "region_code": c.RegionCode,
		"dept_code": c.DeptCode, "unit_name": c.UnitName, "name": c.Name, "phone": c.Phone, "email": c.Email,
		"postcode": c.Postcode, "address": c.Address, "title": c.Title, "content": c.Content, "public": c.Public,
		"updated_at": c.UpdatedAt}
}

// updateDraft changes the author's own draft, or answers ErrNotFound.
func (s *Service) updateDraft(ctx context.Context, table string, userID, id int64, cols map[string]any) error {
	res := s.db(ctx).Table(table).Where("id = ? AND user_id = ? AND status = ? AND user_deleted_at IS NULL", id, userID, StatusDraft).Updates(cols)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return nil
}

// SubmitConsultation validates and submits (a draft when id > 0). The
// asker needs trust level 3 (C 0103 7.5.1, C 0114 3.1). Banned words and
// unmasked personal data in the title or content hold it for staff.
func (s *Service) SubmitConsultation(ctx context.Context, userID int64, level int, id int64, in ConsultInput) (Consultation, error) {
	in.trim()
	m, merr := s.MatterByCode(ctx, in.ItemCode)
	if merr != nil && !errors.Is(merr, models.ErrNotFound) {
		// A database error is not "no such matter": the user is told the
		// submission failed, not that the input was wrong.
		return Consultation{}, merr
	}
	if err := in.validate(merr == nil, false); err != nil {
		return Consultation{}, err
	}
	if level < catalog.DefaultTrustLevel {
		return Consultation{}, models.ErrForbidden
	}
	scan, err := LoadScanner(ctx, s.st.DB)
	if err != nil {
		return Consultation{}, err
	}
	now := s.now()
	due, err := s.deadline(ctx, now, s.ReplyLimit(ctx))
	if err != nil {
		return Consultation{}, err
	}
	c := Consultation{ID: id, UserID: userID, Status: StatusOpen, CreatedAt: now, SubmittedAt: &now, DeadlineAt: &due}
	fill(&c, in, m, now)
	c.Flags = scan.Scan(c.Title, c.Content)
	if id == 0 {
		return c, s.db(ctx).Create(&c).Error
	}
	cols := consultColumns(c)
	cols["status"], cols["flags"], cols["submitted_at"], cols["deadline_at"] = c.Status, c.Flags, now, due
	if err := s.updateDraft(ctx, "consultations", userID, id, cols); err != nil {
		return Consultation{}, err
	}
	return s.MyConsultation(ctx, userID, id)
}

// MyConsultation is one of the user's own, not deleted (drafts included).
func (s *Service) MyConsultation(ctx context.Context, userID, id int64) (Consultation, error) {
	var c Consultation
	err := s.db(ctx).Where("id = ? AND user_id = ? AND user_deleted_at IS NULL", id, userID).First(&c).Error
	return c, notFound(err)
}

// MyConsultations lists the user's own, newest first.
func (s *Service) MyConsultations(ctx context.Context, userID int64, limit int) ([]Consultation, error) {
	var out []Consultation
	err := s.db(ctx).Where("user_id = ? AND user_deleted_at IS NULL", userID).Order("updated_at DESC, id DESC").
		Limit(min(max(limit, 1), 200)).Find(&out).Error
	return out, err
}

// DeleteMyConsultation is the author's soft delete: gone from the user
// center and the public listing; the agency keeps its record.
func (s *Service) DeleteMyConsultation(ctx context.Context, userID, id int64) error {
	return s.softDelete(ctx, "consultations", userID, id)
}

func (s *Service) softDelete(ctx context.Context, table string, userID, id int64) error {
	res := s.db(ctx).Table(table).Where("id = ? AND user_id = ? AND user_deleted_at IS NULL", id, userID).
		Updates(map[string]any{"user_deleted_at": s.now(), "published": false})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return nil
}
