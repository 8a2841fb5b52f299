// Package seed loads reference and demo data into an empty database: the
// data `make run` and the tests stand on. Every step is idempotent.
package seed

import (
	"context"
	"fmt"

	"github.com/zwfw/portal/models"
)

// Step is one named, idempotent loading step.
type Step struct {
	Name string
	Run  func(ctx context.Context, st *models.Store) error
}

// DemoSteps lists, in order, what `portal seed demo` loads. Features append
// their own step here when they add demo content.
var DemoSteps = []Step{}

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
