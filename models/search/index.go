package search

import (
	"strings"
	"unicode/utf8"
)

// Fields of the index; a term key is the field byte followed by the term.
const (
	fTitle    = 't' // title: ideograph bigrams and unigrams, other words
	fKeywords = 'k' // keywords (matter name of the 基本目录, aliases)
	fBody     = 'b' // body: ideograph bigrams, other words
	fPinyin   = 'p' // title+keywords pinyin: syllables and syllable bigrams
	fInitials = 'i' // title+keywords pinyin initials: 2- and 3-grams

	// Other readings of polyphonic characters (银行 read yinxing).
	fPinyinAlt   = 'q'
	fInitialsAlt = 'j'
)

// maxRegionDepth is national, province, city, county, township, village.
const maxRegionDepth = 6

// snippetRunes is how much of a body is kept for snippets: the full text
// stays in the database, the index keeps only what a result list shows.
const snippetRunes = 72

// docRec is the cold part of a document: what a hit shows. Title, kind and
// sort key live in per-title and per-kind tables (titleID, kindID): a
// million items share a few thousand titles.
type docRec struct {
	ext, url, kws, snip string // url "" when derivable from ext (itemURL)
	facetOff            uint32
	facetN              uint16
	kind                uint8
	regionN             uint8
	region              [maxRegionDepth]uint32 // interned RegionPath
}

// docHot is the per-doc data every candidate needs.
type docHot struct {
	titleID uint32  // interned title: the same matter in many regions
	region  uint32  // interned own region (RegionPath[0])
	pop     float32 // popularity
	// BM25 length normalization precomputed (norms): the title factor
	// (k1+1)/(1+K) and the body K = k1(1-b+b·len/avg).
	titleNorm, bodyK float32
}

// index is the inverted index with its document store. It is mutated only
// under Engine.mu's write lock.
type index struct {
	lineTIDs map[*lineTerms][]uint32 // during a build: term ids of body lines
	tfAcc    []uint32                // add: occurrences per term id of the document being added
	touched  []uint32                // add: term ids with tfAcc > 0
	terms    map[string]uint32       // field byte + word, pinyin, initials
	hterms   map[uint64]uint32       // ideograph grams: hanKey
	posts    []posting

	docs  []docRec
	live  bitset
	nLive int
	byExt map[string]uint32

	// Hot per-doc data read for every candidate: one struct per doc, so a
	// candidate costs one cache miss (see slot).
	hot      []docHot
	docUpd   []int64
	titleLen []uint8
	bodyLen  []uint16

	nameRank []uint32
	titleID  []uint32 // interned title: the same matter in many regions

	// Per title id: the normalized title without spaces and its pinyin
	// initials, for exact-title ranking.
	titleExact, titleIni []string
	byExact, byPinyin    map[string][]uint32 // title ids by exact form, by full pinyin and initials
	titleText, titleName []string            // original title, pinyin sort key
	kinds                []string

	facets      *interner // "key\x00value"
	facetKey    []uint16  // per facet value id: its key id
	keys        *interner // facet keys
	facetPosts  [][]uint32
	keyPostings []int // per facet key id: postings of all its values
	facetArena  []uint32
	facetBits   []bitset // per facet value id: its docs when dense (facetbits.go)
	facetRank   []uint32 // per facet value id: its place in text order
	facetOrder  []uint32 // facet value ids in text order (facetRank's inverse)
	keyCosts    []int    // per facet key id: facetCost of all its values

	regions    *interner  // region codes
	rpathPosts [][]uint32 // docs whose RegionPath contains the region

	sumTitle, sumBody uint64
	names             []string // sorted unique name keys, for nameRank
	strs              *interner
	titles            *interner
	pyIDs             map[*titleTerms][]uint32 // build cache: pinyin term ids per title
}

func newIndex() *index {
	return &index{terms: map[string]uint32{}, hterms: map[uint64]uint32{}, byExt: map[string]uint32{}, facets: newInterner(),
		keys: newInterner(), regions: newInterner(), strs: newInterner(), titles: newInterner(),
		byExact: map[string][]uint32{}, byPinyin: map[string][]uint32{}}
}

