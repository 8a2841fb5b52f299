package apps

import (
	"context"
	"net"
	"net/url"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gmcrypto"
)

// Form is what an owner fills in to apply for access (8.3.3 应用接入申请,
// issue 9 §1) and later edits while registering the app.
type Form struct {
	Name        string
	Type        string
	OwnerOrg    string
	SiteCode    string
	EntryURL    string
	Origins     string // one per line; the entry URL's origin is always added
	Icon        string
	Description string
	Screenshots string // one URL per line
}

// Credentials are the app's web-service credentials (8.3.4.4).
type Credentials struct {
	SM2PublicKey string // PEM; required unless a whitelist is given
	Whitelist    string // CIDRs or addresses, one per line
}

// Actor is who makes a workflow move.
type Actor struct {
	Role string
	ID   int64 // the owner's account or the reviewer's staff id; 0 for system/cli
}

// validate checks the form and normalises its URLs; it returns the
// ValidationError keys "apps.err.<field>.<why>".
func (f *Form) validate(v *models.ValidationError) {
	f.Name, f.OwnerOrg = strings.TrimSpace(f.Name), strings.TrimSpace(f.OwnerOrg)
	if f.Name == "" || len([]rune(f.Name)) > 40 {
		v.Add("name", "apps.err.name")
	}
	if f.Type != TypeIdentity && f.Type != TypeOpen {
		v.Add("type", "apps.err.type")
	}
	if f.OwnerOrg == "" {
		v.Add("owner_org", "apps.err.owner_org")
	}
	entry, ok := checkURL(strings.TrimSpace(f.EntryURL))
	if !ok {
		v.Add("entry_url", "apps.err.entry_url")
		return
	}
	f.EntryURL = entry.String()
	origins := []string{originOf(entry)}
	for _, o := range lines(f.Origins) {
		u, ok := checkURL(o)
		if !ok || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			v.Add("origins", "apps.err.origins")
			continue
		}
		if o := originOf(u); !contains(origins, o) {
			origins = append(origins, o)
		}
	}
	f.Origins = strings.Join(origins, "\n")
	for _, s := range lines(f.Screenshots) {
		if _, ok := checkURL(s); !ok {
			v.Add("screenshots", "apps.err.screenshots")
		}
	}
}

// checkURL accepts absolute https URLs, and http only on loopback hosts
// (development and the demo app).
func checkURL(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil {
		return nil, false
	}
	if u.Scheme == "https" {
		return u, true
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	return u, u.Scheme == "http" && (host == "localhost" || (ip != nil && ip.IsLoopback()))
}

func originOf(u *url.URL) string { return strings.ToLower(u.Scheme + "://" + u.Host) }

// OriginOf returns the origin of a URL, or "" when it is not absolute.
func OriginOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return originOf(u)
}

func (c *Credentials) validate(v *models.ValidationError, appType string) {
	if strings.TrimSpace(c.SM2PublicKey) != "" {
		if _, err := gmcrypto.ParsePublicKeyPEM([]byte(c.SM2PublicKey)); err != nil {
			v.Add("sm2_public_key", "apps.err.sm2_public_key")
		}
	} else if appType == TypeIdentity && strings.TrimSpace(c.Whitelist) == "" {
		v.Add("sm2_public_key", "apps.err.credentials")
	}
	for _, w := range lines(c.Whitelist) {
		if _, _, err := net.ParseCIDR(w); err != nil && net.ParseIP(w) == nil {
			v.Add("whitelist", "apps.err.whitelist")
		}
	}
}

// Apply records an owner's application for access (→ applied).
func (s *Service) Apply(ctx context.Context, ownerID int64, f Form) (App, error) {
	var v models.ValidationError
	f.validate(&v)
	if err := v.Err(); err != nil {
		return App{}, err
	}
	now := s.now()
	a := App{Name: f.Name, Type: f.Type, OwnerOrg: f.OwnerOrg, SiteCode: f.SiteCode, EntryURL: f.EntryURL, Icon: f.Icon,
		Description: f.Description, Origins: f.Origins, Screenshots: f.Screenshots, Status: Applied,
		OwnerUserID: &ownerID, Frameable: true, CreatedAt: now, UpdatedAt: now}
	err := s.St.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
		return logTransition(tx, a.ID, EvApply, Draft, Applied, Actor{Role: RoleOwner, ID: ownerID}, "", now)
	})
	return a, err
}

// CreateOnline registers an app directly online with its keys (`portal apps
// create`: development, tests and scripted onboarding) and returns the
// plain SM4 key, which is never shown again.
func (s *Service) CreateOnline(ctx context.Context, f Form, c Credentials) (App, []byte, error) {
	var v models.ValidationError
	f.validate(&v)
	c.validate(&v, f.Type)
	if err := v.Err(); err != nil {
		return App{}, nil, err
	}
	now := s.now()
	a := App{Name: f.Name, Type: f.Type, OwnerOrg: f.OwnerOrg, SiteCode: f.SiteCode, EntryURL: f.EntryURL, Icon: f.Icon,
		Description: f.Description, Origins: f.Origins, Screenshots: f.Screenshots, Status: Online, Frameable: true,
		SM2PublicKey: strings.TrimSpace(c.SM2PublicKey), Whitelist: c.Whitelist, SM4KeyRevealed: true, CreatedAt: now, UpdatedAt: now}
	var key []byte
	err := s.St.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
		var err error
		if key, err = s.issueKeys(tx, &a, true); err != nil {
			return err
		}
		return logTransition(tx, a.ID, "cli_create", Draft, Online, Actor{Role: RoleCLI}, "", now)
	})
	return a, key, err
}

// issueKeys gives the app its app_id, SM4 key and pseudonym salt (图2
// 生成key、secret). revealed marks the key as already shown.
func (s *Service) issueKeys(tx *gorm.DB, a *App, revealed bool) ([]byte, error) {
	key := gmcrypto.NewSM4Key()
	sealed, err := s.Keys.SealAppKey(a.ID, key)
	if err != nil {
		return nil, err
	}
	cols := map[string]any{"sm4_key_sealed": sealed, "sm4_key_revealed": revealed, "updated_at": s.now()}
	if a.AppKey == nil {
		k := newAppKey()
		a.AppKey = &k
		a.PseudonymSalt = randomToken(16)
		cols["app_key"], cols["pseudonym_salt"] = k, a.PseudonymSalt
	}
	a.SM4KeySealed, a.SM4KeyRevealed = sealed, revealed
	return key, tx.Model(&App{}).Where("id = ?", a.ID).Updates(cols).Error
}

func logTransition(tx *gorm.DB, appID int64, event, from, to string, by Actor, note string, at time.Time) error {
	var actorID *int64
	if by.ID != 0 {
		actorID = &by.ID
	}
	return tx.Table("app_transitions").Create(map[string]any{"app_id": appID, "event": event, "from_state": from,
		"to_state": to, "actor": by.Role, "actor_id": actorID, "note": note, "created_at": at}).Error
}
