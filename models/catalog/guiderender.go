package catalog

import (
	"context"
	"sync"
)

// Rendered guides (issue 3: guide page throughput). Rendering a guide's
// every element costs several times what reading it from the cache does, so
// the rendered parts are kept per code and variant (the language, and
// anything else the caller's rendering depends on) beside the entry they
// were made from. An entry is replaced whenever the item's version or
// updated_at changes (checked against the database on every read, so edits
// through any process show at once) or its other-regions list changes, and
// a rendering is only served with the very entry it was made from. What
// differs per visitor (favourite, login state) must stay out of the parts.

// maxRenderedBytes bounds the memory the renderings take; past it, some
// are dropped (guides are read evenly, recency is not worth tracking).
const maxRenderedBytes = 64 << 20

type rendering struct {
	entry *guideEntry
	parts [][]byte
	size  int
}

type renderings struct {
	mu    sync.Mutex
	m     map[string]rendering
	bytes int
}

// Rendered returns the guide with code and its parts as render made them
// for variant, calling render only when the guide changed since, or was
// never rendered for variant. render must not keep or change the slices it
// returns.
func (g *GuideCache) Rendered(ctx context.Context, code string, limit int, variant string,
	render func(ItemDetail, []RegionItem) ([][]byte, error)) (ItemDetail, [][]byte, error) {
	e, err := g.entry(ctx, code, limit)
	if err != nil {
		return ItemDetail{}, nil, err
	}
	key := code + "\x00" + variant
	r := &g.rendered
	r.mu.Lock()
	got, ok := r.m[key]
	r.mu.Unlock()
	if ok && got.entry == e {
		return e.detail, got.parts, nil
	}
	parts, err := render(e.detail, e.others)
	if err != nil {
		return ItemDetail{}, nil, err
	}
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = map[string]rendering{}
	}
	if old, ok := r.m[key]; ok {
		r.bytes -= old.size
		delete(r.m, key)
	}
	for k, v := range r.m {
		if r.bytes+size <= maxRenderedBytes {
			break
		}
		r.bytes -= v.size
		delete(r.m, k)
	}
	r.m[key] = rendering{entry: e, parts: parts, size: size}
	r.bytes += size
	return e.detail, parts, nil
}
