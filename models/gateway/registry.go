package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/staff"
)

// ErrSelfReview refuses a reviewer approving their own submission.
var ErrSelfReview = errors.New("gateway: a version is reviewed by another interface admin")

// ErrNotPending refuses a review of a version already decided.
var ErrNotPending = errors.New("gateway: the version is not waiting for review")

// Register records a new interface (draft) and its version 1 for review.
func (s *Service) Register(ctx context.Context, by audit.Actor, f Form) (Interface, error) {
	v := &models.ValidationError{}
	code := strings.ToLower(strings.TrimSpace(f.Code))
	app, err := apps.ByKey(ctx, s.St, strings.TrimSpace(f.App))
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return Interface{}, err
	}
	if app.ID == 0 {
		v.Add("app", "gateway.err.app")
	}
	if !codeRe.MatchString(code) {
		v.Add("code", "gateway.err.code")
	}
	sp := s.spec(ctx, f, code, v)
	if err := v.Err(); err != nil {
		return Interface{}, err
	}
	now := s.now()
	region := app.SiteCode
	if len(region) != 6 || strings.Trim(region, "0123456789") != "" {
		region = staff.National
	}
	if sp.Org == "" {
		sp.Org = app.OwnerOrg
	}
	it := Interface{Code: code, AppID: app.ID, Org: sp.Org, RegionCode: region, Name: sp.Name, Status: StatusDraft,
		SourceURL: sp.SourceURL, Method: sp.Method, Auth: sp.Auth, RequestParams: "[]", ResponseParams: "[]",
		RatePerMin: sp.RatePerMin, TimeoutMs: sp.TimeoutMs, MaxResponseBytes: sp.MaxResponseBytes, CheckIntervalS: sp.CheckIntervalS,
		SlowMs: sp.SlowMs, HealthState: StateUnknown,
		CreatedAt: now, UpdatedAt: now}
	err = s.St.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&it).Error; err != nil {
			if models.IsUniqueViolation(err) {
				v.Add("code", "gateway.err.code_taken")
				return v
			}
			return err
		}
		_, err := s.addVersion(ctx, tx, by, it, sp)
		return err
	})
	return it, err
}

func (s *Service) addVersion(ctx context.Context, tx *gorm.DB, by audit.Actor, it Interface, sp Spec) (Version, error) {
	var n int
	if err := tx.Raw("SELECT COALESCE(MAX(version), 0) FROM interface_versions WHERE interface_id = ?", it.ID).Scan(&n).Error; err != nil {
		return Version{}, err
	}
	b, _ := json.Marshal(sp)
	ver := Version{InterfaceID: it.ID, Version: n + 1, Status: VersionPending, Spec: string(b), SubmittedBy: by.Name,
		CreatedAt: s.now()}
	if err := tx.Create(&ver).Error; err != nil {
		return Version{}, err
	}
	redacted := sp
	redacted.SecretSealed = ""
	_, err := audit.Append(ctx, tx, audit.Entry{Actor: by, Action: "interface.submit", ObjectType: "interface",
		ObjectID: it.Code, After: map[string]any{"version": ver.Version, "spec": redacted, "secret_changed": sp.SecretSealed != ""}})
	return ver, err
}

// Submit records an edit of an interface as a new version for review; the
// live configuration changes only when it is approved.
func (s *Service) Submit(ctx context.Context, sc staff.Scope, by audit.Actor, id int64, f Form) (Version, error) {
	it, err := s.Get(ctx, sc, id)
	if err != nil {
		return Version{}, err
	}
	v := &models.ValidationError{}
	sp := s.spec(ctx, f, it.Code, v)
	if err := v.Err(); err != nil {
		return Version{}, err
	}
	if sp.Org == "" {
		sp.Org = it.Org
	}
	var ver Version
	err = s.St.InTx(ctx, func(tx *gorm.DB) error {
		// An older pending version is replaced by the newer submission.
		if err := tx.Model(&Version{}).Where("interface_id = ? AND status = ?", it.ID, VersionPending).
			Updates(map[string]any{"status": VersionSuperseded, "review_note": "replaced by a newer submission"}).Error; err != nil {
			return err
		}
		ver, err = s.addVersion(ctx, tx, by, it, sp)
		return err
	})
	return ver, err
}

// Approve makes a pending version live (8.3.4.1: 管理员进行检测与审核).
func (s *Service) Approve(ctx context.Context, sc staff.Scope, by audit.Actor, versionID int64, note string) (Interface, error) {
	return s.decide(ctx, sc, by, versionID, VersionApproved, note)
}

