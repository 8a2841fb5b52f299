package consult

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/masking"
)

// PublicItem is a published consultation or complaint as anyone may see it
// (C 0103 7.5.1: 咨询内容、咨询人、提交时间、受理单位、回复单位、回复内容和
// 回复时间), every personal field masked per reference.md §6.
type PublicItem struct {
	ID           int64
	Title        string
	Content      string
	Person       string // masked name
	MatterName   string
	SubmittedAt  time.Time
	AcceptedUnit string
	ReplyUnit    string
	Reply        string
	RepliedAt    time.Time
	LegalNature  string // complaints
	Remedy       string // complaints
}

// publicRow is what the public listing reads: only published columns.
type publicRow struct {
	ID           int64
	Title        string
	Content      string
	Name         string
	MatterName   string
	SubmittedAt  *time.Time
	AcceptedUnit string
	ReplyUnit    string
	Reply        string
	RepliedAt    *time.Time
	LegalNature  string
	Remedy       string
}

func (r publicRow) item() PublicItem {
	p := PublicItem{ID: r.ID, Title: MaskText(r.Title), Content: MaskText(r.Content), Person: masking.MaskName(r.Name),
		MatterName: r.MatterName, AcceptedUnit: r.AcceptedUnit, ReplyUnit: r.ReplyUnit, Reply: MaskText(r.Reply),
		LegalNature: r.LegalNature, Remedy: r.Remedy}
	if r.SubmittedAt != nil {
		p.SubmittedAt = *r.SubmittedAt
	}
	if r.RepliedAt != nil {
		p.RepliedAt = *r.RepliedAt
	}
	return p
}

// Cursor is a position in a public listing: the last row's reply time and
// id (keyset paging keeps every page one index range scan).
type Cursor struct {
	At time.Time
	ID int64
}

// String encodes the cursor for a URL ("" for the first page).
func (c Cursor) String() string {
	if c.ID == 0 {
		return ""
	}
	return strconv.FormatInt(c.At.UnixMicro(), 10) + "." + strconv.FormatInt(c.ID, 10)
}

// ParseCursor reads a cursor; anything malformed is the first page.
func ParseCursor(s string) Cursor {
	a, b, ok := strings.Cut(s, ".")
	if !ok {
		return Cursor{}
	}
	us, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil || id <= 0 || us <= 0 {
		return Cursor{}
	}
	return Cursor{At: time.UnixMicro(us).UTC(), ID: id}
}

const (
	consultPublicCols   = "id, title, content, name, matter_name, submitted_at, accepted_unit, reply_unit, reply, replied_at, '' AS legal_nature, '' AS remedy"
	complaintPublicCols = "c.id, c.title, c.content, u.name, c.matter_name, c.submitted_at, c.unit_name AS accepted_unit, c.reply_unit, c.reply, c.replied_at, c.legal_nature, c.remedy"
)

// PublicConsultations is one page of published results, newest reply
// first, and the cursor of the next page (zero when there is none).
func (s *Service) PublicConsultations(ctx context.Context, after Cursor, limit int) ([]PublicItem, Cursor, error) {
	return s.publicPage(ctx, "consultations", consultPublicCols, "", after, limit)
}

// PublicComplaints is one page of published complaints with their results.
func (s *Service) PublicComplaints(ctx context.Context, after Cursor, limit int) ([]PublicItem, Cursor, error) {
	return s.publicPage(ctx, "complaints c JOIN users u ON u.id = c.user_id", complaintPublicCols, "c.", after, limit)
}

func (s *Service) publicPage(ctx context.Context, from, cols, p string, after Cursor, limit int) ([]PublicItem, Cursor, error) {
	limit = min(max(limit, 1), 50)
	db := s.db(ctx).Table(from).Select(cols).Where(p+"published = ?", true)
	if after.ID > 0 {
		db = db.Where("("+p+"replied_at < ? OR ("+p+"replied_at = ? AND "+p+"id < ?))", after.At, after.At, after.ID)
	}
	var rows []publicRow
	if err := db.Order(p + "published DESC, " + p + "replied_at DESC, " + p + "id DESC").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return nil, Cursor{}, err
	}
	var next Cursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		next = Cursor{ID: last.ID}
		if last.RepliedAt != nil {
			next.At = *last.RepliedAt
		}
	}
	out := make([]PublicItem, len(rows))
	for i, r := range rows {
		out[i] = r.item()
	}
	return out, next, nil
}

// PublicConsultation is one published consultation (ErrNotFound otherwise).
func (s *Service) PublicConsultation(ctx context.Context, id int64) (PublicItem, error) {
	var rows []publicRow
	err := s.db(ctx).Table("consultations").Select(consultPublicCols).Where("id = ? AND published = ?", id, true).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return PublicItem{}, firstErr(err, models.ErrNotFound)
	}
	return rows[0].item(), nil
}

// PublicComplaint is one published complaint (ErrNotFound otherwise).
func (s *Service) PublicComplaint(ctx context.Context, id int64) (PublicItem, error) {
	var rows []publicRow
	err := s.db(ctx).Table("complaints c JOIN users u ON u.id = c.user_id").Select(complaintPublicCols).
		Where("c.id = ? AND c.published = ?", id, true).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return PublicItem{}, firstErr(err, models.ErrNotFound)
	}
	return rows[0].item(), nil
}

// HiddenLog is the public log of hidden items: what kind, when and why,
// never the content.
func (s *Service) HiddenLog(ctx context.Context, limit int) ([]HiddenEntry, error) {
	var out []HiddenEntry
	err := s.db(ctx).Order("created_at DESC, id DESC").Limit(min(max(limit, 1), 200)).Find(&out).Error
	return out, err
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
