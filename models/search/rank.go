package search

import (
	"container/heap"
	"slices"
	"strings"
)

// cand is one matching doc with its ranking keys.
type cand struct {
	doc   uint32
	tier  uint8 // 2 exact title, 1 every concept in the title, 0 otherwise
	reg   uint8 // closeness to the visitor's region
	score float32
	dup   bool // not the best doc of its title
}

// lessFunc reports whether a ranks before b.
type lessFunc func(a, b *cand) bool

// ranking returns the order of a sort mode. Relevance: exact title first,
// then the visitor's region, then text score, then popularity (C 0103 7.4
// 智能化排序 with the 省市县 cascade); within a title tier, each title's best
// doc comes before repeats of a title.
func (ix *index) ranking(sort string) lessFunc {
	tie := func(a, b *cand) bool { return a.doc < b.doc }
	switch sort {
	case SortName:
		return func(a, b *cand) bool {
			ra, rb := ix.nameRank[a.doc], ix.nameRank[b.doc]
			if ra != rb {
				return ra < rb
			}
			return tie(a, b)
		}
	case SortUpdated:
		return func(a, b *cand) bool {
			ua, ub := ix.docUpd[a.doc], ix.docUpd[b.doc]
			if ua != ub {
				return ua > ub
			}
			return tie(a, b)
		}
	case SortPopular:
		return func(a, b *cand) bool {
			pa, pb := ix.docPop[a.doc], ix.docPop[b.doc]
			if pa != pb {
				return pa > pb
			}
			if a.score != b.score {
				return a.score > b.score
			}
			return tie(a, b)
		}
	}
	return func(a, b *cand) bool {
		switch {
		case a.tier != b.tier:
			return a.tier > b.tier
		case a.dup != b.dup:
			return b.dup
		case a.reg != b.reg:
			return a.reg > b.reg
		case a.score != b.score:
			return a.score > b.score
		}
		pa, pb := ix.docPop[a.doc], ix.docPop[b.doc]
		if pa != pb {
			return pa > pb
		}
		return tie(a, b)
	}
}

// worstFirst is a heap whose top is the candidate ranked last.
type worstFirst struct {
	c    []cand
	less lessFunc
}

func (h *worstFirst) Len() int           { return len(h.c) }
func (h *worstFirst) Less(i, j int) bool { return h.less(&h.c[j], &h.c[i]) }
func (h *worstFirst) Swap(i, j int)      { h.c[i], h.c[j] = h.c[j], h.c[i] }
func (h *worstFirst) Push(x any)         { h.c = append(h.c, x.(cand)) }
func (h *worstFirst) Pop() any {
	x := h.c[len(h.c)-1]
	h.c = h.c[:len(h.c)-1]
	return x
}

// topK keeps the k best candidates produced by each, in rank order.
func topK(k int, less lessFunc, each func(yield func(cand))) []cand {
	h := &worstFirst{less: less}
	each(func(c cand) {
		if len(h.c) < k {
			heap.Push(h, c)
		} else if k > 0 && less(&c, &h.c[0]) {
			h.c[0] = c
			heap.Fix(h, 0)
		}
	})
	slices.SortFunc(h.c, func(a, b cand) int {
		if less(&a, &b) {
			return -1
		}
		if less(&b, &a) {
			return 1
		}
		return 0
	})
	return h.c
}

// markDuplicates flags every doc that is not the best of its title, so
// relevance order puts each title's best doc first within a tier: without it
// one matter implemented in 3,000 counties would fill every page.
func (ix *index) markDuplicates(less lessFunc, cands []cand, best []int32) {
	for i := range cands {
		t := ix.titleID[cands[i].doc]
		if b := best[t]; b < 0 || less(&cands[i], &cands[b]) {
			best[t] = int32(i)
		}
	}
	for i := range cands {
		t := ix.titleID[cands[i].doc]
		cands[i].dup = best[t] != int32(i)
	}
	for i := range cands {
		best[ix.titleID[cands[i].doc]] = -1 // ready for the next query
	}
}

// titleTier classifies a doc matching the query: 2 when its title is
// exactly the query (or its official term), 1 when every required concept
// is in its title, keywords or their pinyin.
func (ix *index) titleTier(p *plan, d uint32, tmask, full uint16) uint8 {
	if full == 0 || tmask&full != full {
		return 0
	}
	tid := ix.titleID[d]
	t := ix.titleExact[tid]
	for _, e := range p.exact {
		if t == e {
			return 2
		}
	}
	if p.latin != "" && len(p.clauses) == 1 && (ix.titleName[tid] == p.latin || ix.titleIni[tid] == p.latin) {
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
