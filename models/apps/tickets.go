package apps

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gmcrypto"
)

type ticketRow struct {
	TicketHash string `gorm:"primaryKey"`
	AppID      int64
	UserID     int64
	CreatedAt  time.Time
	ExpiresAt  time.Time
	UsedAt     *time.Time
}

func (ticketRow) TableName() string { return "app_tickets" }

type tokenRow struct {
	TokenHash string `gorm:"primaryKey"`
	AppID     int64
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

func (tokenRow) TableName() string { return "app_tokens" }

// CanIssue says whether userID may get a ticket for app now: the app takes
// identities, is online (or in a test state and userID owns it), and the
// user has authorised it. It returns the APIError that explains a refusal.
func (s *Service) CanIssue(ctx context.Context, app App, userID int64) error {
	if app.Type != TypeIdentity {
		return ErrAppOpen
	}
	if app.Status != Online && !(app.Serving() && app.OwnedBy(userID)) {
		return ErrAppOffline
	}
	ok, err := s.HasConsent(ctx, userID, app.ID)
	if err != nil {
		return err
	}
	if !ok {
		return ErrConsentRequired
	}
	return nil
}

// IssueTicket gives a signed-in user a single-use ticket for app (图1 分发
// 用户票据), valid TicketTTL.
func (s *Service) IssueTicket(ctx context.Context, app App, userID int64) (string, error) {
	if err := s.CanIssue(ctx, app, userID); err != nil {
		return "", err
	}
	ticket := "tk_" + randomToken(24)
	now := s.now()
	row := ticketRow{TicketHash: hashSecret(ticket), AppID: app.ID, UserID: userID, CreatedAt: now, ExpiresAt: now.Add(TicketTTL)}
	if err := s.St.DB.WithContext(ctx).Create(&row).Error; err != nil {
		return "", err
	}
	if err := s.RecordTicket(ctx, app, userID); err != nil {
		return "", err
	}
	return ticket, nil
}

// Grant is the answer to a ticket verification.
type Grant struct {
	Token      string `json:"token"`
	ExpiresIn  int    `json:"expires_in"`
	TrustLevel int    `json:"trust_level"`
}

// VerifyTicket uses up a ticket presented by app and returns a token
// (票据认证 → 生成token).
func (s *Service) VerifyTicket(ctx context.Context, app App, ticket string) (Grant, error) {
	if app.Type != TypeIdentity {
		return Grant{}, ErrAppOpen
	}
	if ticket == "" {
		return Grant{}, ErrBadRequest
	}
	h, now := hashSecret(ticket), s.now()
	db := s.St.DB.WithContext(ctx)
	// One conditional UPDATE makes the ticket single-use even when two
	// processes race for it; RETURNING saves reading it again.
	var t ticketRow
	err := db.Raw(`UPDATE app_tickets SET used_at = ? WHERE ticket_hash = ? AND app_id = ? AND used_at IS NULL AND expires_at > ?
		RETURNING ticket_hash, app_id, user_id, created_at, expires_at, used_at`, now, h, app.ID, now).Scan(&t).Error
	if err != nil {
		return Grant{}, err
	}
	if t.TicketHash == "" {
		return Grant{}, s.whyTicketRefused(ctx, app, h)
	}
	id, err := s.checkHolder(ctx, app, t.UserID, t.CreatedAt, nil)
	if err != nil {
		return Grant{}, err
	}
	token := "at_" + randomToken(24)
	tok := tokenRow{TokenHash: hashSecret(token), AppID: app.ID, UserID: t.UserID, CreatedAt: now, ExpiresAt: now.Add(TokenTTL)}
	if err := db.Create(&tok).Error; err != nil {
		return Grant{}, err
	}
	return Grant{Token: token, ExpiresIn: int(TokenTTL / time.Second), TrustLevel: id.TrustLevel}, nil
}

// whyTicketRefused tells which rule refused a ticket (the error path only).
func (s *Service) whyTicketRefused(ctx context.Context, app App, hash string) error {
	var t ticketRow
	if err := s.St.DB.WithContext(ctx).Where("ticket_hash = ?", hash).Take(&t).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrTicketInvalid
		}
		return err
	}
	switch {
	case t.AppID != app.ID:
		return ErrTicketWrongApp
	case t.UsedAt != nil:
		return ErrTicketUsed
	}
	return ErrTicketExpired
}

