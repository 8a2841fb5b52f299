package apps

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/zwfw/portal/models"
)

// Consent is a user's authorisation of one app (图1 用户是否授权).
type Consent struct {
	ID        int64
	UserID    int64
	AppID     int64
	GrantedAt time.Time
	RevokedAt *time.Time
}

// TableName keeps the table name explicit.
func (Consent) TableName() string { return "app_consents" }

func (s *Service) consent(ctx context.Context, userID, appID int64) (Consent, error) {
	var c Consent
	err := s.St.DB.WithContext(ctx).Where("user_id = ? AND app_id = ?", userID, appID).Take(&c).Error
	return c, notFound(err)
}

// HasConsent reports whether the user currently authorises the app.
func (s *Service) HasConsent(ctx context.Context, userID, appID int64) (bool, error) {
	var n int64
	err := s.St.DB.WithContext(ctx).Model(&Consent{}).
		Where("user_id = ? AND app_id = ? AND revoked_at IS NULL", userID, appID).Count(&n).Error
	return n > 0, err
}

// GrantConsent records that the user authorises the app; granting again
// after a revocation starts a new authorisation (tickets and tokens from
// before the revocation stay dead).
func (s *Service) GrantConsent(ctx context.Context, userID int64, app App) error {
	if app.Type != TypeIdentity {
		return ErrAppOpen
	}
	c := Consent{UserID: userID, AppID: app.ID, GrantedAt: s.now()}
	return s.St.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}, {Name: "app_id"}},
		DoUpdates: clause.Assignments(map[string]any{"granted_at": c.GrantedAt, "revoked_at": nil}),
	}).Create(&c).Error
}

// RevokeConsent withdraws the user's authorisation of app appID: every
// ticket and token the app holds for the user stops working at once. An
// authorisation the user does not hold is ErrNotFound.
func (s *Service) RevokeConsent(ctx context.Context, userID, appID int64) error {
	res := s.St.DB.WithContext(ctx).Model(&Consent{}).
		Where("user_id = ? AND app_id = ? AND revoked_at IS NULL", userID, appID).Update("revoked_at", s.now())
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return nil
}

// Authorization is one line of the user's list of authorised apps.
type Authorization struct {
	AppID     int64
	AppName   string
	OwnerOrg  string
	GrantedAt time.Time
}

// Authorizations lists the apps the user currently authorises, newest first
// (one query).
func (s *Service) Authorizations(ctx context.Context, userID int64, limit int) ([]Authorization, error) {
	var out []Authorization
	err := s.St.DB.WithContext(ctx).Table("app_consents c").
		Select("c.app_id, a.name AS app_name, a.owner_org, c.granted_at").
		Joins("JOIN apps a ON a.id = c.app_id").
		Where("c.user_id = ? AND c.revoked_at IS NULL", userID).
		Order("c.granted_at DESC, c.id DESC").Limit(clamp(limit)).Scan(&out).Error
	return out, err
}
