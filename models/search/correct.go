package search

import (
	"strings"
	"unicode/utf8"
)

// Typo recognition (C 0103 7.4 错别字识别). A run of ideographs that is not a
// known word and finds nothing in any title is replaced by a known form with
// the same pinyin (身分证 → 身份证, 户口前移 → 户口迁移, 驾使证 → 驾驶证) or
// differing in one character; the corrected query is kept when it finds
// more, and the page says so (Result.Corrected).

// correctionDocs bounds how many titles are read to find a replacement.
const correctionDocs = 64

// needsCorrection: some required clause typed as unknown ideographs found
// nothing at title level, or the query found nothing at all.
func needsCorrection(p *plan, out outcome) bool {
	if len(out.docs) == 0 || out.relaxed {
		return true
	}
	for i, c := range p.clauses {
		if c.han && !c.weak && out.titleHits[i] == 0 && (runes(c.text) >= 2 || runes(c.run) >= 2) {
			return true
		}
		if !c.han && !c.weak && out.titleHits[i] == 0 && len(c.text) >= minPinyinTypo && isLatinWord(c.text) {
			return true
		}
	}
	return false
}

// isLatinWord reports whether s is one word of lowercase Latin letters (a
// pinyin clause, not a mix with ideographs or digits).
func isLatinWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// correct tries a corrected query; ok reports that it is better.
func (e *Engine) correct(ix *index, voc *vocab, p *plan, out outcome, sc *scratch, filter *docFilter) (*plan, outcome, bool) {
	text := p.text
	changed := false
	tried := map[string]bool{}
	for i, c := range p.clauses {
		if !c.han && !c.weak && out.titleHits[i] == 0 && isLatinWord(c.text) && strings.Contains(text, c.text) {
			if w := voc.nearPinyin(c.text); w != "" {
				text = strings.Replace(text, c.text, w, 1)
				changed = true
			}
			continue
		}
		if !c.han || c.weak || out.titleHits[i] > 0 {
			continue
		}
		// The whole run first: 社保咔 is 社保 + 咔 to the segmenter, but
		// its pinyin shebaoka is the word 社保卡.
		if !tried[c.run] && runes(c.run) >= 2 {
			tried[c.run] = true
			if w := voc.runWord(c.run); w != "" && w != c.run && strings.Contains(text, c.run) {
				text = strings.Replace(text, c.run, w, 1)
				changed = true
				continue
			}
		}
		if runes(c.text) < 2 || !strings.Contains(text, c.text) {
			continue
		}
		if r := ix.replacement(voc, c.text); r != "" && r != c.text {
			text = strings.Replace(text, c.text, r, 1)
			changed = true
		}
	}
	if !changed {
		return nil, outcome{}, false
	}
	cp := voc.parse(text)
	if len(cp.clauses) == 0 {
		return nil, outcome{}, false
	}
	cout := ix.evaluate(cp, sc, filter)
	if better(out, cout) {
		return cp, cout, true
	}
	return nil, outcome{}, false
}

// better compares the corrected outcome b with the original a.
func better(a, b outcome) bool {
	switch {
	case len(b.docs) == 0:
		return false
	case len(a.docs) == 0:
		return true
	case a.relaxed != b.relaxed:
		return a.relaxed
	}
	return sum(b.titleHits) > sum(a.titleHits)
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// runWord returns the vocabulary word with exactly the pinyin of run.
func (v *vocab) runWord(run string) string {
	var b strings.Builder
	for _, s := range readText(run, false) {
		b.WriteString(s[0])
	}
	for _, w := range v.py[b.String()] {
		if w != run {
			return w
		}
	}
	return ""
}

// replacement finds the known form of a mistyped run: a vocabulary word with
// the same pinyin, a title span with the same pinyin, or a title span that
// differs in one character.
func (ix *index) replacement(voc *vocab, run string) string {
	syl := make([]string, 0, 8)
	for _, s := range readText(run, false) {
		syl = append(syl, s[0])
	}
	if len(syl) != utf8.RuneCountInString(run) {
		return ""
	}
	for _, w := range voc.py[strings.Join(syl, "")] {
		if w != run {
			return w
		}
	}
	if r := ix.homophoneSpan(run, syl); r != "" {
		return r
	}
	return ix.nearMissSpan(run)
}

// homophoneSpan reads titles whose pinyin contains the run's syllables and
// returns the most common span of those titles with that pinyin.
func (ix *index) homophoneSpan(run string, syl []string) string {
	m := pinyinMatcher(run, syl)
	votes := map[string]int{}
	ix.sampleDocs(&m, m.fields[0], func(d uint32) {
		title := []rune(normalize(ix.title(d)))
		// Only ideographs with a reading appear in readText; map back.
		var hanPos []int
		for i, r := range title {
			if _, ok := pinyinData().readings[r]; ok {
				hanPos = append(hanPos, i)
			}
		}
		sets := readText(string(title), true)
		for i := 0; i+len(syl) <= len(sets); i++ {
			if spanMatches(sets[i:i+len(syl)], syl) {
				votes[string(title[hanPos[i]:hanPos[i+len(syl)-1]+1])]++
			}
		}
	})
	return topVote(votes, run)
}

func spanMatches(sets [][]string, syl []string) bool {
	for j, s := range syl {
		if !contains(sets[j], s) {
			return false
		}
	}
	return true
}

// nearMissSpan finds title spans equal to the run but for one character,
// using the title bigrams that do not touch that character.
func (ix *index) nearMissSpan(run string) string {
	rs := []rune(run)
	if len(rs) < 3 || len(rs) > 8 {
		return ""
	}
	votes := map[string]int{}
	for j := range rs {
		var keys []string
		for i := 0; i+1 < len(rs); i++ {
			if i != j && i+1 != j {
				keys = append(keys, string(rs[i:i+2]))
			}
		}
		if len(keys) == 0 {
			continue
		}
		m := matcher{word: run, weight: 1}
		ft := fieldTerms{fTitle, keys}
		ix.sampleDocs(&m, ft, func(d uint32) {
			title := []rune(normalize(ix.title(d)))
			for i := 0; i+len(rs) <= len(title); i++ {
				if oneOff(title[i:i+len(rs)], rs, j) {
					votes[string(title[i:i+len(rs)])]++
				}
			}
		})
	}
	return topVote(votes, run)
}

func oneOff(a, b []rune, j int) bool {
	for i := range a {
		if (i == j) == (a[i] == b[i]) {
			return false
		}
	}
	return isHan(a[j])
}

// sampleDocs calls fn with up to correctionDocs live docs matching m in ft.
func (ix *index) sampleDocs(m *matcher, ft fieldTerms, fn func(uint32)) {
	docs, _, _ := ix.matchField(m, ft, &scratch{}, nil)
	n := 0
	for _, d := range docs {
		if n == correctionDocs {
			return
		}
		if ix.live.has(d) {
			fn(d)
			n++
		}
	}
}

func topVote(votes map[string]int, not string) string {
	best, bestN := "", 0
	for w, n := range votes {
		if w != not && (n > bestN || n == bestN && w < best) {
			best, bestN = w, n
		}
	}
	return best
}
