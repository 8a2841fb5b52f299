package search

import (
	"strings"
)

// interner assigns dense ids to strings and shares their storage.
type interner struct {
	ids  map[string]uint32
	strs []string
}

func newInterner() *interner { return &interner{ids: map[string]uint32{}} }

func (in *interner) id(s string) (uint32, bool) {
	if id, ok := in.ids[s]; ok {
		return id, false
	}
	id := uint32(len(in.strs)) // #nosec G115 -- interned strings: at most a few million, far below 2^32
	s = strings.Clone(s)
	in.ids[s] = id
	in.strs = append(in.strs, s)
	return id, true
}

func (in *interner) lookup(s string) (uint32, bool) {
	id, ok := in.ids[s]
	return id, ok
}

// intern returns a shared copy of s (titles and snippets repeat across the
// regions that implement the same matter).
func (in *interner) intern(s string) string {
	id, _ := in.id(s)
	return in.strs[id]
}
