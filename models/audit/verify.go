package audit

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// Problems Verify can find at an entry.
const (
	BrokenHash = "hash" // a column changed: the stored hash no longer matches
	BrokenLink = "link" // prev_hash is not the previous entry's hash (row inserted or replaced)
	BrokenGap  = "gap"  // a sequence number is missing (row deleted)
	BrokenHead = "head" // the chain ends before its head (tail deleted) or the head was altered
)

// Report is the outcome of Verify.
type Report struct {
	Chain    string
	Entries  int64 // entries checked
	HeadSeq  int64
	HeadHash string // record it elsewhere to anchor the chain
	OK       bool
	// The first broken entry (when !OK): its sequence number and row id
	// (0 when the problem is the head) and what is wrong with it.
	BrokenSeq int64
	BrokenID  int64
	Problem   string
}

// String is the one-line summary `portal audit verify` prints.
func (r Report) String() string {
	if r.OK {
		return fmt.Sprintf("audit chain %q intact: %d entries, head %d %s", r.Chain, r.Entries, r.HeadSeq, r.HeadHash)
	}
	return fmt.Sprintf("audit chain %q BROKEN at entry %d (id %d): %s", r.Chain, r.BrokenSeq, r.BrokenID, problemText[r.Problem])
}

var problemText = map[string]string{
	BrokenHash: "its content no longer matches its hash (a column was changed)",
	BrokenLink: "it does not point at the previous entry's hash (an entry was inserted or replaced)",
	BrokenGap:  "the entry before it is missing (an entry was deleted)",
	BrokenHead: "the chain does not end at its recorded head (entries were deleted from the end, or the head was changed)",
}

// verifyBatch is how many entries Verify reads per query.
const verifyBatch = 1000

// Verify walks chain in sequence order, recomputing every hash, and stops
// at the first entry that does not fit. It reads by key in batches, so a
// chain of millions costs constant memory.
func Verify(ctx context.Context, db *gorm.DB, chain string) (Report, error) {
	rep := Report{Chain: chain}
	var head struct {
		Seq  int64
		Hash string
	}
	if err := db.WithContext(ctx).Raw("SELECT seq, hash FROM audit_heads WHERE chain = ?", chain).Scan(&head).Error; err != nil {
		return rep, err
	}
	rep.HeadSeq, rep.HeadHash = head.Seq, head.Hash
	prevHash, prevSeq := Genesis, int64(0)
	broken := func(r Record, problem string) (Report, error) {
		rep.BrokenSeq, rep.BrokenID, rep.Problem = r.Seq, r.ID, problem
		return rep, nil
	}
	for {
		var batch []Record
		err := db.WithContext(ctx).Where("chain = ? AND seq > ?", chain, prevSeq).Order("seq").Limit(verifyBatch).Find(&batch).Error
		if err != nil {
			return rep, err
		}
		for _, r := range batch {
			switch {
			case r.Seq != prevSeq+1:
				return broken(r, BrokenGap)
			case r.PrevHash != prevHash:
				return broken(r, BrokenLink)
			case r.Digest() != r.Hash:
				return broken(r, BrokenHash)
			}
			prevHash, prevSeq = r.Hash, r.Seq
			rep.Entries++
		}
		if len(batch) < verifyBatch {
			break
		}
	}
	if prevSeq != head.Seq || prevHash != head.Hash {
		return broken(Record{Seq: prevSeq + 1}, BrokenHead)
	}
	rep.OK = true
	return rep, nil
}
