package search

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// buildBatch is how many documents travel together through the build
// pipeline.
const buildBatch = 256

type buildJob struct {
	seq  int
	docs []Doc
	an   []analysed
}

// buildIndex reads every source into a new index: the sources stream in
// one goroutine, GOMAXPROCS workers analyse batches (normalization,
// grams, pinyin), and this goroutine adds them in source order, so a doc ID
// emitted twice keeps its last version.
func buildIndex(ctx context.Context, sources []Source) (*index, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(1, runtime.GOMAXPROCS(0))
	in, out := make(chan *buildJob, 2*workers), make(chan *buildJob, 2*workers)
	// Jobs go back to the producer once added, with their slices: the
	// build then makes little garbage, which keeps its peak memory near the
	// size of the index.
	free := make(chan *buildJob, 4*workers+2)
	job := func(seq int) *buildJob {
		select {
		case j := <-free:
			j.seq, j.docs = seq, j.docs[:0]
			return j
		default:
			return &buildJob{seq: seq}
		}
	}
	var srcErr error
	go func() {
		defer close(in)
		seq := 0
		cur := job(0)
		send := func() bool {
			select {
			case in <- cur:
				seq++
				cur = job(seq)
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, src := range sources {
			err := src.All(ctx, func(d Doc) error {
				if d.ID == "" {
					return nil
				}
				if d.Kind == "" {
					d.Kind = src.Kind()
				}
				cur.docs = append(cur.docs, d)
				if len(cur.docs) == buildBatch && !send() {
					return ctx.Err()
				}
				return ctx.Err()
			})
			if err != nil {
				srcErr = fmt.Errorf("index %s: %w", src.Kind(), err)
				return
			}
		}
		if len(cur.docs) > 0 {
			send()
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			az := newAnalyzer()
			for j := range in {
				if cap(j.an) < len(j.docs) {
					j.an = make([]analysed, len(j.docs))
				}
				j.an = j.an[:len(j.docs)]
				for i := range j.docs {
					az.analyze(&j.docs[i], &j.an[i])
				}
				out <- j
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	ix := newIndex()
	ix.pyIDs = map[*titleTerms][]uint32{}
	ix.lineTIDs = map[*lineTerms][]uint32{}
	defer func() { ix.pyIDs, ix.lineTIDs = nil, nil }()
	pending := map[int]*buildJob{}
	next := 0
	var ids []uint32
	for j := range out {
		pending[j.seq] = j
		for p, ok := pending[next]; ok; p, ok = pending[next] {
			delete(pending, next)
			next++
			for i := range p.an {
				ix.remove(p.an[i].doc.ID)
				ids = ix.add(&p.an[i], ids)
				p.an[i].doc = nil
			}
			clear(p.docs) // drop the bodies now
			select {
			case free <- p:
			default:
			}
		}
	}
	if srcErr != nil {
		return nil, srcErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return ix, nil
}

// titleTerms are the pinyin terms and sort key of one title, computed once
// per distinct title: the same matter title repeats in every region. Terms
// of the primary reading and of other readings of polyphones are kept apart
// so the primary reading ranks higher.
type titleTerms struct {
	py, pyAlt, ini, iniAlt []string
	nameKey                string
}

// analyzer turns documents into index terms. It is not safe for concurrent
// use (it caches per title).
type analyzer struct {
	cache map[string]*titleTerms
	lines map[string]*lineTerms // body lines (addBody)
}

func newAnalyzer() *analyzer {
	return &analyzer{cache: map[string]*titleTerms{}, lines: map[string]*lineTerms{}}
}

// lineTerms are the terms of one line of a body. Guides repeat the same
// lines (居民身份证, 申请表, a FAQ) across the regions' implementation items
// of a matter, so a build analyses each distinct line once per worker.
type lineTerms struct {
	terms  []string
	hkeys  []uint64 // distinct, with their counts in hcount
	hcount []uint32
	n      int
}

// maxCachedLines bounds the line cache of one analyzer.
const maxCachedLines = 1 << 16

// addBody adds the body's lines through the line cache; their terms equal
// those of addText(normalize(body), fBody, false), since normalization and
// tokens never cross a line break (TestBodyLinesAnalyseLikeWholeBody). The
// index looks up each distinct line's term ids once per build (lineIDs).
func (a *analysed) addBody(az *analyzer, body string) int {
	n := 0
	for line := range strings.SplitSeq(body, "\n") {
		lt, ok := az.lines[line]
		if !ok {
			var tmp analysed
			lt = &lineTerms{n: tmp.addText(normalize(line), fBody, false), terms: tmp.terms}
			lt.hkeys, lt.hcount = groupKeys(tmp.hkeys)
			if len(az.lines) >= maxCachedLines {
				clear(az.lines)
			}
			az.lines[line] = lt
		}
		a.lines = append(a.lines, lt)
		n += lt.n
	}
	return n
}

func (az *analyzer) analyze(d *Doc, a *analysed) {
	a.doc = d
	a.terms, a.fields, a.hkeys, a.hcount, a.lines = a.terms[:0], a.fields[:0], a.hkeys[:0], a.hcount[:0], a.lines[:0]
	a.title = normalize(d.Title)
	a.titleLen = a.addText(a.title, fTitle, true)
	kws := a.kws[:0]
	for _, k := range d.Keywords {
		// A keyword the title already contains (the 基本目录 name of an item
		// named like its matter) would only double the work of every query.
		if nk := normalize(k); nk != "" && !strings.Contains(a.title, nk) {
			kws = append(kws, nk)
			a.addText(nk, fKeywords, true)
		}
	}
	a.kws = kws
	a.bodyLen = a.addBody(az, d.Body)
	tt := az.title(a.title)
	a.pinyin = append(a.pinyin[:0], tt)
	for _, k := range a.kws {
		a.pinyin = append(a.pinyin, az.title(k))
	}
	a.nameKey = tt.nameKey
	a.snip = snippetSource(d.Body)
}

// groupKeys returns the distinct keys of ks with their counts.
func groupKeys(ks []uint64) ([]uint64, []uint32) {
	slices.Sort(ks)
	var counts []uint32
	out := ks[:0]
	for i := 0; i < len(ks); {
		j := i + 1
		for j < len(ks) && ks[j] == ks[i] {
			j++
		}
		out = append(out, ks[i])
		counts = append(counts, uint32(j-i)) // #nosec G115 -- j > i and the run is at most the number of keys: a few million, far below 2^32
		i = j
	}
	return slices.Clip(out), counts
}

// addText adds the terms of one text field: ideograph grams as integer
// keys (no string hashing while indexing), other words as strings. It
// returns the number of terms.
func (a *analysed) addText(s string, field byte, unigrams bool) int {
	n := 0
	for _, t := range tokenize(s) {
		if !t.han {
			a.terms = append(a.terms, t.text)
			a.fields = append(a.fields, field)
			n++
			continue
		}
		var p1, p2 rune = -1, -1
		single := utf8.RuneCountInString(t.text) == 1
		for _, r := range t.text {
			if p2 >= 0 {
				a.addKey(hanKey(field, p2, r))
				n++
			}
			// Titles also get trigrams: a three-character word is then one
			// posting list, not an intersection of two (see titleKeys).
			if unigrams && p1 >= 0 {
				if k, ok := hanKey3(field, p1, p2, r); ok {
					a.addKey(k)
				}
			}
			if unigrams || single {
				a.addKey(hanKey(field, r, 0))
				if single {
					n++
				}
			}
			p1, p2 = p2, r
		}
	}
	return n
}

// addKey adds one occurrence of an ideograph gram.
func (a *analysed) addKey(k uint64) {
	a.hkeys = append(a.hkeys, k)
	a.hcount = append(a.hcount, 1)
}

func (az *analyzer) title(t string) *titleTerms {
	if tt, ok := az.cache[t]; ok {
		return tt
	}
	tt := pinyinTerms(t)
	if len(az.cache) >= maxCachedTitles {
		clear(az.cache)
	}
	az.cache[t] = tt
	return tt
}

// maxCachedTitles bounds the title cache of one analyzer (and the index's
// pinyin id cache, pyIDs). Titles repeat in every region, but keywords
// include the 实施主体 (杭州市西湖区公安局): 150,000 distinct names in a
// million items, whose pinyin terms held 400 MB while a build ran unbounded.
const maxCachedTitles = 1 << 14

// termIDs returns the ids of a title's pinyin terms, creating them. The
// index caches them per title while building.
func (tt *titleTerms) termIDs(ix *index, ids []uint32) []uint32 {
	key := make([]byte, 0, 32)
	for _, l := range []struct {
		f     byte
		terms []string
	}{{fPinyin, tt.py}, {fPinyinAlt, tt.pyAlt}, {fInitials, tt.ini}, {fInitialsAlt, tt.iniAlt}} {
		for _, t := range l.terms {
			key = append(append(key[:0], l.f), t...)
			id, _ := ix.termID(key, true)
			ids = append(ids, id)
		}
	}
	return ids
}

// pinyinTerms indexes a title's syllables, syllable bigrams and initials
// 2- and 3-grams, for the primary reading and for every other reading of its
// polyphonic characters, so 银行 is found by yinhang, yh and also yinxing.
func pinyinTerms(title string) *titleTerms {
	tt := &titleTerms{}
	sets := readText(title, true)
	primary := make([][]string, len(sets))
	var key strings.Builder
	for i, s := range sets {
		primary[i] = s[:1]
		key.WriteString(s[0])
	}
	tt.nameKey = key.String()
	if tt.nameKey == "" {
		tt.nameKey = title
	}
	seen := map[string]bool{}
	tt.py, tt.ini = readingTerms(primary, seen)
	tt.pyAlt, tt.iniAlt = readingTerms(sets, seen)
	for i := 0; i+2 < len(primary); i++ { // syllable trigrams, as for characters
		tt.py = append(tt.py, primary[i][0]+" "+primary[i+1][0]+" "+primary[i+2][0])
	}
	return tt
}

// readingTerms returns the syllable and initials terms of a reading lattice
// that are not in seen, adding them to it.
func readingTerms(sets [][]string, seen map[string]bool) (py, ini []string) {
	add := func(list *[]string, t string) {
		if !seen[t] {
			seen[t] = true
			*list = append(*list, t)
		}
	}
	inits := make([][]string, len(sets))
	for i, s := range sets {
		for _, syl := range s {
			add(&py, syl)
			if i+1 < len(sets) {
				for _, nx := range sets[i+1] {
					add(&py, syl+" "+nx)
				}
			}
			if !contains(inits[i], syl[:1]) {
				inits[i] = append(inits[i], syl[:1])
			}
		}
	}
	for i := range inits {
		for _, a := range inits[i] {
			if i+1 >= len(inits) {
				continue
			}
			for _, b := range inits[i+1] {
				add(&ini, "\x00"+a+b)
				if i+2 < len(inits) {
					for _, c := range inits[i+2] {
						add(&ini, "\x00"+a+b+c)
					}
				}
			}
		}
	}
	if len(sets) == 1 {
		for _, s := range sets[0] {
			add(&ini, "\x00"+s[:1])
		}
	}
	for i := range ini {
		ini[i] = ini[i][1:]
	}
	return py, ini
}
