// Package seed loads reference and demo data into an empty database: the
// data `make run` and the tests stand on. Every step is idempotent.
package seed

import (
	"context"
	"fmt"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/cases"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/models/usercenter"
)

// Step is one named, idempotent loading step.
type Step struct {
	Name string
	Run  func(ctx context.Context, st *models.Store) error
}

// DemoSteps lists, in order, what `portal seed demo` loads. Features append
// their own step here when they add demo content.
var DemoSteps = []Step{
	{Name: "regions", Run: refdata.SeedRegions}, // first: later steps name regions and departments
	{Name: "catalog", Run: catalog.SeedDemo},
	{Name: "sites", Run: sites.SeedDemo}, // after catalog: topics name its items
	{Name: "search vocabulary", Run: func(ctx context.Context, st *models.Store) error { return search.Seed(ctx, st.DB) }},
	{Name: "users", Run: usercenter.SeedDemo}, // demo accounts, announcements and a notice
	{Name: "cases", Run: cases.SeedDemo},      // after users and catalog: 张三's demo cases
}

// Demo runs every demo step in order.
func Demo(ctx context.Context, st *models.Store, logf func(string, ...any)) error {
	for _, s := range DemoSteps {
		if err := s.Run(ctx, st); err != nil {
			return fmt.Errorf("seed %s: %w", s.Name, err)
		}
		if logf != nil {
			logf("seeded %s", s.Name)
		}
	}
	return nil
}
