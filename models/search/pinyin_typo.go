package search

import (
	"sync"
)

// Pinyin typos (issue 4 item 4, C 0103 7.4 错别字识别 for Latin input): a
// pinyin word that finds nothing (shenfenzhen, hukuo, sehnfenzheng,
// gonjijin) is corrected to the vocabulary word whose full pinyin is
// closest: one edit for short words, two for 8 letters or more, where an
// edit is an inserted, dropped, changed or swapped letter. The southern
// n/ng, z/zh, c/ch and s/sh confusions are one inserted or dropped letter.

// minPinyinTypo is the shortest Latin word corrected: shorter ones are
// initials (sfz) or English, and any word is one edit from them.
const minPinyinTypo = 4

// pinyinByLen lists the vocabulary's full pinyin keys by length, built on
// the first correction (vocabularies are replaced, never changed).
type pinyinByLen struct {
	once sync.Once
	keys map[int][]string
}

// nearPinyin returns the word whose pinyin is nearest to w, or "" when none
// is near enough or two different words are equally near.
func (v *vocab) nearPinyin(w string) string {
	if len(w) < minPinyinTypo || len(w) > 40 {
		return ""
	}
	v.pyLen.once.Do(func() {
		v.pyLen.keys = map[int][]string{}
		for k := range v.py {
			v.pyLen.keys[len(k)] = append(v.pyLen.keys[len(k)], k)
		}
	})
	limit := 1
	if len(w) >= 8 {
		limit = 2
	}
	bestD := limit + 1
	var near []string
	for l := len(w) - limit; l <= len(w)+limit; l++ {
		for _, k := range v.pyLen.keys[l] {
			switch d := osaDistance(w, k, bestD+1); { // bestD+1: "no nearer than bestD"
			case d < bestD:
				bestD, near = d, append(near[:0], k)
			case d == bestD:
				near = append(near, k)
			}
		}
	}
	if len(near) == 0 || bestD == 0 {
		return ""
	}
	// Equally near: the longest (shebaok → shebaoka, not shebao); two
	// different words of that length are a guess, not a correction.
	best, tie := near[0], false
	for _, k := range near[1:] {
		switch {
		case len(k) > len(best):
			best, tie = k, false
		case len(k) == len(best) && v.py[k][0] != v.py[best][0]:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return v.py[best][0]
}

// osaDistance is the optimal-string-alignment distance of a and b (ASCII),
// or limit when it is at least limit.
func osaDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}