// Reject refuses a pending version with a reason (required).
func (s *Service) Reject(ctx context.Context, sc staff.Scope, by audit.Actor, versionID int64, note string) error {
	if strings.TrimSpace(note) == "" {
		v := &models.ValidationError{}
		v.Add("note", "gateway.err.note")
		return v
	}
	_, err := s.decide(ctx, sc, by, versionID, VersionRejected, note)
	return err
}

func (s *Service) decide(ctx context.Context, sc staff.Scope, by audit.Actor, versionID int64, to, note string) (Interface, error) {
	var ver Version
	if err := s.St.DB.WithContext(ctx).Where("id = ?", versionID).Take(&ver).Error; err != nil {
		return Interface{}, notFound(err)
	}
	it, err := s.Get(ctx, sc, ver.InterfaceID)
	if err != nil {
		return Interface{}, err
	}
	if ver.Status != VersionPending {
		return it, ErrNotPending
	}
	if by.Name != "" && by.Name == ver.SubmittedBy && by.Name != "cli" {
		return it, ErrSelfReview
	}
	now := s.now()
	err = s.St.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Version{}).Where("id = ? AND status = ?", ver.ID, VersionPending).Updates(map[string]any{
			"status": to, "reviewer_id": by.ID, "reviewer": by.Name, "review_note": strings.TrimSpace(note), "reviewed_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrNotPending
		}
		if to == VersionApproved {
			if err := s.apply(tx, &it, ver, now); err != nil {
				return err
			}
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: by, Action: "interface." + to, ObjectType: "interface",
			ObjectID: it.Code, After: map[string]any{"version": ver.Version, "note": note}})
		return err
	})
	s.ifaces.drop(it.Code)
	return it, err
}

// apply copies an approved version into the live configuration.
func (s *Service) apply(tx *gorm.DB, it *Interface, ver Version, now time.Time) error {
	if err := tx.Model(&Version{}).Where("interface_id = ? AND status = ? AND id <> ?", it.ID, VersionApproved, ver.ID).
		Update("status", VersionSuperseded).Error; err != nil {
		return err
	}
	sp := ver.SpecValue()
	cols := map[string]any{"name": sp.Name, "org": sp.Org, "source_url": sp.SourceURL, "method": sp.Method, "auth": sp.Auth,
		"remark": sp.Remark, "request_params": encodeParams(sp.Request), "response_params": encodeParams(sp.Response),
		"mask_fields": sp.MaskFields, "consumers": sp.Consumers, "rate_per_min": sp.RatePerMin, "timeout_ms": sp.TimeoutMs,
		"max_response_bytes": sp.MaxResponseBytes, "check_interval_s": sp.CheckIntervalS, "slow_ms": sp.SlowMs, "version": ver.Version, "updated_at": now}
	if it.Status != StatusDisabled {
		cols["status"] = StatusActive
	}
	if sp.SecretSealed != "" {
		cols["secret_sealed"] = sp.SecretSealed
	}
	if err := tx.Model(&Interface{}).Where("id = ?", it.ID).Updates(cols).Error; err != nil {
		return err
	}
	return tx.Where("id = ?", it.ID).Take(it).Error
}

// SetEnabled switches an active interface off or back on.
func (s *Service) SetEnabled(ctx context.Context, sc staff.Scope, by audit.Actor, id int64, on bool) error {
	it, err := s.Get(ctx, sc, id)
	if err != nil {
		return err
	}
	if it.Version == 0 {
		return ErrNotPending
	}
	to := StatusDisabled
	if on {
		to = StatusActive
	}
	err = s.St.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Interface{}).Where("id = ?", it.ID).Updates(map[string]any{"status": to, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, audit.Entry{Actor: by, Action: "interface." + to, ObjectType: "interface", ObjectID: it.Code})
		return err
	})
	s.ifaces.drop(it.Code)
	return err
}

// CreateApproved registers and approves an interface in one step (the
// operations CLI, development and tests).
func (s *Service) CreateApproved(ctx context.Context, f Form) (Interface, error) {
	by := audit.Actor{Name: "cli"}
	it, err := s.Register(ctx, by, f)
	if err != nil {
		return it, err
	}
	var verID int64
	if err := s.St.DB.WithContext(ctx).Raw("SELECT id FROM interface_versions WHERE interface_id = ? AND status = ?",
		it.ID, VersionPending).Scan(&verID).Error; err != nil {
		return it, err
	}
	return s.decide(ctx, staff.Scope{Region: staff.National}, by, verID, VersionApproved, "cli")
}
