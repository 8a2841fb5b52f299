package catalog

import (
	"context"
	"slices"
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

	rendered renderings
	trust    time.Duration // how long an entry is served without asking the database (Follow)
}

const otherRegionsTTL = time.Minute

type guideEntry struct {
	checkedAt time.Time // last time the database confirmed version and updated_at
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
	e, err := g.entry(ctx, code, limit)
	if err != nil {
		return ItemDetail{}, nil, err
	}
	return e.detail, e.others, nil
}

// entry returns the current cache entry of code: the same pointer as long
// as neither the item (version, updated_at) nor its other-regions list
// changed, so whatever is derived from an entry (Rendered) is valid while
// the pointer is.
func (g *GuideCache) entry(ctx context.Context, code string, limit int) (*guideEntry, error) {
	if g.trust > 0 {
		g.mu.Lock()
		e := g.entries[code]
		fresh := e != nil && time.Since(e.checkedAt) < g.trust && time.Since(e.othersAt) < otherRegionsTTL
		g.mu.Unlock()
		if fresh {
			return e, nil
		}
	}
	var head struct {
		Version   int
		UpdatedAt time.Time
	}
	res := g.repo.db(ctx).Table("matter_items").Select("version, updated_at").
		Where("code = ? AND status = ?", code, StatusPublished).Limit(1).Scan(&head)
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 0 {
		g.forget(code)
		return nil, models.ErrNotFound
	}
	g.mu.Lock()
	e := g.entries[code]
	var othersAt time.Time
	if e != nil {
		othersAt = e.othersAt
	}
	g.mu.Unlock()
	now := time.Now()
	if e != nil && e.version == head.Version && e.updatedAt.Equal(head.UpdatedAt) {
		if now.Sub(othersAt) < otherRegionsTTL {
			g.mu.Lock()
			e.checkedAt = now
			g.mu.Unlock()
			return e, nil
		}
		others, err := g.repo.OtherRegions(ctx, e.detail.MatterID, code, limit)
		if err != nil {
			return nil, err
		}
		ne := &guideEntry{version: e.version, updatedAt: e.updatedAt, detail: e.detail, others: others, othersAt: now}
		if slices.Equal(others, e.others) {
			ne = e // nothing changed: keep what was rendered from it
			g.mu.Lock()
			e.othersAt, e.checkedAt = now, now
			g.mu.Unlock()
		} else {
			ne.checkedAt = now
		}
		g.store(code, ne)
		return ne, nil
	}
	d, err := g.repo.GetItemByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	others, err := g.repo.OtherRegions(ctx, d.MatterID, code, limit)
	if err != nil {
		return nil, err
	}
	ne := &guideEntry{version: head.Version, updatedAt: head.UpdatedAt, detail: d, others: others, othersAt: now, checkedAt: now}
	g.store(code, ne)
	return ne, nil
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

// Follow lets the cache serve an entry for up to trust without asking the
// database, because the caller forwards every change of an item to Forget
// (the search engine's change listener, which also hears other processes'
// changes by NOTIFY). trust bounds the staleness of a change made behind
// the engine's back (straight in the database).
func (g *GuideCache) Follow(trust time.Duration) { g.trust = trust }

// Forget drops the entry of code, so its next read asks the database;
// Forget("") drops every entry.
func (g *GuideCache) Forget(code string) {
	if code == "" {
		g.mu.Lock()
		clear(g.entries)
		g.mu.Unlock()
		return
	}
	g.forget(code)
}

func (g *GuideCache) forget(code string) {
	g.mu.Lock()
	delete(g.entries, code)
	g.mu.Unlock()
}
