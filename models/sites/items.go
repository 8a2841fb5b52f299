package sites

import (
	"context"

	"github.com/zwfw/portal/models"
)

// ItemRef names an implementation item that a topic or interpretation
// links to.
type ItemRef struct {
	Code       string
	Name       string
	RegionCode string
	BodyName   string
}

// LinkedItems returns the published items among codes, in the order of
// codes; unknown or withdrawn codes are left out. One query whatever the
// number of codes (a topic lists at most a few dozen).
//
// It reads the catalog's matter_items table, read-only, so that a sub-site
// page needs no call per item; the catalog package owns that table.
func LinkedItems(ctx context.Context, st *models.Store, codes []string) ([]ItemRef, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	var rows []ItemRef
	err := st.DB.WithContext(ctx).Table("matter_items").
		Select("code", "name", "region_code", "body_name").
		Where("code IN ? AND status = ?", codes, "published").Limit(len(codes)).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	by := make(map[string]ItemRef, len(rows))
	for _, r := range rows {
		by[r.Code] = r
	}
	out := make([]ItemRef, 0, len(rows))
	for _, c := range codes {
		if r, ok := by[c]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}
