package apps

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// Is lets callers test a refusal against the model sentinels: a move the
// state does not allow is a conflict, one the role may not make forbidden.
func (e *TransitionError) Is(target error) bool {
	switch target {
	case models.ErrConflict:
		return errors.Is(e.Err, ErrWrongState) || errors.Is(e.Err, ErrUnknownEvent)
	case models.ErrForbidden:
		return errors.Is(e.Err, ErrWrongRole)
	}
	return false
}

// ChecklistItems are the reviewer's manual checks of 8.3.5: compatibility,
// availability, security and stress testing. All must be ticked to approve.
var ChecklistItems = []string{"compatibility", "availability", "security", "stress"}

// Transition makes one workflow move. Owners may only move their own apps
// (another owner's app is ErrNotFound); the state is changed with a
// conditional update, so two concurrent moves cannot both win.
func (s *Service) Transition(ctx context.Context, appID int64, event string, by Actor, note string) (App, error) {
	a, err := Get(ctx, s.St, appID)
	if err != nil {
		return App{}, err
	}
	if by.Role == RoleOwner && !a.OwnedBy(by.ID) {
		return App{}, models.ErrNotFound
	}
	note = strings.TrimSpace(note)
	to, err := Next(a.Status, event, by.Role, note)
	if errors.Is(err, ErrNoteRequired) {
		v := &models.ValidationError{}
		v.Add("note", "apps.err.note")
		return App{}, v
	}
	if err != nil {
		return App{}, err
	}
	if err := s.guard(ctx, a, event); err != nil {
		return App{}, err
	}
	from, now := a.Status, s.now()
	err = s.St.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&App{}).Where("id = ? AND status = ?", a.ID, from).Updates(map[string]any{"status": to, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrConflict
		}
		if event == EvApproveApplication {
			if _, err := s.issueKeys(tx, &a, false); err != nil {
				return err
			}
		}
		return logTransition(tx, a.ID, event, from, to, by, note, now)
	})
	if err != nil {
		return App{}, err
	}
	a.Status, a.UpdatedAt = to, now
	return a, nil
}

// guard checks what a move needs besides the state (ValidationError keys
// name the missing field).
func (s *Service) guard(ctx context.Context, a App, event string) error {
	var v models.ValidationError
	switch event {
	case EvRegisterInterfaces:
		if strings.TrimSpace(a.InterfacesRef) == "" {
			v.Add("interfaces_ref", "apps.err.interfaces_ref")
		}
	case EvSubmitDesign:
		if _, ok := checkURL(a.DesignURL); !ok {
			v.Add("design_url", "apps.err.design_url")
		}
	case EvRegisterApp:
		if _, ok := checkURL(a.EntryURL); !ok {
			v.Add("entry_url", "apps.err.entry_url")
		}
		if a.Type == TypeIdentity && a.SM2PublicKey == "" && a.Whitelist == "" {
			v.Add("sm2_public_key", "apps.err.credentials")
		}
	case EvApprove:
		run, err := s.LatestChecks(ctx, a.ID)
		if err != nil {
			return err
		}
		if len(run) == 0 || !AllPassed(run) {
			v.Add("checks", "apps.err.checks")
		}
		ticked := strings.Split(a.Checklist, ",")
		for _, item := range ChecklistItems {
			if !contains(ticked, item) {
				v.Add("checklist", "apps.err.checklist")
			}
		}
	}
	return v.Err()
}

// SetChecklist records the reviewer's ticked checklist items.
func (s *Service) SetChecklist(ctx context.Context, appID int64, by Actor, items []string) error {
	if by.Role != RoleReviewer {
		return models.ErrForbidden
	}
	var keep []string
	for _, it := range ChecklistItems {
		if contains(items, it) {
			keep = append(keep, it)
		}
	}
	return s.update(ctx, appID, map[string]any{"checklist": strings.Join(keep, ",")})
}

func (s *Service) update(ctx context.Context, appID int64, cols map[string]any) error {
	cols["updated_at"] = s.now()
	res := s.St.DB.WithContext(ctx).Model(&App{}).Where("id = ?", appID).Updates(cols)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return models.ErrNotFound
	}
	return nil
}

