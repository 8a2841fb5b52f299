package consult

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/zwfw/portal/models"
)

// Field limits (characters).
const (
	MaxName    = 30
	MaxEmail   = 100
	MaxAddress = 120
	MaxTitle   = 50
	MaxContent = 2000
	MaxReply   = 4000
)

var (
	rePhone    = regexp.MustCompile(`^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7})$`)
	rePostcode = regexp.MustCompile(`^[0-9]{6}$`)
	reEmailAll = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$`)
)

// ValidPhone accepts a mobile number or a landline with area code.
func ValidPhone(s string) bool { return rePhone.MatchString(s) }

// ValidPostcode accepts a six-digit 邮政编码.
func ValidPostcode(s string) bool { return rePostcode.MatchString(s) }

func tooLong(s string, n int) bool { return utf8.RuneCountInString(s) > n }

// Matter is a published implementation item as a consultation or
// complaint sees it: its region and department come from it.
type Matter struct {
	Code       string
	Name       string
	RegionCode string
	DeptCode   string
	BodyName   string
	TrustLevel int
	Type       string
}

// MatterByCode returns a published item (models.ErrNotFound otherwise).
func (s *Service) MatterByCode(ctx context.Context, code string) (Matter, error) {
	var m Matter
	if code == "" {
		return m, models.ErrNotFound
	}
	err := s.db(ctx).Raw("SELECT code, name, region_code, dept_code, body_name, trust_level, type FROM matter_items "+
		"WHERE code = ? AND status = ?", code, "published").Scan(&m).Error
	if err == nil && m.Code == "" {
		err = models.ErrNotFound
	}
	return m, err
}

// FindMatters is the matter picker without JavaScript: published items
// whose name contains q, in region when given.
func (s *Service) FindMatters(ctx context.Context, q, region string, limit int) ([]Matter, error) {
	q = strings.TrimSpace(q)
	if q == "" || tooLong(q, 40) {
		return nil, nil
	}
	esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q)
	db := s.db(ctx).Table("matter_items").Select("code, name, region_code, dept_code, body_name, trust_level, type").
		Where("status = ? AND name LIKE ? ESCAPE '\\'", "published", "%"+esc+"%")
	if region != "" {
		db = db.Where("region_code = ?", region)
	}
	var out []Matter
	err := db.Order("popularity DESC, id").Limit(min(max(limit, 1), 50)).Scan(&out).Error
	return out, err
}
