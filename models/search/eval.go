package search

import (
	"math"
	"slices"
)

// Field weights: a word in the title counts three times a word in the body;
// pinyin and initials count a little less than the characters themselves.
var fieldWeight = [256]float32{fTitle: 3, fKeywords: 2, fPinyin: 2.4, fInitials: 1.8, fPinyinAlt: 1.2, fInitialsAlt: 0.9, fBody: 1}

const (
	bm25K1      = 1.2
	bm25BBody   = 0.75
	bm25BTitle  = 0.5
	weakFactor  = 0.3 // weak clauses add this share of their score
	clauseLimit = 16  // = maxClauses; masks are uint16
)

// scratch holds per-query dense arrays indexed by doc id; pooled so a query
// allocates nothing proportional to the index.
type scratch struct {
	score    []float32 // summed over clauses
	cs       []float32 // best score in the current clause
	stamp    []uint32  // epoch in which cs/ctl were last set
	ctl      []bool    // current clause matched at title level
	mask     []uint16  // clauses matched
	tmask    []uint16  // clauses matched at title level (title, keywords, pinyin)
	touched  []uint32
	ctouched []uint32
	epoch    uint32
	its      []iter
	cands    []cand
	best     []int32 // per title id, -1 between queries (topDiverse)
}

func (s *scratch) ensure(n int) {
	if len(s.score) >= n {
		return
	}
	n += n / 8
	s.score, s.cs = make([]float32, n), make([]float32, n)
	s.stamp, s.ctl = make([]uint32, n), make([]bool, n)
	s.mask, s.tmask = make([]uint16, n), make([]uint16, n)
	s.epoch = 0
}

// reset clears what the last query touched.
func (s *scratch) reset() {
	for _, d := range s.touched {
		s.score[d], s.mask[d], s.tmask[d] = 0, 0, 0
	}
	s.touched = s.touched[:0]
}

// outcome is the evaluated text part of a query.
type outcome struct {
	docs        []uint32 // matching docs (coverage == best coverage), any order
	relaxed     bool     // no doc matched every required clause
	clauseHits  []int    // docs per clause
	titleHits   []int    // docs matching the clause at title level
	full        uint16   // mask of required clauses
	skippedBody bool     // some clause was not looked up in the full text
}

// bodyFallback: a concept found in at least this many titles (keywords,
// pinyin) is not looked up in bodies. Titles answer it, and the guide text
// of every matter that merely lists 居民身份证 among its materials would
// drown them and cost a full scan of the largest posting lists. Concepts
// rarer in titles are searched in the full text (C 0103 7.4 全文检索), and
// so is everything when the titles alone match no document.
const bodyFallback = 100

// evaluate scores every document matching the plan's clauses into sc.
func (ix *index) evaluate(p *plan, sc *scratch, f *docFilter) outcome {
	out := ix.evaluatePass(p, sc, f, false)
	if out.skippedBody && (len(out.docs) == 0 || out.relaxed) {
		out = ix.evaluatePass(p, sc, f, true)
	}
	return out
}

func (ix *index) evaluatePass(p *plan, sc *scratch, f *docFilter, fullText bool) outcome {
	sc.ensure(len(ix.docs))
	sc.reset()
	out := outcome{clauseHits: make([]int, len(p.clauses)), titleHits: make([]int, len(p.clauses))}
	var required, weak []int
	for i, c := range p.clauses {
		if c.weak {
			weak = append(weak, i)
		} else {
			required = append(required, i)
			out.full |= 1 << i
		}
	}
	// Weak clauses only add to docs a required clause found.
	for _, ci := range append(required, weak...) {
		ix.evalClause(p, ci, sc, f, &out, fullText)
	}
	best := 0
	for _, d := range sc.touched {
		if n := popcount16(sc.mask[d] & out.full); n > best {
			best = n
		}
	}
	out.relaxed = best < popcount16(out.full)
	for _, d := range sc.touched {
		if popcount16(sc.mask[d]&out.full) == best && best > 0 {
			out.docs = append(out.docs, d)
		}
	}
	return out
}

func popcount16(x uint16) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

