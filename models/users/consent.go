package users

import (
	"context"
	"time"

	"github.com/zwfw/portal/models"
)

// Consent purposes (C 0103 9.4 h: no user data is transmitted without the
// user's prior consent, and the user is told how and where it is used).
const (
	ConsentPrivacy       = "privacy"        // the privacy policy, at registration
	ConsentIdentityCheck = "identity_check" // send name + ID number to the identity source (L3)
	ConsentFaceCheck     = "face_check"     // capture a face image for 实人核验 (L4)
)

// PrivacyVersion is the version of the privacy policy (/privacy) a consent
// refers to; change it whenever the policy's text changes.
const PrivacyVersion = "2026-01"

// ConsentVersion returns the text version a purpose's consent refers to.
func ConsentVersion(purpose string) string {
	switch purpose {
	case ConsentPrivacy:
		return PrivacyVersion
	}
	return "2026-01"
}

// Consent is one recorded grant or withdrawal.
type Consent struct {
	ID        int64
	UserID    int64
	Purpose   string
	Version   string
	Granted   bool
	CreatedAt time.Time
}

// TableName keeps the table name explicit.
func (Consent) TableName() string { return "user_consents" }

// RecordConsent appends a grant or withdrawal: the record is never edited.
func RecordConsent(ctx context.Context, st *models.Store, userID int64, purpose string, granted bool) error {
	return st.DB.WithContext(ctx).Create(&Consent{UserID: userID, Purpose: purpose, Version: ConsentVersion(purpose),
		Granted: granted, CreatedAt: time.Now().UTC()}).Error
}

// Consents lists a user's consent records, newest first.
func Consents(ctx context.Context, st *models.Store, userID int64, limit int) ([]Consent, error) {
	var out []Consent
	err := st.DB.WithContext(ctx).Where("user_id = ?", userID).Order("created_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}