// analysed is one document turned into index terms, ready to be added.
type analysed struct {
	doc      *Doc
	title    string // normalized
	terms    []string
	fields   []byte        // field of each term
	hkeys    []uint64      // ideograph grams (hanKey)
	hcount   []uint32      // occurrences of each of hkeys
	lines    []*lineTerms  // body lines, shared by documents with the same line
	pinyin   []*titleTerms // of the title and each keyword
	kws      []string      // normalized keywords not contained in the title
	snip     string
	titleLen int
	bodyLen  int
	nameKey  string
}

// pinyinIDs returns the pinyin term ids of a title, cached during a build
// (the same title repeats in every region).
func (ix *index) pinyinIDs(tt *titleTerms) []uint32 {
	if ids, ok := ix.pyIDs[tt]; ok {
		return ids
	}
	ids := tt.termIDs(ix, nil)
	if ix.pyIDs != nil {
		if len(ix.pyIDs) >= maxCachedTitles {
			clear(ix.pyIDs)
		}
		ix.pyIDs[tt] = ids
	}
	return ids
}

// lineIDs returns the term ids of a body line's grams (in lt.hkeys order)
// followed by its words', creating them; kept per line during a build.
func (ix *index) lineIDs(lt *lineTerms) []uint32 {
	if ids, ok := ix.lineTIDs[lt]; ok {
		return ids
	}
	ids := make([]uint32, 0, len(lt.hkeys)+len(lt.terms))
	for _, k := range lt.hkeys {
		tid, _ := ix.hanTermID(k, true)
		ids = append(ids, tid)
	}
	key := make([]byte, 0, 32)
	for _, t := range lt.terms {
		key = append(append(key[:0], fBody), t...)
		tid, _ := ix.termID(key, true)
		ids = append(ids, tid)
	}
	if ix.lineTIDs != nil {
		if len(ix.lineTIDs) >= maxCachedLines {
			clear(ix.lineTIDs)
		}
		ix.lineTIDs[lt] = ids
	}
	return ids
}

// count adds n occurrences of term tid to the document being added.
func (ix *index) count(tid, n uint32) {
	if int(tid) >= len(ix.tfAcc) {
		ix.tfAcc = append(ix.tfAcc, make([]uint32, int(tid)+1-len(ix.tfAcc)+len(ix.tfAcc)/2)...)
	}
	if ix.tfAcc[tid] == 0 {
		ix.touched = append(ix.touched, tid)
	}
	ix.tfAcc[tid] += n
}

// hanKey packs a field and one or two ideographs into an integer term key.
func hanKey(field byte, r1, r2 rune) uint64 {
	return uint64(field)<<48 | uint64(r1)<<24 | uint64(r2) // #nosec G115 -- r1 and r2 are runes of decoded text: 0..0x10FFFF, never negative, and fit the 24 bits they get
}

// termID returns the id of a term key (field byte + term), creating it when
// create is set. Terms of one or two ideographs live in hterms.
func (ix *index) termID(key []byte, create bool) (uint32, bool) {
	if k, ok := hanKeyOf(key); ok {
		return ix.hanTermID(k, create)
	}
	if id, ok := ix.terms[string(key)]; ok {
		return id, true
	}
	if !create {
		return 0, false
	}
	id := uint32(len(ix.posts)) // #nosec G115 -- term ids: at most a few million terms, far below 2^32
	ix.terms[string(key)] = id
	ix.posts = append(ix.posts, posting{})
	return id, true
}

func (ix *index) hanTermID(k uint64, create bool) (uint32, bool) {
	if id, ok := ix.hterms[k]; ok {
		return id, true
	}
	if !create {
		return 0, false
	}
	id := uint32(len(ix.posts)) // #nosec G115 -- term ids: at most a few million terms, far below 2^32
	ix.hterms[k] = id
	ix.posts = append(ix.posts, posting{})
	return id, true
}

// hanKey3 packs a field and three ideographs (each below U+40000, which
// holds every CJK block but the newest) into a key distinct from hanKey's.
func hanKey3(field byte, r1, r2, r3 rune) (uint64, bool) {
	if r1 >= 1<<18 || r2 >= 1<<18 || r3 >= 1<<18 {
		return 0, false
	}
	return 1<<63 | uint64(field)<<54 | uint64(r1)<<36 | uint64(r2)<<18 | uint64(r3), true // #nosec G115 -- r1..r3 are runes of decoded text, never negative, and below 1<<18 (checked above)
}

