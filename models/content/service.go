package content

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

// Indexer is the search engine's incremental update (search.Engine.Changed):
// called after a commit with the IDs of the documents that changed.
type Indexer interface {
	Changed(ctx context.Context, ids ...string) error
}

// Service is the console's content management.
type Service struct {
	st    *models.Store
	ref   *refdata.Catalog
	index Indexer
	// OnIndexError is told when the search index could not be updated
	// after a committed change (the change stands; the index catches up at
	// the next start). Nil ignores it.
	OnIndexError func(error)
	queues       []QueueCounter
	pins         Pinner
}

// New builds the service; index may be nil (no search engine).
func New(st *models.Store, ref *refdata.Catalog, index Indexer) *Service {
	s := &Service{st: st, ref: ref, index: index}
	if p, ok := index.(Pinner); ok {
		s.pins = p
	}
	return s
}

// changed pushes document IDs to the index after a commit.
func (s *Service) changed(ctx context.Context, ids ...string) {
	if s.index == nil || len(ids) == 0 {
		return
	}
	if err := s.index.Changed(ctx, ids...); err != nil && s.OnIndexError != nil {
		s.OnIndexError(err)
	}
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// clampLimit keeps list pages between 1 and 200 rows (default 50).
func clampLimit(n int) int {
	if n <= 0 || n > 200 {
		return 50
	}
	return n
}
