package usercenter

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
)

// Licence trust classes [decision, after provincial 电子证照 practice until
// the national rule is available; shown on every licence with its meaning]:
//
//	A 源头签发: an electronic licence signed by the issuing authority; valid
//	  on its own as proof for a matter.
//	B 权威核验: data from the issuing authority's register, not a signed
//	  licence; valid where the matter accepts register data.
//	C 人工核对: a scan or photo checked by staff against the original.
//	D 用户上传: uploaded by the user and not checked.
const (
	ClassA = "A"
	ClassB = "B"
	ClassC = "C"
	ClassD = "D"
)

// Licence is one 证照 of the holder, as the licence source describes it.
type Licence struct {
	ID         string // stable per holder and source
	Kind       string // idcard, driving, social, marriage, business
	Name       string // 居民身份证 …
	Number     string // full number; pages show it masked
	Holder     string
	Issuer     string
	IssuedOn   time.Time
	ValidUntil time.Time // zero = 长期
	TrustClass string    // A–D
	Matters    []string  // search terms that find the matters this licence serves
}

// Holder is who the licences are asked for: a verified identity.
type Holder struct {
	Kind       string // users.Natural or users.Legal
	Name       string
	IDNumber   string
	OrgName    string
	CreditCode string
}

// LicenceSource lists a holder's licences (a real adapter calls the 电子证照
// library). Test reports a demo/test source, refused in production.
type LicenceSource interface {
	Licences(ctx context.Context, h Holder) ([]Licence, error)
	Name() string
	Test() bool
}

// DemoLicences makes believable licences from the holder's own identity:
// 居民身份证, 机动车驾驶证, 社会保障卡 and 结婚证 for a person (the driving
// licence and social security numbers are the ID number, as in practice),
// 营业执照 for an organization. Labelled as demo data on the page.
type DemoLicences struct{}

// Name identifies the source.
func (DemoLicences) Name() string { return "demo" }

// Test is true: PORTAL_ENV=prod refuses it.
func (DemoLicences) Test() bool { return true }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Licences returns the demo licences of h.
func (DemoLicences) Licences(_ context.Context, h Holder) ([]Licence, error) {
	if h.Kind == "legal" {
		if h.CreditCode == "" {
			return nil, nil
		}
		return []Licence{{ID: "demo-business", Kind: "business", Name: "营业执照", Number: h.CreditCode, Holder: h.OrgName,
			Issuer: "市场监督管理局", IssuedOn: day(2018, 5, 8), TrustClass: ClassA, Matters: []string{"营业执照", "企业变更登记"}}}, nil
	}
	if h.IDNumber == "" {
		return nil, nil
	}
	return []Licence{
		{ID: "demo-idcard", Kind: "idcard", Name: "居民身份证", Number: h.IDNumber, Holder: h.Name, Issuer: "公安局",
			IssuedOn: day(2016, 3, 1), ValidUntil: day(2036, 3, 1), TrustClass: ClassA, Matters: []string{"居民身份证"}},
		{ID: "demo-driving", Kind: "driving", Name: "机动车驾驶证", Number: h.IDNumber, Holder: h.Name, Issuer: "公安局交通警察支队",
			IssuedOn: day(2015, 7, 20), ValidUntil: day(2031, 7, 20), TrustClass: ClassA, Matters: []string{"机动车驾驶证"}},
		{ID: "demo-social", Kind: "social", Name: "社会保障卡", Number: h.IDNumber, Holder: h.Name, Issuer: "人力资源和社会保障局",
			IssuedOn: day(2019, 1, 15), TrustClass: ClassB, Matters: []string{"社会保障卡", "社保"}},
		{ID: "demo-marriage", Kind: "marriage", Name: "结婚证", Number: "J330106-2020-000123", Holder: h.Name, Issuer: "民政局婚姻登记处",
			IssuedOn: day(2020, 5, 20), TrustClass: ClassC, Matters: []string{"婚姻登记"}},
	}, nil
}

// licenceUnlink is licence_unlinks: a licence the user removed.
type licenceUnlink struct {
	UserID    int64  `gorm:"primaryKey"`
	LicenceID string `gorm:"primaryKey"`
	CreatedAt time.Time
}

func (licenceUnlink) TableName() string { return "licence_unlinks" }

// LinkedLicences returns the holder's licences the user has not removed, and
// how many were removed.
func LinkedLicences(ctx context.Context, st *models.Store, src LicenceSource, userID int64, h Holder) ([]Licence, int, error) {
	all, err := src.Licences(ctx, h)
	if err != nil {
		return nil, 0, err
	}
	var ids []string
	if err := st.DB.WithContext(ctx).Model(&licenceUnlink{}).Where("user_id = ?", userID).Limit(100).Pluck("licence_id", &ids).Error; err != nil {
		return nil, 0, err
	}
	gone := map[string]bool{}
	for _, id := range ids {
		gone[id] = true
	}
	out := all[:0:0]
	for _, l := range all {
		if !gone[l.ID] {
			out = append(out, l)
		}
	}
	return out, len(all) - len(out), nil
}

// GetLicence returns one linked licence; a removed or unknown one is
// ErrNotFound.
func GetLicence(ctx context.Context, st *models.Store, src LicenceSource, userID int64, h Holder, id string) (Licence, error) {
	ls, _, err := LinkedLicences(ctx, st, src, userID, h)
	if err != nil {
		return Licence{}, err
	}
	for _, l := range ls {
		if l.ID == id {
			return l, nil
		}
	}
	return Licence{}, models.ErrNotFound
}

// UnlinkLicence removes the link to one of the user's licences.
func UnlinkLicence(ctx context.Context, st *models.Store, src LicenceSource, userID int64, h Holder, id string) error {
	if _, err := GetLicence(ctx, st, src, userID, h, id); err != nil {
		return err
	}
	return st.DB.WithContext(ctx).Create(&licenceUnlink{UserID: userID, LicenceID: id, CreatedAt: time.Now().UTC()}).Error
}

// RelinkLicences links every removed licence again.
func RelinkLicences(ctx context.Context, st *models.Store, userID int64) error {
	return st.DB.WithContext(ctx).Where("user_id = ?", userID).Delete(&licenceUnlink{}).Error
}
