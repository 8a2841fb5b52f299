package search

import (
	"slices"
	"strings"
	"time"
)

// The document-store side of the index: what a hit shows, per-title and
// per-kind tables, name ranks, and the compaction after a build.

// itemURL is CONTRACTS' guide URL of an implementation item: not stored per
// doc when it follows the pattern.
func itemURL(ext string) (string, bool) {
	code, ok := strings.CutPrefix(ext, "item:")
	return "/matters/" + code, ok
}

func (r *docRec) link() string {
	if r.url == "" {
		if u, ok := itemURL(r.ext); ok {
			return u
		}
	}
	return r.url
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// snippetSource is the normalized-whitespace prefix of a body kept for
// snippets: a substring of a new string of at most 4×snippetRunes runes,
// never of the body, which index.add interns.
func snippetSource(body string) string {
	// Not cloned: index.add interns it (one copy per distinct snippet).
	return runePrefix(strings.Join(strings.Fields(runePrefix(body, 4*snippetRunes)), " "), snippetRunes)
}

// rankOf places a name key in the sorted name list: existing keys get an
// even rank, new ones fall between their neighbours.
func (ix *index) rankOf(key string) uint32 {
	i, found := slices.BinarySearch(ix.names, key)
	if found {
		return uint32(2 * i) // #nosec G115 -- i is a position in the sorted names: a few million, 2*i far below 2^32
	}
	return uint32(2*i) - 1 + boolU32(i == 0) // #nosec G115 -- as above; for i == 0 the -1 and +1 cancel
}

func boolU32(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// setNames fixes the sorted name list and re-ranks every document (after a
// full build).
func (ix *index) setNames() {
	ix.names = slices.Clone(ix.titleName)
	slices.Sort(ix.names)
	ix.names = slices.Compact(ix.names)
	for i := range ix.docs {
		ix.nameRank[i] = ix.rankOf(ix.titleName[ix.hot[i].titleID])
	}
}

func (ix *index) kindID(k string) uint8 {
	for i, x := range ix.kinds {
		if x == k {
			return uint8(i)
		}
	}
	if len(ix.kinds) == 255 {
		return 255
	}
	ix.kinds = append(ix.kinds, k)
	return uint8(len(ix.kinds) - 1) // #nosec G115 -- len(ix.kinds) < 255 here, checked above
}

// title returns the original title of a doc.
func (ix *index) title(d uint32) string { return ix.titleText[ix.hot[d].titleID] }

// kindOf returns the kind of a doc.
func (ix *index) kindOf(d uint32) string {
	if k := int(ix.docs[d].kind); k < len(ix.kinds) {
		return ix.kinds[k]
	}
	return ""
}

// doc rebuilds the public Doc of an internal id.
func (ix *index) doc(id uint32) *Doc {
	r := &ix.docs[id]
	d := &Doc{ID: r.ext, Kind: ix.kindOf(id), Title: ix.title(id), Body: r.snip, URL: r.link(),
		Popularity: float64(ix.hot[id].pop), Facets: map[string][]string{}}
	if r.kws != "" {
		d.Keywords = strings.Split(r.kws, "\x1f")
	}
	if u := ix.docUpd[id]; u != 0 {
		d.Updated = time.Unix(u, 0).UTC()
	}
	for _, fid := range ix.facetArena[r.facetOff : r.facetOff+uint32(r.facetN)] {
		k, v, _ := strings.Cut(ix.facets.strs[fid], "\x00")
		if k != "kind" {
			d.Facets[k] = append(d.Facets[k], v)
		}
	}
	for i := 0; i < int(r.regionN); i++ {
		d.RegionPath = append(d.RegionPath, ix.regions.strs[r.region[i]])
	}
	return d
}

// compact trims the slack that append left in posting lists and per-doc
// arrays after a full build. Posting lists move into arenas of compactChunk
// bytes, so the lists already moved are garbage the collector can take back
// while the rest are copied: one arena for all of them (500 MB at a million
// items) put the build's peak that far above the index. Later appends copy
// a list out of its arena (its capacity is capped), leaving the arena intact.
func (ix *index) compact() {
	var arena []byte
	for i := range ix.posts {
		p := &ix.posts[i]
		n := len(p.data)
		switch {
		case n > compactChunk/4:
			p.data = slices.Clip(slices.Clone(p.data))
		case n > 0:
			if cap(arena)-len(arena) < n {
				arena = make([]byte, 0, compactChunk)
			}
			start := len(arena)
			arena = append(arena, p.data...)
			p.data = arena[start:len(arena):len(arena)]
		}
		p.skips = trimmed(p.skips)
	}
	for i := range ix.facetPosts {
		ix.facetPosts[i] = trimmed(ix.facetPosts[i])
	}
	for i := range ix.rpathPosts {
		ix.rpathPosts[i] = trimmed(ix.rpathPosts[i])
	}
	ix.facetArena = trimmed(ix.facetArena)
	ix.docs = trimmed(ix.docs)
	ix.hot, ix.docUpd = trimmed(ix.hot), trimmed(ix.docUpd)
	ix.titleLen, ix.bodyLen = trimmed(ix.titleLen), trimmed(ix.bodyLen)
	ix.nameRank = trimmed(ix.nameRank)
}

// compactChunk is the size of compact's posting arenas.
const compactChunk = 4 << 20

// trimmed returns s without append's slack when that is more than a
// sixteenth of it. A copy, not Clip: only a copy lets the collector free the
// slack; and a copy of a slice with little slack would only add to the peak.
func trimmed[S ~[]E, E any](s S) S {
	if cap(s)-len(s) <= len(s)/16 {
		return s
	}
	return slices.Clip(slices.Clone(s))
}

// shortTitles lists distinct titles of up to 12 characters: they join the
// segmentation vocabulary, so a sentence naming a matter keeps it whole.
func (ix *index) shortTitles() []string {
	seen := map[string]bool{}
	var out []string
	ix.live.each(func(d uint32) {
		t := ix.title(d)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	})
	return out
}
