package gateway

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
)

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// Get returns an interface inside the scope (models.ErrNotFound outside).
func (s *Service) Get(ctx context.Context, sc staff.Scope, id int64) (Interface, error) {
	var it Interface
	err := sc.Where(s.St.DB.WithContext(ctx), "region_code", "").Where("id = ?", id).Take(&it).Error
	return it, notFound(err)
}

// Filter selects interfaces for the console list.
type Filter struct {
	Q      string
	Status string
	Health string
	Offset int
	Limit  int
}

// Row is one interface in the console list with its pending review.
type Row struct {
	Interface
	AppName string
	AppKey  string
	Pending int
}

// List returns the interfaces inside the scope and how many match.
func (s *Service) List(ctx context.Context, sc staff.Scope, f Filter) ([]Row, int64, error) {
	q := sc.Where(s.St.DB.WithContext(ctx).Table("interfaces i"), "i.region_code", "")
	if f.Q != "" {
		like := "%" + strings.NewReplacer("%", "", "_", "").Replace(f.Q) + "%"
		q = q.Where("i.name LIKE ? OR i.code LIKE ? OR i.org LIKE ?", like, like, like)
	}
	if f.Status != "" {
		q = q.Where("i.status = ?", f.Status)
	}
	if f.Health != "" {
		q = q.Where("i.health_state = ?", f.Health)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []Row
	err := q.Select(`i.*, a.name AS app_name, a.app_key AS app_key,
		(SELECT COUNT(*) FROM interface_versions v WHERE v.interface_id = i.id AND v.status = 'pending') AS pending`).
		Joins("LEFT JOIN apps a ON a.id = i.app_id").Order("i.updated_at DESC, i.id DESC").
		Offset(max(f.Offset, 0)).Limit(limit).Scan(&out).Error
	return out, total, err
}

// Versions lists an interface's versions, newest first.
func (s *Service) Versions(ctx context.Context, sc staff.Scope, id int64) ([]Version, error) {
	if _, err := s.Get(ctx, sc, id); err != nil {
		return nil, err
	}
	var out []Version
	err := s.St.DB.WithContext(ctx).Where("interface_id = ?", id).Order("version DESC").Limit(100).Find(&out).Error
	return out, err
}

// VersionOf returns one version of an interface in scope.
func (s *Service) VersionOf(ctx context.Context, sc staff.Scope, id, versionID int64) (Interface, Version, error) {
	it, err := s.Get(ctx, sc, id)
	if err != nil {
		return it, Version{}, err
	}
	var v Version
	err = s.St.DB.WithContext(ctx).Where("id = ? AND interface_id = ?", versionID, id).Take(&v).Error
	return it, v, notFound(err)
}

// ParseID reads a path id (0 when malformed).
func ParseID(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