// hanKeyOf returns the integer key of a field+term of one to three
// ideographs.
func hanKeyOf(key []byte) (uint64, bool) {
	var rs [3]rune
	n := 0
	for i := 1; i < len(key); {
		r, size := utf8.DecodeRune(key[i:])
		if n == 3 || !isHan(r) {
			return 0, false
		}
		rs[n] = r
		n++
		i += size
	}
	switch n {
	case 1:
		return hanKey(key[0], rs[0], 0), true
	case 2:
		return hanKey(key[0], rs[0], rs[1]), true
	case 3:
		return hanKey3(key[0], rs[0], rs[1], rs[2])
	}
	return 0, false
}

// add appends a document under a new internal id; the caller has removed
// any previous version. ids is scratch space, returned for reuse.
func (ix *index) add(a *analysed, ids []uint32) []uint32 {
	d := a.doc
	id := uint32(len(ix.docs)) // #nosec G115 -- index positions: at most a few million documents, far below 2^32
	// Term ids sorted so equal terms are adjacent: their run is the tf.
	ids = ids[:0]
	key := make([]byte, 0, 32)
	for i, t := range a.terms {
		key = append(key[:0], a.fields[i])
		key = append(key, t...)
		tid, _ := ix.termID(key, true)
		ids = append(ids, tid)
	}
	for _, tt := range a.pinyin {
		ids = append(ids, ix.pinyinIDs(tt)...)
	}
	// A term may occur in several fields' lists, and a term spelled out as
	// a string may map to a gram's id (termID): occurrences are summed per
	// id in tfAcc before each posting gets this document once.
	for i, k := range a.hkeys {
		tid, _ := ix.hanTermID(k, true)
		ix.count(tid, a.hcount[i])
	}
	for _, tid := range ids {
		ix.count(tid, 1)
	}
	for _, lt := range a.lines {
		tids := ix.lineIDs(lt)
		for i, tid := range tids {
			n := uint32(1) // a word
			if i < len(lt.hcount) {
				n = lt.hcount[i] // a gram
			}
			ix.count(tid, n)
		}
	}
	for _, tid := range ix.touched {
		ix.posts[tid].add(id, int(min(ix.tfAcc[tid], maxTF)))
		ix.tfAcc[tid] = 0
	}
	ix.touched = ix.touched[:0]
	rec := docRec{ext: d.ID, url: d.URL, kws: ix.strs.intern(strings.Join(d.Keywords, "\x1f")),
		// A matter's items in every region mostly open with the same
		// conditions: one copy of each snippet (216 MB at 1M items before).
		snip:     ix.strs.intern(a.snip),
		facetOff: uint32(len(ix.facetArena)), kind: ix.kindID(d.Kind)} // #nosec G115 -- facet arena: a few facets per document, a few million documents, far below 2^32
	if u, ok := itemURL(d.ID); ok && u == d.URL {
		rec.url = ""
	}
	ix.addFacets(&rec, id, d)
	ix.addRegions(&rec, id, d.RegionPath)
	ix.docs = append(ix.docs, rec)
	ix.byExt[d.ID] = id
	if int(id>>6) >= len(ix.live) {
		ix.live = append(ix.live, 0)
	}
	ix.live.set(id)
	ix.nLive++
	ix.hot = append(ix.hot, docHot{region: rec.region[0], pop: float32(d.Popularity)})
	ix.docUpd = append(ix.docUpd, unixOrZero(d.Updated))
	ix.titleLen = append(ix.titleLen, uint8(min(a.titleLen, 255))) // #nosec G115 -- clamped to 255 and a length is not negative
	ix.bodyLen = append(ix.bodyLen, uint16(min(a.bodyLen, 65535))) // #nosec G115 -- clamped to 65535 and a length is not negative
	ix.nameRank = append(ix.nameRank, ix.rankOf(a.nameKey))
	tid, isNew := ix.titles.id(d.Title)
	if isNew {
		ix.titleExact = append(ix.titleExact, stripSpaces(a.title))
		ix.titleIni = append(ix.titleIni, primaryInitials(a.title))
		ix.titleText = append(ix.titleText, ix.titles.strs[tid])
		ix.titleName = append(ix.titleName, a.nameKey)
		ix.byExact[ix.titleExact[tid]] = append(ix.byExact[ix.titleExact[tid]], tid)
		ix.byPinyin[a.nameKey] = append(ix.byPinyin[a.nameKey], tid)
		if ini := ix.titleIni[tid]; ini != a.nameKey {
			ix.byPinyin[ini] = append(ix.byPinyin[ini], tid)
		}
	}
	ix.hot[id].titleID = tid
	ix.sumTitle += uint64(a.titleLen) // #nosec G115 -- a length, not negative
	ix.sumBody += uint64(a.bodyLen)   // #nosec G115 -- a length, not negative
	ix.hot[id].titleNorm, ix.hot[id].bodyK = ix.norms(id)
	return ids
}

