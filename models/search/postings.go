package search

import (
	"slices"
)

// Posting lists hold the sorted uint32 ids of the documents containing a
// term, delta-encoded as varints with the term frequency (capped at 7) in
// the low three bits. Every skipEvery entries a skip entry records the last
// doc id before the block and the block's byte offset, so an intersection
// can jump over blocks instead of decoding them.

const (
	skipEvery = 128
	maxTF     = 7
)

type posting struct {
	data  []byte
	skips []uint32 // pairs: last doc id before the block, byte offset of the block
	n     uint32
	last  uint32
}

// add appends doc (greater than every doc already in the list) with its
// term frequency.
func (p *posting) add(doc uint32, tf int) {
	if p.n%skipEvery == 0 && p.n > 0 {
		p.skips = append(p.skips, p.last, uint32(len(p.data))) // #nosec G115 -- byte offset in one term's posting list: a few bytes per document, a few million documents, far below 2^32
	}
	if tf > maxTF {
		tf = maxTF
	}
	if tf < 1 {
		tf = 1
	}
	v := uint64(doc-p.last)<<3 | uint64(tf)
	if p.n == 0 {
		v = uint64(doc)<<3 | uint64(tf)
	}
	for v >= 0x80 {
		p.data = append(p.data, byte(v)|0x80)
		v >>= 7
	}
	p.data = append(p.data, byte(v))
	p.last = doc
	p.n++
}

// iter walks a posting list.
type iter struct {
	p    *posting
	off  int    // byte offset of the next entry
	i    uint32 // index of the next entry
	doc  uint32 // current doc (valid after next returned true)
	tf   uint8
	base uint32 // doc id the next delta is relative to
}

func newIter(p *posting) iter { return iter{p: p} }

// next moves to the following entry.
func (it *iter) next() bool {
	if it.i >= it.p.n {
		return false
	}
	var v uint64
	var shift uint
	d := it.p.data
	for {
		b := d[it.off]
		it.off++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			break
		}
		shift += 7
	}
	if it.i == 0 {
		it.doc = uint32(v >> 3) // #nosec G115 -- v was encoded by add as a uint32 doc (or gap) <<3 | tf, so v>>3 fits 32 bits
	} else {
		it.doc = it.base + uint32(v>>3) // #nosec G115 -- as above
	}
	it.base = it.doc
	it.tf = uint8(v & 7)
	it.i++
	return true
}

// advance moves to the first entry with doc ≥ target; false at the end.
// It must be called after next has returned true at least once, or on a
// fresh iterator.
func (it *iter) advance(target uint32) bool {
	if it.i > 0 && it.doc >= target {
		return true
	}
	// Jump to the last block whose preceding doc is below target.
	sk := it.p.skips
	blk := int(it.i / skipEvery) // current block index (entries before it are done)
	lo, hi := blk, len(sk)/2     // candidate skip entries blk..hi-1 describe blocks blk+1..
	for lo < hi {
		m := (lo + hi) / 2
		if sk[2*m] < target {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo > blk {
		// skip entry lo-1 starts block lo.
		it.base = sk[2*(lo-1)]
		it.off = int(sk[2*(lo-1)+1])
		it.i = uint32(lo) * skipEvery // #nosec G115 -- lo is a skip block of a list of at most a few million documents, so lo*skipEvery is far below 2^32
	}
	for it.next() {
		if it.doc >= target {
			return true
		}
	}
	return false
}

// intersectDriven appends the docs of lead (sorted) present in every list.
func intersectDriven(lead []uint32, its []iter, docs []uint32, tfs []uint8) ([]uint32, []uint8) {
	for j := 0; j < len(lead); {
		d := lead[j]
		match := true
		tf := uint8(maxTF)
		for i := range its {
			if !its[i].advance(d) {
				return docs, tfs
			}
			if its[i].doc != d {
				match = false
				k, _ := slices.BinarySearch(lead[j:], its[i].doc)
				j += max(k, 1)
				break
			}
			tf = min(tf, its[i].tf)
		}
		if match {
			docs, tfs = append(docs, d), append(tfs, tf)
			j++
		}
	}
	return docs, tfs
}

// intersect appends the docs present in every list (shortest first), with
// the smallest term frequency among the lists.
func intersect(its []iter, docs []uint32, tfs []uint8) ([]uint32, []uint8) {
	lead := &its[0]
	if len(its) == 1 {
		for lead.next() {
			docs, tfs = append(docs, lead.doc), append(tfs, lead.tf)
		}
		return docs, tfs
	}
	if !lead.next() {
		return docs, tfs
	}
	d := lead.doc
	for {
		match := true
		tf := lead.tf
		for i := 1; i < len(its); i++ {
			o := &its[i]
			if !o.advance(d) {
				return docs, tfs
			}
			if o.doc != d {
				match = false
				if !lead.advance(o.doc) {
					return docs, tfs
				}
				d = lead.doc
				break
			}
			tf = min(tf, o.tf)
		}
		if match {
			docs, tfs = append(docs, d), append(tfs, tf)
			if !lead.next() {
				return docs, tfs
			}
			d = lead.doc
		}
	}
}
