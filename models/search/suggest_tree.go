package search

import (
	"container/heap"
	"slices"
	"strings"
)

// The suggestion key array is searched by prefix (binary search) and its
// heaviest entries picked with an argmax segment tree, k log n per call.
func (s *suggester) weight(i uint32) float32 { return s.entries[i].weight }

func (s *suggester) buildTree() {
	s.n = len(s.entries)
	s.tree = make([]uint32, 2*s.n)
	for i := 0; i < s.n; i++ {
		s.tree[s.n+i] = uint32(i)
	}
	for i := s.n - 1; i >= 1; i-- {
		s.tree[i] = s.maxOf(s.tree[2*i], s.tree[2*i+1])
	}
}

func (s *suggester) maxOf(a, b uint32) uint32 {
	if s.weight(b) > s.weight(a) || s.weight(b) == s.weight(a) && b < a {
		return b
	}
	return a
}

// argmax returns the heaviest entry in [l, r), r > l.
func (s *suggester) argmax(l, r int) uint32 {
	best := uint32(l) // #nosec G115 -- l is a suggestion index: a few million at most, far below 2^32
	for l, r = l+s.n, r+s.n; l < r; l, r = l/2, r/2 {
		if l&1 == 1 {
			best = s.maxOf(best, s.tree[l])
			l++
		}
		if r&1 == 1 {
			r--
			best = s.maxOf(best, s.tree[r])
		}
	}
	return best
}

type sRange struct {
	l, r int
	m    uint32
	w    float32
}

type rangeHeap []sRange

func (h rangeHeap) Len() int { return len(h) }

func (h rangeHeap) Less(i, j int) bool { return h[i].w > h[j].w || h[i].w == h[j].w && h[i].m < h[j].m }

func (h rangeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }

func (h *rangeHeap) Push(x any) { *h = append(*h, x.(sRange)) }

func (h *rangeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// top returns the k heaviest distinct suggestions whose key starts with p.
func (s *suggester) top(p string, k int) []scored {
	out := []scored{}
	if s == nil || len(s.entries) == 0 {
		return out
	}
	lo, _ := slices.BinarySearchFunc(s.entries, p, func(e sEntry, t string) int { return strings.Compare(e.key, t) })
	hi := lo + prefixLen(s.entries[lo:], p)
	if lo >= hi {
		return out
	}
	h := &rangeHeap{}
	push := func(l, r int) {
		if l < r {
			m := s.argmax(l, r)
			heap.Push(h, sRange{l, r, m, s.weight(m)})
		}
	}
	push(lo, hi)
	seen := map[string]bool{}
	for h.Len() > 0 && len(out) < k {
		x := heap.Pop(h).(sRange)
		t := s.targets[s.entries[x.m].target]
		if !seen[t.text] {
			seen[t.text] = true
			out = append(out, scored{Suggestion{Text: t.text, Kind: t.kind, URL: t.url}, x.w})
		}
		push(x.l, int(x.m))
		push(int(x.m)+1, x.r)
	}
	return out
}

// scored is a suggestion with its weight, for merging key sets.
type scored struct {
	Suggestion
	w float32
}

// prefixLen returns how many leading entries start with p.
func prefixLen(es []sEntry, p string) int {
	lo, hi := 0, len(es)
	for lo < hi {
		m := (lo + hi) / 2
		if strings.HasPrefix(es[m].key, p) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