func (ix *index) evalClause(p *plan, ci int, sc *scratch, f *docFilter, out *outcome, fullText bool) {
	c := &p.clauses[ci]
	sc.epoch++
	if sc.epoch == 0 {
		clear(sc.stamp)
		sc.epoch = 1
	}
	ep := sc.epoch
	sc.ctouched = sc.ctouched[:0]
	onlyKnown := c.weak
	add := func(body bool) func(d uint32, s float32) {
		return func(d uint32, s float32) {
			if onlyKnown && sc.mask[d] == 0 {
				return
			}
			if sc.stamp[d] != ep {
				sc.stamp[d], sc.cs[d], sc.ctl[d] = ep, s, false
				sc.ctouched = append(sc.ctouched, d)
			} else if s > sc.cs[d] {
				sc.cs[d] = s
			}
			if !body {
				sc.ctl[d] = true
			}
		}
	}
	titleAdd, bodyAdd := add(false), add(true)
	for mi := range c.alts {
		for _, ft := range c.alts[mi].fields {
			if ft.field != fBody {
				ix.evalField(&c.alts[mi], ft, sc, f, titleAdd)
			}
		}
	}
	if fullText || len(sc.ctouched) < bodyFallback {
		for mi := range c.alts {
			for _, ft := range c.alts[mi].fields {
				if ft.field == fBody && !redundantInBody(c.alts, mi) {
					ix.evalField(&c.alts[mi], ft, sc, f, bodyAdd)
				}
			}
		}
	} else {
		out.skippedBody = true
	}
	bit := uint16(1) << ci
	w := float32(1)
	if c.weak {
		w = weakFactor
	}
	for _, d := range sc.ctouched {
		if sc.mask[d] == 0 {
			sc.touched = append(sc.touched, d)
		}
		sc.score[d] += sc.cs[d] * w
		sc.mask[d] |= bit
		out.clauseHits[ci]++
		if sc.ctl[d] {
			sc.tmask[d] |= bit
			out.titleHits[ci]++
		}
	}
}

// redundantInBody: another alternative's body keys are a subset of this
// one's (身份证 ⊂ 居民身份证), so it already finds every doc this one would.
func redundantInBody(alts []matcher, i int) bool {
	mine := bodyKeys(&alts[i])
	if mine == nil {
		return true
	}
	for j := range alts {
		other := bodyKeys(&alts[j])
		if j == i || other == nil || len(other) > len(mine) || len(other) == len(mine) && j > i {
			continue
		}
		subset := true
		for _, k := range other {
			subset = subset && slices.Contains(mine, k)
		}
		if subset {
			return true
		}
	}
	return false
}

func bodyKeys(m *matcher) []string {
	for _, ft := range m.fields {
		if ft.field == fBody {
			return ft.keys
		}
	}
	return nil
}

// evalField intersects the posting lists of one matcher in one field and
// emits every live doc containing all its keys, with a BM25-like score.
func (ix *index) evalField(m *matcher, ft fieldTerms, sc *scratch, f *docFilter, emit func(uint32, float32)) {
	if len(ft.keys) == 0 {
		return
	}
	its := sc.its[:0]
	var idf float64
	key := make([]byte, 0, 32)
	n := float64(max(ix.nLive, 1))
	for _, k := range ft.keys {
		key = append(append(key[:0], ft.field), k...)
		id, ok := ix.termID(key, false)
		if !ok {
			return
		}
		p := &ix.posts[id]
		df := float64(p.n)
		idf += math.Log(1 + (n-df+0.5)/(df+0.5))
		its = append(its, newIter(p))
	}
	sc.its = its
	slices.SortFunc(its, func(a, b iter) int { return int(a.p.n) - int(b.p.n) })
	w := fieldWeight[ft.field] * m.weight * float32(idf/float64(len(ft.keys)))
	body := ft.field == fBody
	var avg float32
	if body {
		avg = float32(float64(ix.sumBody) / n)
	} else {
		avg = float32(float64(ix.sumTitle) / n)
	}
	avg = max(avg, 1)
	each := func(d uint32, tf uint8) {
		if !ix.live.has(d) || f != nil && !f.bits.has(d) {
			return
		}
		var s float32
		if body {
			t := float32(tf)
			s = w * t * (bm25K1 + 1) / (t + bm25K1*(1-bm25BBody+bm25BBody*float32(ix.bodyLen[d])/avg))
		} else {
			s = w * (bm25K1 + 1) / (1 + bm25K1*(1-bm25BTitle+bm25BTitle*float32(ix.titleLen[d])/avg))
		}
		emit(d, s)
	}
	// A small filter (one department, a township) drives the intersection:
	// the posting lists are skipped through rather than decoded whole.
	if f != nil && f.n*32 < int(its[0].p.n) {
		intersectDriven(f.sorted(), its, each)
		return
	}
	intersect(its, each)
}