// owned loads an app for its owner (another account's app is ErrNotFound).
func (s *Service) owned(ctx context.Context, appID, ownerID int64) (App, error) {
	a, err := Get(ctx, s.St, appID)
	if err != nil {
		return App{}, err
	}
	if !a.OwnedBy(ownerID) {
		return App{}, models.ErrNotFound
	}
	return a, nil
}

// UpdateDetails changes what the owner registered. An app online or under
// review is frozen: the owner rectifies it through the workflow.
func (s *Service) UpdateDetails(ctx context.Context, appID, ownerID int64, f Form) error {
	a, err := s.owned(ctx, appID, ownerID)
	if err != nil {
		return err
	}
	if a.Status == Online || a.Status == InReview {
		return models.ErrConflict
	}
	var v models.ValidationError
	f.validate(&v)
	if err := v.Err(); err != nil {
		return err
	}
	return s.update(ctx, appID, map[string]any{"name": f.Name, "type": f.Type, "owner_org": f.OwnerOrg,
		"site_code": f.SiteCode, "entry_url": f.EntryURL, "origins": f.Origins, "icon": f.Icon,
		"description": f.Description, "screenshots": f.Screenshots})
}

// UpdateCredentials replaces the app's public key and whitelist; allowed in
// every state, so an online app can rotate its key.
func (s *Service) UpdateCredentials(ctx context.Context, appID, ownerID int64, c Credentials) error {
	a, err := s.owned(ctx, appID, ownerID)
	if err != nil {
		return err
	}
	var v models.ValidationError
	c.validate(&v, a.Type)
	if err := v.Err(); err != nil {
		return err
	}
	return s.update(ctx, appID, map[string]any{"sm2_public_key": strings.TrimSpace(c.SM2PublicKey), "whitelist": c.Whitelist})
}

// UpdateSubmission records the interface registration reference and the
// design draft URL the workflow asks for.
func (s *Service) UpdateSubmission(ctx context.Context, appID, ownerID int64, interfacesRef, designURL string) error {
	if _, err := s.owned(ctx, appID, ownerID); err != nil {
		return err
	}
	return s.update(ctx, appID, map[string]any{"interfaces_ref": strings.TrimSpace(interfacesRef), "design_url": strings.TrimSpace(designURL)})
}

// RevealKey returns the app's SM4 key to its owner exactly once after it
// was issued or rotated; afterwards it is ErrConflict.
func (s *Service) RevealKey(ctx context.Context, appID, ownerID int64) ([]byte, error) {
	a, err := s.owned(ctx, appID, ownerID)
	if err != nil {
		return nil, err
	}
	if a.SM4KeySealed == "" {
		return nil, models.ErrConflict
	}
	res := s.St.DB.WithContext(ctx).Model(&App{}).Where("id = ? AND sm4_key_revealed = ?", appID, false).
		Update("sm4_key_revealed", true)
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 0 {
		return nil, models.ErrConflict
	}
	return s.Keys.OpenAppKey(a.ID, a.SM4KeySealed)
}

// RotateKey issues a new SM4 key (to be revealed once); the old one stops
// working for new userinfo answers at once.
func (s *Service) RotateKey(ctx context.Context, appID, ownerID int64) error {
	a, err := s.owned(ctx, appID, ownerID)
	if err != nil {
		return err
	}
	if a.AppKey == nil {
		return models.ErrConflict
	}
	return s.St.InTx(ctx, func(tx *gorm.DB) error {
		_, err := s.issueKeys(tx, &a, false)
		return err
	})
}

// Move is one entry of an app's workflow history.
type Move struct {
	Event     string
	FromState string
	ToState   string
	Actor     string
	Note      string
	CreatedAt time.Time
}

// History returns the app's workflow moves, newest first.
func (s *Service) History(ctx context.Context, appID int64, limit int) ([]Move, error) {
	var out []Move
	err := s.St.DB.WithContext(ctx).Table("app_transitions").
		Select("event, from_state, to_state, actor, note, created_at").
		Where("app_id = ?", appID).Order("id DESC").Limit(clamp(limit)).Scan(&out).Error
	return out, err
}
