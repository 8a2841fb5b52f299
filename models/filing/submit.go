package filing

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

// snapshot is the frozen content of one submitted revision.
type snapshot struct {
	Filing      Filing
	Screenshots []string
}

// Submit sends a complete draft (or a filing sent back for changes) to
// review. An incomplete one is refused with what is missing (9.4 a).
func (s *Service) Submit(ctx context.Context, ownerID, id int64) error {
	f, err := s.editable(ctx, ownerID, id)
	if err != nil {
		return err
	}
	shots, err := Screenshots(ctx, s.st, f.ID)
	if err != nil {
		return err
	}
	if err := f.Missing(len(shots)); err != nil {
		return err
	}
	now := s.Now()
	f.Revision++
	snap := snapshot{Filing: f}
	for _, sh := range shots {
		snap.Screenshots = append(snap.Screenshots, sh.BlobKey)
	}
	body, err := json.Marshal(snap)
	if err != nil {
		return fmt.Errorf("filing snapshot: %w", err)
	}
	err = s.st.InTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Filing{}).Where("id = ? AND status = ?", f.ID, f.Status).
			Updates(map[string]any{"status": StatusSubmitted, "revision": f.Revision, "submitted_at": now, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrConflict
		}
		return tx.Create(&Revision{FilingID: f.ID, Revision: f.Revision, Snapshot: string(body), SubmittedAt: now}).Error
	})
	if err == nil {
		s.notify(ctx, f, "filing_submitted", map[string]string{"name": f.Name, "id": strconv.FormatInt(f.ID, 10)})
	}
	return err
}
