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

// slot is one doc's per-query state. One struct per doc, not one array per
// field: at a million docs the arrays far exceed the CPU caches, and a
// candidate then costs one cache miss instead of six.
type slot struct {
	score float32 // summed over clauses
	cs    float32 // best score in the current clause
	stamp uint32  // epoch in which cs/ctl were last set
	mask  uint16  // clauses matched
	tmask uint16  // clauses matched at title level (title, keywords, pinyin)
	ctl   bool    // current clause matched at title level
}

// scratch holds a query's dense per-doc state; pooled so a query
// allocates nothing proportional to the index.
type scratch struct {
	slots    []slot
	touched  []uint32
	ctouched []uint32
	epoch    uint32
	its      []iter
	mdocs    []uint32 // one matcher's docs in one field
	mtfs     []uint8
	cands    []cand
	best     []int32 // per title id, -1 between queries (markBest)
}

func (s *scratch) ensure(n int) {
	if len(s.slots) >= n {
		return
	}
	s.slots = make([]slot, n+n/8)
	s.epoch = 0
}

// reset clears what the last query touched.
func (s *scratch) reset() {
	for _, d := range s.touched {
		sl := &s.slots[d]
		sl.score, sl.mask, sl.tmask = 0, 0, 0
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
	// Clauses whose full text was skipped with so many title-level hits
	// that a batch of changed documents cannot bring them under
	// bodyFallback: their body keys cannot alter the answer (dependence).
	bodyIrrelevant uint16
	dead           bool // a required clause searched everywhere found nothing
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
	// Every concept in the titles first; then, if that is empty and some
	// concept skipped the full text, every concept anywhere; when nothing
	// has them all, the best partial coverage (and typo correction, which
	// the caller tries next).
	out := ix.evaluatePass(p, sc, f, false, true)
	if len(out.docs) > 0 {
		return out
	}
	if out.skippedBody && !out.dead {
		if out = ix.evaluatePass(p, sc, f, true, true); len(out.docs) > 0 {
			return out
		}
	}
	return ix.evaluatePass(p, sc, f, false, false)
}

// evaluatePass scores the plan's clauses into sc. With restrict, each
// required clause after the first (rarest first) only looks at the docs
// that matched all before it, driven through their sorted list: an AND
// whose later words are common (申请材料) never scans their whole lists.
// Without restrict every clause is looked up in full, for partial coverage.
func (ix *index) evaluatePass(p *plan, sc *scratch, f *docFilter, fullText, restrict bool) outcome {
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
	est := make([]int, len(p.clauses))
	for _, ci := range required {
		est[ci] = ix.estimate(&p.clauses[ci])
	}
	slices.SortStableFunc(required, func(a, b int) int { return est[a] - est[b] })
	var seen uint16
	for i, ci := range required {
		cf := f
		if restrict && i > 0 {
			if cf = ix.candidates(sc, seen, f); cf.n == 0 {
				return out // the AND is empty
			}
		}
		ix.evalClause(p, ci, sc, cf, &out, fullText)
		seen |= 1 << ci
	}
	// Weak clauses only add to docs a required clause found.
	for _, ci := range weak {
		ix.evalClause(p, ci, sc, f, &out, fullText)
	}
	if len(required) == 1 {
		// Every doc found was found by the one required clause.
		out.docs = append(out.docs, sc.touched...)
		return out
	}
	best := 0
	for _, d := range sc.touched {
		if n := popcount16(sc.slots[d].mask & out.full); n > best {
			best = n
		}
	}
	out.relaxed = best < popcount16(out.full)
	if restrict && out.relaxed {
		return outcome{clauseHits: out.clauseHits, titleHits: out.titleHits, full: out.full,
			skippedBody: out.skippedBody, dead: out.dead}
	}
	for _, d := range sc.touched {
		if popcount16(sc.slots[d].mask&out.full) == best && best > 0 {
			out.docs = append(out.docs, d)
		}
	}
	return out
}

// candidates is the set of docs matching every clause in mask, within f.
func (ix *index) candidates(sc *scratch, mask uint16, f *docFilter) *docFilter {
	list := make([]uint32, 0, len(sc.touched))
	for _, d := range sc.touched {
		if sc.slots[d].mask&mask == mask && (f == nil || f.bits.has(d)) {
			list = append(list, d)
		}
	}
	slices.Sort(list)
	b := newBitset(len(ix.docs))
	for _, d := range list {
		b.set(d)
	}
	return &docFilter{bits: b, n: len(list), list: list}
}

// estimate guesses how many docs a clause matches: the sum over its
// alternatives of their rarest key's posting length, in title-level fields,
// plus the body when few titles have it (as evalClause does).
func (ix *index) estimate(c *clause) int {
	if n := ix.estimateFields(c, false); n >= bodyFallback {
		return n
	}
	return ix.estimateFields(c, true)
}

func (ix *index) estimateFields(c *clause, body bool) int {
	n := 0
	key := make([]byte, 0, 32)
	for mi := range c.alts {
		if c.alts[mi].loose && !body {
			continue
		}
		for _, ft := range c.alts[mi].fields {
			if ft.field == fBody && !body {
				continue
			}
			least := -1
			for _, k := range ft.keys {
				key = append(append(key[:0], ft.field), k...)
				id, ok := ix.termID(key, false)
				if !ok {
					least = 0
					break
				}
				if l := int(ix.posts[id].n); least < 0 || l < least {
					least = l
				}
			}
			n += max(least, 0)
		}
	}
	return n
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
		for i := range sc.slots {
			sc.slots[i].stamp = 0
		}
		sc.epoch = 1
	}
	sc.ctouched = sc.ctouched[:0]
	for mi := range c.alts {
		for _, ft := range c.alts[mi].fields {
			if ft.field != fBody && !c.alts[mi].loose && !redundantIn(c.alts, mi, ft.field) {
				ix.mergeField(&c.alts[mi], ft, sc, f, c.weak)
			}
		}
	}
	// Loose sub-word matches and the full text are fallbacks, for concepts
	// that few titles have as typed.
	if fullText || len(sc.ctouched) < bodyFallback {
		for mi := range c.alts {
			for _, ft := range c.alts[mi].fields {
				if ft.field != fBody && c.alts[mi].loose {
					ix.mergeField(&c.alts[mi], ft, sc, f, c.weak)
				}
			}
		}
		for mi := range c.alts {
			for _, ft := range c.alts[mi].fields {
				if ft.field == fBody && !redundantIn(c.alts, mi, fBody) {
					ix.mergeField(&c.alts[mi], ft, sc, f, c.weak)
				}
			}
		}
	} else {
		out.skippedBody = true
		if len(sc.ctouched) >= bodyFallback+maxSelective {
			out.bodyIrrelevant |= 1 << ci
		}
	}
	if len(sc.ctouched) == 0 && !c.weak {
		out.dead = true // searched in titles and bodies: nothing
	}
	bit := uint16(1) << ci
	w := float32(1)
	if c.weak {
		w = weakFactor
	}
	for _, d := range sc.ctouched {
		sl := &sc.slots[d]
		if sl.mask == 0 {
			sc.touched = append(sc.touched, d)
		}
		sl.score += sl.cs * w
		sl.mask |= bit
		if sl.ctl {
			sl.tmask |= bit
			out.titleHits[ci]++
		}
	}
	out.clauseHits[ci] += len(sc.ctouched)
}

