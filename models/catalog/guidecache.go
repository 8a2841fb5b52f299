package catalog

import (
	"context"
	"sync"
	"time"

	"github.com/zwfw/portal/models"
)

// GuideCache keeps recently read guides in memory. Every read still asks the
// database for the item's version (one indexed lookup instead of seven
// queries), so an edit published through any portal process shows at once:
// the cache is never trusted without that check. "Other regions" lists are
// kept for otherRegionsTTL, since a new region's item may appear there a
// minute late without harm.
type GuideCache struct {
	repo *Repo
	max  int

	mu      sync.Mutex
	entries map[string]*guideEntry
}

const otherRegionsTTL = time.Minute

type guideEntry struct {
	version   int
	updatedAt time.Time
	detail    ItemDetail
	others    []RegionItem
	othersAt  time.Time
}

// NewGuideCache caches up to max guides (a few KB each).
func NewGuideCache(repo *Repo, max int) *GuideCache {
	return &GuideCache{repo: repo, max: max, entries: map[string]*guideEntry{}}
}

// Guide returns the published item with code and up to limit items of the
// same matter in other regions. Unknown or unpublished codes give
// models.ErrNotFound.
func (g *GuideCache) Guide(ctx context.Context, code string, limit int) (ItemDetail, []RegionItem, error) {
	var head struct {
		Version   int
		UpdatedAt time.Time
	}
	res := g.repo.db(ctx).Table("matter_items").Select("version, updated_at").
		Where("code = ? AND status = ?", code, StatusPublished).Limit(1).Scan(&head)
	if res.Error != nil {
		return ItemDetail{}, nil, res.Error
	}
	if res.RowsAffected == 0 {
		g.forget(code)
		return ItemDetail{}, nil, models.ErrNotFound
	}
	g.mu.Lock()
	e := g.entries[code]
	g.mu.Unlock()
	now := time.Now()
	if e != nil && e.version == head.Version && e.updatedAt.Equal(head.UpdatedAt) {
		if now.Sub(e.othersAt) < otherRegionsTTL {
			return e.detail, e.others, nil
		}
		others, err := g.repo.OtherRegions(ctx, e.detail.MatterID, code, limit)
		if err != nil {
			return ItemDetail{}, nil, err
		}
		g.store(code, &guideEntry{version: e.version, updatedAt: e.updatedAt, detail: e.detail, others: others, othersAt: now})
		return e.detail, others, nil
	}
	d, err := g.repo.GetItemByCode(ctx, code)
	if err != nil {
		return ItemDetail{}, nil, err
	}
	others, err := g.repo.OtherRegions(ctx, d.MatterID, code, limit)
	if err != nil {
		return ItemDetail{}, nil, err
	}
	g.store(code, &guideEntry{version: head.Version, updatedAt: head.UpdatedAt, detail: d, others: others, othersAt: now})
	return d, others, nil
}

func (g *GuideCache) store(code string, e *guideEntry) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.entries[code]; !ok && len(g.entries) >= g.max {
		// Drop an arbitrary entry: guides are read far more evenly than a
		// recency list would pay for.
		for k := range g.entries {
			delete(g.entries, k)
			break
		}
	}
	g.entries[code] = e
}

func (g *GuideCache) forget(code string) {
	g.mu.Lock()
	delete(g.entries, code)
	g.mu.Unlock()
}