// checkHolder makes sure the user still authorises app (and did when the
// ticket or token was made) and that the account is active.
// c is the consent when the caller already read it (nil: read it here).
func (s *Service) checkHolder(ctx context.Context, app App, userID int64, since time.Time, c *Consent) (Identity, error) {
	if c == nil {
		got, err := s.consent(ctx, userID, app.ID)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			return Identity{}, err
		}
		c = &got
	}
	if c.ID == 0 || c.RevokedAt != nil || c.GrantedAt.After(since) {
		return Identity{}, ErrConsentRevoked
	}
	id, err := s.Identity.Identity(ctx, userID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && !id.Active) {
		return Identity{}, ErrUserUnavailable
	}
	return id, err
}

// UserInfo is the JSON object apps decrypt (sdk.UserInfo mirrors it).
type UserInfo struct {
	UserID     string `json:"user_id"` // per-app pseudonym
	Name       string `json:"name"`
	IDType     string `json:"id_type"`
	IDNumber   string `json:"id_number"`
	Mobile     string `json:"mobile"`
	TrustLevel int    `json:"trust_level"`
	UserType   string `json:"user_type"`
	OrgName    string `json:"org_name,omitempty"`
	CreditCode string `json:"credit_code,omitempty"`
	AppID      string `json:"app_id"`
	IssuedAt   int64  `json:"iat"`
}

// Sealed is the userinfo answer: data is base64(nonce ‖ SM4-GCM ciphertext).
type Sealed struct {
	Alg  string `json:"alg"`
	Data string `json:"data"`
}

// UserInfoFor returns the user information behind token, encrypted with
// app's SM4 key (图1 生成用户信息; 8.3.2.1 c).
func (s *Service) UserInfoFor(ctx context.Context, app App, token string) (Sealed, error) {
	if app.Type != TypeIdentity {
		return Sealed{}, ErrAppOpen
	}
	if token == "" {
		return Sealed{}, ErrBadRequest
	}
	// The token and the user's consent in one query.
	var t struct {
		TokenHash string
		AppID     int64
		UserID    int64
		CreatedAt time.Time
		ExpiresAt time.Time
		ConsentID int64
		GrantedAt *time.Time
		RevokedAt *time.Time
	}
	err := s.St.DB.WithContext(ctx).Raw(`SELECT t.token_hash, t.app_id, t.user_id, t.created_at, t.expires_at,
		c.id AS consent_id, c.granted_at, c.revoked_at
		FROM app_tokens t LEFT JOIN app_consents c ON c.user_id = t.user_id AND c.app_id = t.app_id
		WHERE t.token_hash = ?`, hashSecret(token)).Scan(&t).Error
	if err != nil {
		return Sealed{}, err
	}
	switch {
	case t.TokenHash == "":
		return Sealed{}, ErrTokenInvalid
	case t.AppID != app.ID:
		return Sealed{}, ErrTokenWrongApp
	case !s.now().Before(t.ExpiresAt):
		return Sealed{}, ErrTokenExpired
	}
	c := Consent{ID: t.ConsentID, RevokedAt: t.RevokedAt}
	if t.GrantedAt != nil {
		c.GrantedAt = *t.GrantedAt
	}
	id, err := s.checkHolder(ctx, app, t.UserID, t.CreatedAt, &c)
	if err != nil {
		return Sealed{}, err
	}
	info := UserInfo{UserID: Pseudonym(app.PseudonymSalt, t.UserID), Name: id.Name, IDType: id.IDType, IDNumber: id.IDNumber,
		Mobile: id.Mobile, TrustLevel: id.TrustLevel, UserType: id.UserType, OrgName: id.OrgName, CreditCode: id.CreditCode,
		AppID: app.Key(), IssuedAt: s.now().Unix()}
	plain, err := json.Marshal(info)
	if err != nil {
		return Sealed{}, err
	}
	key, err := s.Keys.OpenAppKey(app.ID, app.SM4KeySealed)
	if err != nil {
		return Sealed{}, err
	}
	sealed, err := gmcrypto.SealSM4(key, plain, nil)
	if err != nil {
		return Sealed{}, err
	}
	return Sealed{Alg: "SM4-GCM", Data: base64.StdEncoding.EncodeToString(sealed)}, nil
}
