package search_test

import (
	"context"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/modelstest"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/seed"
	"github.com/zwfw/portal/models/sites"
)

// demoEngine builds the engine the portal builds at start, over the demo
// data of models/seed (catalog items, policies, interpretations, topics,
// apps, regions and the search vocabulary).
func demoEngine(t testing.TB) (*search.Engine, *models.Store) {
	t.Helper()
	st := modelstest.OpenSeeded(t, func(ctx context.Context, st *models.Store) error {
		return seed.Demo(ctx, st, nil)
	})
	ctx := context.Background()
	ref, err := refdata.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	e, err := search.Open(ctx, st.DB, nil, catalog.NewSearchSource(st, ref), sites.NewSearchSource(st, ref))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, st
}