// redundantIn: another alternative's keys in the field are a subset of
// this one's (身份证 ⊂ 居民身份证), so it already finds every doc this one
// would; only the score could differ, and the literal word scores higher.
func redundantIn(alts []matcher, i int, field byte) bool {
	mine := fieldKeys(&alts[i], field)
	if mine == nil {
		return true
	}
	for j := range alts {
		other := fieldKeys(&alts[j], field)
		if j == i || alts[j].loose || other == nil || len(other) > len(mine) || len(other) == len(mine) && j > i {
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

func fieldKeys(m *matcher, field byte) []string {
	for _, ft := range m.fields {
		if ft.field == field {
			return ft.keys
		}
	}
	return nil
}

// matchField intersects the posting lists of one matcher in one field into
// sc.mdocs/sc.mtfs (docs containing every key, with the smallest term
// frequency) and returns the matcher's weight there: field weight × matcher
// weight × mean idf of its keys.
func (ix *index) matchField(m *matcher, ft fieldTerms, sc *scratch, f *docFilter) ([]uint32, []uint8, float32) {
	sc.mdocs, sc.mtfs = sc.mdocs[:0], sc.mtfs[:0]
	if len(ft.keys) == 0 {
		return nil, nil, 0
	}
	its := sc.its[:0]
	var idf float64
	key := make([]byte, 0, 32)
	n := float64(max(ix.nLive, 1))
	for _, k := range ft.keys {
		key = append(append(key[:0], ft.field), k...)
		id, ok := ix.termID(key, false)
		if !ok {
			return nil, nil, 0
		}
		p := &ix.posts[id]
		df := float64(p.n)
		idf += math.Log(1 + (n-df+0.5)/(df+0.5))
		its = append(its, newIter(p))
	}
	sc.its = its
	slices.SortFunc(its, func(a, b iter) int { return int(a.p.n) - int(b.p.n) })
	w := fieldWeight[ft.field] * m.weight * float32(idf/float64(len(ft.keys)))
	// A small filter (one department, a township) drives the intersection:
	// the posting lists are skipped through rather than decoded whole.
	if f != nil && f.n*32 < int(its[0].p.n) {
		sc.mdocs, sc.mtfs = intersectDriven(f.sorted(), its, sc.mdocs, sc.mtfs)
	} else {
		sc.mdocs, sc.mtfs = intersect(its, sc.mdocs, sc.mtfs)
	}
	return sc.mdocs, sc.mtfs, w
}

// mergeField scores the docs one matcher finds in one field (BM25-like:
// term frequency in bodies, length normalization in both) and keeps each
// doc's best score for the current clause.
func (ix *index) mergeField(m *matcher, ft fieldTerms, sc *scratch, f *docFilter, onlyKnown bool) {
	docs, tfs, w := ix.matchField(m, ft, sc, f)
	if len(docs) == 0 {
		return
	}
	body := ft.field == fBody
	allLive := ix.nLive == len(ix.docs)
	ep := sc.epoch
	for i, d := range docs {
		sl := &sc.slots[d]
		if !allLive && !ix.live.has(d) || f != nil && !f.bits.has(d) || onlyKnown && sl.mask == 0 {
			continue
		}
		var s float32
		if body {
			t := float32(tfs[i])
			s = w * t * (bm25K1 + 1) / (t + ix.hot[d].bodyK)
		} else {
			s = w * ix.hot[d].titleNorm
		}
		if sl.stamp != ep {
			sl.stamp, sl.cs, sl.ctl = ep, s, !body
			sc.ctouched = append(sc.ctouched, d)
			continue
		}
		if s > sl.cs {
			sl.cs = s
		}
		if !body {
			sl.ctl = true
		}
	}
}