func (ix *index) addFacets(rec *docRec, id uint32, d *Doc) {
	add := func(k, v string) {
		kid, newKey := ix.keys.id(k)
		if newKey {
			ix.keyPostings = append(ix.keyPostings, 0)
		}
		fid, isNew := ix.facets.id(k + "\x00" + v)
		if isNew {
			ix.facetKey = append(ix.facetKey, uint16(kid)) // #nosec G115 -- kid numbers facet names, which are literals in code (kind, region, dept, theme_l…): a handful
			ix.facetPosts = append(ix.facetPosts, nil)
		}
		for _, x := range ix.facetArena[rec.facetOff:] {
			if x == fid {
				return
			}
		}
		ix.facetArena = append(ix.facetArena, fid)
		ix.addFacetDoc(fid, id)
		ix.keyPostings[kid]++
	}
	add("kind", d.Kind)
	// Map iteration order does not matter: values are sets.
	for k, vs := range d.Facets {
		if k == "kind" {
			continue
		}
		for _, v := range vs {
			if v != "" {
				add(k, v)
			}
		}
	}
	rec.facetN = uint16(uint32(len(ix.facetArena)) - rec.facetOff) // #nosec G115 -- one document's facets: a handful, far below 2^16; the arena is far below 2^32
}

func (ix *index) addRegions(rec *docRec, id uint32, path []string) {
	if len(path) == 0 {
		path = []string{nationalCode}
	}
	for _, code := range path {
		if int(rec.regionN) == maxRegionDepth {
			break
		}
		rid, isNew := ix.regions.id(code)
		if isNew {
			ix.rpathPosts = append(ix.rpathPosts, nil)
		}
		rec.region[rec.regionN] = rid
		rec.regionN++
		ix.rpathPosts[rid] = append(ix.rpathPosts[rid], id)
	}
}

// norms computes a doc's length normalization with the current averages.
func (ix *index) norms(d uint32) (float32, float32) {
	n := float32(max(ix.nLive, 1))
	avgT, avgB := max(float32(ix.sumTitle)/n, 1), max(float32(ix.sumBody)/n, 1)
	tn := (bm25K1 + 1) / (1 + bm25K1*(1-bm25BTitle+bm25BTitle*float32(ix.titleLen[d])/avgT))
	return tn, bm25K1 * (1 - bm25BBody + bm25BBody*float32(ix.bodyLen[d])/avgB)
}

// renorm recomputes every doc's normalization with the final averages
// (after a build, when early docs were normalized by early averages).
func (ix *index) renorm() {
	for d := range ix.docs {
		ix.hot[d].titleNorm, ix.hot[d].bodyK = ix.norms(uint32(d))
	}
}

// remove tombstones a document; its postings are skipped from now on.
func (ix *index) remove(ext string) bool {
	id, ok := ix.byExt[ext]
	if !ok {
		return false
	}
	delete(ix.byExt, ext)
	if ix.live.has(id) {
		ix.live.clear(id)
		ix.nLive--
		ix.sumTitle -= uint64(ix.titleLen[id])
		ix.sumBody -= uint64(ix.bodyLen[id])
	}
	return true
}
