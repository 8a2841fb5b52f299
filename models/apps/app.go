package apps

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// App types of C 0103 8.3.1.
const (
	TypeIdentity = "identity" // 需身份信息: may receive the user's identity
	TypeOpen     = "open"     // 完全开放: never does (8.3.1 注)
)

// App is one registered government app.
type App struct {
	ID             int64
	Name           string
	Type           string
	OwnerOrg       string
	SiteCode       string
	EntryURL       string
	Icon           string
	Description    string
	Status         string  // a workflow State
	AppKey         *string // the protocol's app_id; nil until keys are issued
	OwnerUserID    *int64  // the organisation account that manages the app
	Origins        string  // allowed origins, one per line
	Whitelist      string  // CIDRs allowed without signature (8.3.4.4 b), one per line
	SM2PublicKey   string  // PEM registered by the app (8.3.4.4 a)
	SM4KeySealed   string  // base64 of the SM4 key sealed under the master key
	SM4KeyRevealed bool    // the plain key has been shown once
	PseudonymSalt  string
	Screenshots    string // image URLs, one per line
	InterfacesRef  string // reference of the interface registration (gateway)
	DesignURL      string // the design draft submitted for review
	Frameable      bool   // false: the container opens the app at the top level
	Checklist      string // reviewer checklist items ticked, comma-separated
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName keeps the table name explicit.
func (App) TableName() string { return "apps" }

// Key returns the public app_id ("" before keys are issued).
func (a App) Key() string {
	if a.AppKey == nil {
		return ""
	}
	return *a.AppKey
}

// OriginList returns the allowed origins.
func (a App) OriginList() []string { return lines(a.Origins) }

// WhitelistCIDRs returns the whitelist entries.
func (a App) WhitelistCIDRs() []string { return lines(a.Whitelist) }

// ScreenshotList returns the screenshot URLs.
func (a App) ScreenshotList() []string { return lines(a.Screenshots) }

// AllowsOrigin reports whether origin (scheme://host[:port]) is registered.
func (a App) AllowsOrigin(origin string) bool {
	for _, o := range a.OriginList() {
		if strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

// OwnedBy reports whether the account userID manages the app.
func (a App) OwnedBy(userID int64) bool { return a.OwnerUserID != nil && *a.OwnerUserID == userID }

// Serving reports whether the app may take part in the identity hand-off
// now: online, or in a test state where its owner debugs it.
func (a App) Serving() bool {
	return a.Status == Online || a.Status == Debugging || a.Status == InReview
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// Get returns the app with id.
func Get(ctx context.Context, st *models.Store, id int64) (App, error) {
	var a App
	err := st.DB.WithContext(ctx).Where("id = ?", id).Take(&a).Error
	return a, notFound(err)
}

// ByKey returns the app whose protocol app_id is key.
func ByKey(ctx context.Context, st *models.Store, key string) (App, error) {
	var a App
	if key == "" {
		return a, models.ErrNotFound
	}
	err := st.DB.WithContext(ctx).Where("app_key = ?", key).Take(&a).Error
	return a, notFound(err)
}

// ForOwner lists the apps an organisation account manages, newest first.
func ForOwner(ctx context.Context, st *models.Store, userID int64, limit int) ([]App, error) {
	var out []App
	err := st.DB.WithContext(ctx).Where("owner_user_id = ?", userID).
		Order("updated_at DESC, id DESC").Limit(clamp(limit)).Find(&out).Error
	return out, err
}

// InStates lists apps in any of states (the reviewers' queue), oldest
// change first so nothing waits forever.
func InStates(ctx context.Context, st *models.Store, states []string, limit int) ([]App, error) {
	var out []App
	err := st.DB.WithContext(ctx).Where("status IN ?", states).
		Order("updated_at, id").Limit(clamp(limit)).Find(&out).Error
	return out, err
}

func clamp(limit int) int {
	if limit <= 0 || limit > 500 {
		return 100
	}
	return limit
}
