package search

import (
	"fmt"
	"slices"
	"testing"
	"unsafe"
)

// decoded lists every (doc, tf) of a posting list.
func decoded(p *posting) [][2]uint32 {
	var out [][2]uint32
	it := newIter(p)
	for it.next() {
		out = append(out, [2]uint32{it.doc, uint32(it.tf)})
	}
	return out
}

// After compact the posting lists share arenas; a later Upsert appends to
// some of them. Every other list must still decode exactly as before, and
// the appended ones must hold their old entries plus the new document.
func TestCompactedListsStayIntactWhenNeighboursGrow(t *testing.T) {
	ix := newIndex()
	az := newAnalyzer()
	var ids []uint32
	for i := range 3000 {
		d := Doc{ID: fmt.Sprint("d", i), Title: fmt.Sprintf("第%d号 居民身份证 换领", i%37), Body: fmt.Sprintf("材料 %d 户口簿\n申请表 %d", i, i%11)}
		var a analysed
		az.analyze(&d, &a)
		ids = ix.add(&a, ids)
	}
	ix.compact()
	before := make([][][2]uint32, len(ix.posts))
	for i := range ix.posts {
		before[i] = decoded(&ix.posts[i])
		if cap(ix.posts[i].data) != len(ix.posts[i].data) {
			t.Fatalf("list %d has slack %d after compact", i, cap(ix.posts[i].data)-len(ix.posts[i].data))
		}
	}
	neighbours := 0 // lists that start where the previous one ends: one arena
	for i := 1; i < len(ix.posts); i++ {
		a, b := ix.posts[i-1].data, ix.posts[i].data
		if len(a) > 0 && len(b) > 0 && uintptr(unsafe.Pointer(unsafe.SliceData(b))) == uintptr(unsafe.Pointer(unsafe.SliceData(a)))+uintptr(len(a)) {
			neighbours++
		}
	}
	if neighbours == 0 {
		t.Fatal("no two lists are neighbours in an arena: the test would prove nothing")
	}
	d := Doc{ID: "new", Title: "居民身份证 换领", Body: "材料 户口簿"}
	var a analysed
	az.analyze(&d, &a)
	n := len(ix.posts)
	ix.add(&a, nil)
	newID := uint32(len(ix.docs) - 1)
	grew := 0
	for i := range n {
		got := decoded(&ix.posts[i])
		switch {
		case slices.Equal(got, before[i]):
		case len(got) == len(before[i])+1 && slices.Equal(got[:len(before[i])], before[i]) && got[len(got)-1][0] == newID:
			grew++
		default:
			t.Fatalf("list %d changed: %d entries before, %d after", i, len(before[i]), len(got))
		}
	}
	if grew == 0 {
		t.Fatal("the new document was added to no existing list")
	}
}
