package search

import (
	"math"
	"slices"
	"strings"
)

// cand is one matching doc with its ranking keys.
type cand struct {
	doc   uint32
	tier  uint8 // 2 exact title, 1 every concept in the title, 0 otherwise
	reg   uint8 // closeness to the visitor's region
	score float32
	key   uint64 // the sort order packed into one integer: larger first
}

// Relevance key layout, most significant first: tier (2 bits), best doc of
// its title (1 bit, markBest), region closeness (2 bits), text score
// (float32 bits, monotonic for non-negative floats), popularity (27 bits).
const (
	keyBest   = 1 << 61
	popLevels = 1<<27 - 1
)

// before reports whether a ranks before b: larger key, then smaller id.
func before(a, b *cand) bool { return a.key > b.key || a.key == b.key && a.doc < b.doc }

// setKeys fills the keys of a sort mode. Relevance: exact title first, then
// the visitor's region, then text score, then popularity (C 0103 7.4
// 智能化排序 with the 省市县 cascade).
func (ix *index) setKeys(sort string, cands []cand) {
	for i := range cands {
		c := &cands[i]
		switch sort {
		case SortName:
			c.key = uint64(math.MaxUint32 - ix.nameRank[c.doc])
		case SortUpdated:
			c.key = uint64(max(ix.docUpd[c.doc], 0))
		case SortPopular:
			c.key = uint64(math.Float32bits(ix.hot[c.doc].pop))<<32 | uint64(math.Float32bits(max(c.score, 0)))
		default:
			pop := uint64(float64(min(max(ix.hot[c.doc].pop, 0), 1)) * popLevels)
			c.key = uint64(c.tier)<<62 | uint64(c.reg)<<59 | uint64(math.Float32bits(max(c.score, 0)))<<27 | pop
		}
	}
}

// markBest sets keyBest on each title's best doc, so within a tier every
// title's best doc comes before repeats of a title: without it one matter
// implemented in 3,000 counties would fill every page. best is scratch
// indexed by title id, all -1, and left so.
func (ix *index) markBest(cands []cand, best []int32) {
	for i := range cands {
		t := ix.hot[cands[i].doc].titleID
		if b := best[t]; b < 0 || before(&cands[i], &cands[b]) {
			best[t] = int32(i)
		}
	}
	for i := range cands {
		t := ix.hot[cands[i].doc].titleID
		if b := best[t]; b >= 0 {
			cands[b].key |= keyBest
			best[t] = -1
		}
	}
}

// topK returns the k first candidates in rank order. A min-heap of the k
// best so far rejects most candidates with one comparison.
func topK(k int, cands []cand) []cand {
	if k <= 0 {
		return nil
	}
	h := make([]cand, 0, min(k, len(cands)))
	for i := range cands {
		c := &cands[i]
		if len(h) < k {
			h = append(h, *c)
			for j := len(h) - 1; j > 0; { // sift up: worst at the root
				p := (j - 1) / 2
				if !before(&h[p], &h[j]) {
					break
				}
				h[p], h[j] = h[j], h[p]
				j = p
			}
			continue
		}
		if !before(c, &h[0]) {
			continue
		}
		h[0] = *c
		for j := 0; ; { // sift down
			l, r, w := 2*j+1, 2*j+2, j
			if l < len(h) && before(&h[w], &h[l]) {
				w = l
			}
			if r < len(h) && before(&h[w], &h[r]) {
				w = r
			}
			if w == j {
				break
			}
			h[w], h[j] = h[j], h[w]
			j = w
		}
	}
	slices.SortFunc(h, func(a, b cand) int {
		if before(&a, &b) {
			return -1
		}
		return 1
	})
	return h
}

// exactTitles returns the ids of the titles that exactly match the query:
// the query itself or its official term, or for a pinyin query the
// title's full pinyin or initials.
func (ix *index) exactTitles(p *plan) map[uint32]bool {
	out := map[uint32]bool{}
	for _, e := range p.exact {
		for _, t := range ix.byExact[e] {
			out[t] = true
		}
	}
	if p.latin != "" && len(p.clauses) == 1 {
		for _, t := range ix.byPinyin[p.latin] {
			out[t] = true
		}
	}
	return out
}

// titleTier classifies a doc matching the query: 2 when its title is
// exact (exactTitles), 1 when every required concept is in its title,
// keywords or their pinyin.
func (ix *index) titleTier(exact map[uint32]bool, d uint32, tmask, full uint16) uint8 {
	if full == 0 || tmask&full != full {
		return 0
	}
	if len(exact) > 0 && exact[ix.hot[d].titleID] {
		return 2
	}
	return 1
}

// snippet picks the part of the stored body prefix around the first query
// word found in it, or the prefix itself.
func snippet(body string, p *plan) string {
	if p == nil {
		return body
	}
	for _, c := range p.clauses {
		for _, m := range c.alts {
			if m.word == "" {
				continue
			}
			if i := strings.Index(body, m.word); i > 0 {
				rs := []rune(body[:i])
				if len(rs) > 16 {
					return "…" + string(rs[len(rs)-16:]) + body[i:]
				}
				return body
			}
		}
	}
	return body
}
