package catalog_test

import (
	"context"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/refdata"
)

// seeded returns a migrated store with the demo catalog loaded, and the
// reference catalog.
func seeded(t *testing.T) (*models.Store, *refdata.Catalog) {
	t.Helper()
	st := modelstest.Open(t)
	ctx := context.Background()
	if err := catalog.SeedDemo(ctx, st); err != nil {
		t.Fatal(err)
	}
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	return st, ref
}
