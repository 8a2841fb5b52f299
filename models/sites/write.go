package sites

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// Writes used by the demo loader now and by the staff console later. Bodies
// are sanitized here, on write (PlainText), never on read.

// CreatePolicy stores a policy and sets its ID.
func CreatePolicy(ctx context.Context, st *models.Store, p *Policy) error {
	if err := validate(p.SiteCode, p.Title, p.Body); err != nil {
		return err
	}
	p.Body = PlainText(p.Body)
	stamp(&p.CreatedAt, &p.UpdatedAt)
	return st.DB.WithContext(ctx).Create(p).Error
}

// CreateInterpretation stores an interpretation with the item codes it
// affects, in one transaction.
func CreateInterpretation(ctx context.Context, st *models.Store, in *Interpretation) error {
	if err := validate(in.SiteCode, in.Title, in.Body); err != nil {
		return err
	}
	in.Body = PlainText(in.Body)
	stamp(&in.CreatedAt, &in.UpdatedAt)
	return st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(in).Error; err != nil {
			return err
		}
		return insertLinks(tx, "site_interpretation_items", "interpretation_id", in.ID, in.ItemCodes)
	})
}

// CreateTopic stores a topic with its items in order, in one transaction.
func CreateTopic(ctx context.Context, st *models.Store, t *Topic) error {
	if err := validate(t.SiteCode, t.Title, "-"); err != nil {
		return err
	}
	t.Summary = PlainText(t.Summary)
	stamp(&t.CreatedAt, &t.UpdatedAt)
	return st.InTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(t).Error; err != nil {
			return err
		}
		return insertLinks(tx, "site_topic_items", "topic_id", t.ID, t.ItemCodes)
	})
}

// CreateApp stores a sub-site app (C 0103 8.2 e; 8.3.1 types).
func CreateApp(ctx context.Context, st *models.Store, a *App) error {
	var v models.ValidationError
	if strings.TrimSpace(a.Name) == "" {
		v.Add("name", "sites.error.required")
	}
	if a.Type != AppIdentity && a.Type != AppOpen {
		v.Add("type", "sites.error.app_type")
	}
	if strings.TrimSpace(a.OwnerOrg) == "" {
		v.Add("owner_org", "sites.error.required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	a.Description = PlainText(a.Description)
	if a.Status == "" {
		a.Status = "draft"
	}
	stamp(&a.CreatedAt, &a.UpdatedAt)
	return st.DB.WithContext(ctx).Create(a).Error
}

func validate(site, title, body string) error {
	var v models.ValidationError
	if strings.TrimSpace(site) == "" {
		v.Add("site_code", "sites.error.required")
	}
	if strings.TrimSpace(title) == "" {
		v.Add("title", "sites.error.required")
	}
	if strings.TrimSpace(body) == "" {
		v.Add("body", "sites.error.required")
	}
	return v.Err()
}

func stamp(created, updated *time.Time) {
	now := time.Now().UTC()
	if created.IsZero() {
		*created = now
	}
	if updated.IsZero() {
		*updated = now
	}
}

// insertLinks writes the ordered item codes of one owner, skipping repeats.
func insertLinks(tx *gorm.DB, table, col string, id int64, codes []string) error {
	seen := map[string]bool{}
	var rows []map[string]any
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		rows = append(rows, map[string]any{col: id, "position": len(rows) + 1, "item_code": c})
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.Table(table).Create(rows).Error
}
