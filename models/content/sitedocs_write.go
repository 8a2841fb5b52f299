package content

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/audit"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/models/staff"
)

// SaveDoc creates (d.ID == 0, as an unpublished draft) or updates a
// sub-site document. An update needs the Stamp the editor loaded: a
// document changed meanwhile gives models.ErrConflict and nothing is
// saved. It returns the stored document.
func (s *Service) SaveDoc(ctx context.Context, who staff.Staff, ip string, d SiteDoc, stamp int64) (SiteDoc, error) {
	t, ok := docTable[d.Kind]
	if !who.Can(staff.PermSites) {
		return SiteDoc{}, models.ErrForbidden
	}
	if !ok || !who.Scope().ManagesSite(d.SiteCode) {
		return SiteDoc{}, models.ErrNotFound
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	action := "create"
	var before SiteDoc
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		if err := s.validateDoc(tx, &d); err != nil {
			return err
		}
		cols := d.columns(now)
		if d.ID == 0 {
			d.Published = false
			id, err := insertDoc(tx, d, now)
			if err != nil {
				return err
			}
			d.ID = id
		} else {
			action = "update"
			// Take the row's write lock first (both engines), then compare.
			if err := tx.Table(t.table).Where("id = ? AND site_code = ?", d.ID, d.SiteCode).Update("id", gorm.Expr("id")).Error; err != nil {
				return err
			}
			var err error
			if before, err = s.loadDoc(tx, who.Scope(), d.SiteCode, d.Kind, d.ID); err != nil {
				return err
			}
			if before.Stamp() != stamp {
				return models.ErrConflict
			}
			delete(cols, "published")
			d.Published = before.Published
			if err := tx.Table(t.table).Where("id = ?", d.ID).Updates(cols).Error; err != nil {
				return err
			}
		}
		if err := replaceLinks(tx, d, t.links, t.linkCol); err != nil {
			return err
		}
		e := audit.Entry{Actor: who.Actor(ip), Action: "site." + d.Kind + "." + action, ObjectType: d.Kind, ObjectID: itoa(d.ID), After: auditDoc(d)}
		if action == "update" {
			e.Before = auditDoc(before)
		}
		_, err := audit.Append(ctx, tx, e)
		return err
	})
	if err != nil {
		return SiteDoc{}, err
	}
	d.UpdatedAt = now
	if d.Published {
		s.changed(ctx, t.prefix+itoa(d.ID))
	}
	return d, nil
}

// insertDoc stores a new draft through models/sites' own row types.
func insertDoc(tx *gorm.DB, d SiteDoc, now time.Time) (int64, error) {
	switch d.Kind {
	case DocPolicy:
		p := sites.Policy{SiteCode: d.SiteCode, Title: d.Title, DocNumber: d.DocNumber, Issuer: d.Issuer, IssuedOn: d.Date,
			Body: d.Body, Source: d.Source, CreatedAt: now, UpdatedAt: now}
		err := tx.Create(&p).Error
		return p.ID, err
	case DocInterp:
		in := sites.Interpretation{SiteCode: d.SiteCode, Title: d.Title, Body: d.Body, Source: d.Source, PublishedOn: d.Date,
			CreatedAt: now, UpdatedAt: now}
		if d.PolicyID > 0 {
			in.PolicyID = &d.PolicyID
		}
		err := tx.Create(&in).Error
		return in.ID, err
	default:
		t := sites.Topic{SiteCode: d.SiteCode, Title: d.Title, Summary: d.Body, Position: d.Position, CreatedAt: now, UpdatedAt: now}
		err := tx.Create(&t).Error
		return t.ID, err
	}
}

func replaceLinks(tx *gorm.DB, d SiteDoc, table, col string) error {
	if table == "" {
		return nil
	}
	if err := tx.Exec("DELETE FROM "+table+" WHERE "+col+" = ?", d.ID).Error; err != nil {
		return err
	}
	for i, c := range d.ItemCodes {
		if err := tx.Table(table).Create(map[string]any{col: d.ID, "position": i + 1, "item_code": c}).Error; err != nil {
			return err
		}
	}
	return nil
}

// PublishDoc publishes or unpublishes a document; the sub-site and search
// follow at once.
func (s *Service) PublishDoc(ctx context.Context, who staff.Staff, ip, site, kind string, id int64, on bool) error {
	t, ok := docTable[kind]
	if !who.Can(staff.PermSites) {
		return models.ErrForbidden
	}
	if !ok {
		return models.ErrNotFound
	}
	err := s.st.InTx(ctx, func(tx *gorm.DB) error {
		before, err := s.loadDoc(tx, who.Scope(), site, kind, id)
		if err != nil {
			return err
		}
		if before.Published == on {
			return nil
		}
		if err := tx.Table(t.table).Where("id = ?", id).Updates(map[string]any{"published": on, "updated_at": time.Now().UTC()}).Error; err != nil {
			return err
		}
		after := before
		after.Published = on
		verb := "unpublish"
		if on {
			verb = "publish"
		}
		_, err = audit.Append(ctx, tx, audit.Entry{Actor: who.Actor(ip), Action: "site." + kind + "." + verb, ObjectType: kind,
			ObjectID: itoa(id), Before: map[string]any{"published": before.Published}, After: map[string]any{"published": on}})
		return err
	})
	if err == nil {
		s.changed(ctx, t.prefix+itoa(id))
	}
	return err
}
