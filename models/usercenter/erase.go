package usercenter

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/users"
)

// Erase deletes everything the user center keeps for a user, inside the
// account deletion's transaction. Consent records stay: they hold no
// personal data and prove what was agreed (users.Service.Delete).
func Erase(tx *gorm.DB, userID int64) error {
	for _, m := range []any{&Favourite{}, &Footprint{}, &Message{}, &licenceUnlink{}} {
		if err := tx.Where("user_id = ?", userID).Delete(m).Error; err != nil {
			return err
		}
	}
	return nil
}

// Export is everything the portal holds about a user, for the data
// download (privacy policy: 下载您在本站的数据). The password hash and the
// session epoch are not the user's data but the portal's security state.
type Export struct {
	Generated  time.Time         `json:"generated_at"`
	Account    ExportAccount     `json:"account"`
	Consents   []users.Consent   `json:"consents"`
	Favourites []Favourite       `json:"favourites"`
	Messages   []Message         `json:"messages"`
	Footprints []Footprint       `json:"footprints"`
	Licences   []Licence         `json:"licences"`
	Removed    []string          `json:"removed_licence_links"`
	Notes      map[string]string `json:"notes"`
}

// ExportAccount is the account without its security fields.
type ExportAccount struct {
	ID               int64     `json:"id"`
	Kind             string    `json:"kind"`
	Phone            string    `json:"phone"`
	Name             string    `json:"name"`
	IDNumber         string    `json:"id_number,omitempty"`
	TrustLevel       int       `json:"trust_level"`
	VerifiedBy       string    `json:"verified_by,omitempty"`
	OrgName          string    `json:"org_name,omitempty"`
	CreditCode       string    `json:"credit_code,omitempty"`
	RepName          string    `json:"legal_representative,omitempty"`
	RepIDNumber      string    `json:"legal_representative_id_number,omitempty"`
	Email            string    `json:"email,omitempty"`
	Postcode         string    `json:"postcode,omitempty"`
	Address          string    `json:"address,omitempty"`
	RegionCode       string    `json:"region_code,omitempty"`
	FootprintsPaused bool      `json:"footprints_paused"`
	CreatedAt        time.Time `json:"created_at"`
}

// exportLimit bounds each list in the download.
const exportLimit = 10000

// BuildExport collects the user's data.
func BuildExport(ctx context.Context, st *models.Store, src LicenceSource, u users.User) (Export, error) {
	x := Export{Generated: time.Now().UTC(), Account: ExportAccount{ID: u.ID, Kind: u.Kind, Phone: u.Phone, Name: u.Name,
		IDNumber: u.IDNumber, TrustLevel: u.Level, VerifiedBy: u.VerifiedBy, OrgName: u.OrgName, CreditCode: u.CreditCode,
		RepName: u.RepName, RepIDNumber: u.RepIDNumber, Email: u.Email, Postcode: u.Postcode, Address: u.Address,
		RegionCode: u.RegionCode, FootprintsPaused: u.FootprintsPaused, CreatedAt: u.CreatedAt},
		Notes: map[string]string{"passwords": "stored only as an argon2id hash, which is not included"}}
	db := st.DB.WithContext(ctx)
	var err error
	if x.Consents, err = users.Consents(ctx, st, u.ID, exportLimit); err != nil {
		return x, err
	}
	if err := db.Where("user_id = ?", u.ID).Order("id").Limit(exportLimit).Find(&x.Favourites).Error; err != nil {
		return x, err
	}
	if err := db.Where("user_id = ? AND deleted_at IS NULL", u.ID).Order("id").Limit(exportLimit).Find(&x.Messages).Error; err != nil {
		return x, err
	}
	if err := db.Where("user_id = ?", u.ID).Order("id").Limit(exportLimit).Find(&x.Footprints).Error; err != nil {
		return x, err
	}
	if err := db.Model(&licenceUnlink{}).Where("user_id = ?", u.ID).Limit(exportLimit).Pluck("licence_id", &x.Removed).Error; err != nil {
		return x, err
	}
	if src != nil && u.Level >= users.L3 {
		ls, _, err := LinkedLicences(ctx, st, src, u.ID, HolderOf(u))
		if err != nil {
			return x, err
		}
		x.Licences = ls
	}
	return x, nil
}

// HolderOf is the identity licences are asked for.
func HolderOf(u users.User) Holder {
	return Holder{Kind: u.Kind, Name: u.Name, IDNumber: u.IDNumber, OrgName: u.OrgName, CreditCode: u.CreditCode}
}
