package catalog_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
)

// A cached guide is served only while the item's version is unchanged: an
// edit or an unpublish made by any process shows on the very next read.
func TestGuideCacheNeverServesAStaleGuide(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	var code string
	st.DB.Raw("SELECT code FROM matter_items WHERE status = ? ORDER BY id LIMIT 1", catalog.StatusPublished).Scan(&code)
	cache := catalog.NewGuideCache(catalog.NewRepo(st), 10)
	first, _, err := cache.Guide(ctx, code, 5)
	if err != nil {
		t.Fatal(err)
	}
	st.DB.Exec("UPDATE matter_items SET name = ?, version = version + 1, updated_at = ? WHERE code = ?",
		first.Name+"（已修订）", time.Now().UTC(), code)
	second, _, err := cache.Guide(ctx, code, 5)
	if err != nil {
		t.Fatal(err)
	}
	if second.Name != first.Name+"（已修订）" {
		t.Fatalf("cache served the old name %q after an edit", second.Name)
	}
	st.DB.Exec("UPDATE matter_items SET status = 'draft' WHERE code = ?", code)
	if _, _, err := cache.Guide(ctx, code, 5); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unpublished item still served: %v", err)
	}
}
