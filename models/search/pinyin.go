package search

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	gopinyin "github.com/mozillazg/go-pinyin"
)

//go:embed data/readings.txt
var readingsTxt string

// polyphones are the common characters with more than one reading in
// government text; their other readings are indexed too, so a visitor who
// types the "wrong" reading (yinxing for 银行) still finds the title. Rarer
// readings of other characters are left out to keep the index small.
const polyphones = "行长重会乐还着传调藏单朝便差都给省系降卡率区曾参角强畜没种露薄宿校数仇朴查厦六柏地大合切称血了供更干应创冲量难为处解担"

// pyTable is the read-only pinyin data derived once from go-pinyin's
// dictionary: its regular-expression based API is too slow to call per
// character while indexing a million documents.
type pyTable struct {
	readings  map[rune][]string   // toneless readings, most common first
	syllables map[string]bool     // every valid toneless syllable
	words     map[string][]string // word-level readings (data/readings.txt)
	maxWord   int                 // longest word in words, in runes
	poly      map[rune]bool
}

var pinyinData = sync.OnceValue(buildPinyinTable)

func buildPinyinTable() *pyTable {
	t := &pyTable{readings: make(map[rune][]string, len(gopinyin.PinyinDict)), syllables: map[string]bool{},
		words: map[string][]string{}, poly: map[rune]bool{}}
	for code, v := range gopinyin.PinyinDict {
		var rs []string
		for _, p := range strings.Split(v, ",") {
			p = stripTone(p)
			if p == "" || !strings.ContainsAny(p, "aeiouv") || contains(rs, p) {
				continue
			}
			rs = append(rs, p)
			t.syllables[p] = true
		}
		if len(rs) > 0 {
			t.readings[rune(code)] = rs // #nosec G115 -- code is a key of go-pinyin's PinyinDict: a Unicode code point, at most 0x10FFFF
		}
	}
	for _, r := range polyphones {
		t.poly[r] = true
	}
	for _, line := range strings.Split(readingsTxt, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") || utf8.RuneCountInString(f[0]) != len(f)-1 {
			continue
		}
		t.words[f[0]] = f[1:]
		t.maxWord = max(t.maxWord, len(f)-1)
	}
	return t
}

var toneFold = strings.NewReplacer(
	"ā", "a", "á", "a", "ǎ", "a", "à", "a", "ē", "e", "é", "e", "ě", "e", "è", "e", "ê", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i", "ō", "o", "ó", "o", "ǒ", "o", "ò", "o",
	"ū", "u", "ú", "u", "ǔ", "u", "ù", "u", "ü", "v", "ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v",
	"ḿ", "m", "ń", "n", "ň", "n", "ǹ", "n", "ẑ", "z", "ĉ", "c", "ŝ", "s", "ŋ", "ng")

func stripTone(p string) string { return toneFold.Replace(strings.TrimSpace(p)) }

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// readText returns the syllables of each ideograph in s (other characters,
// and rare ideographs without a reading, are skipped): the primary reading
// first, taken from a word reading when the character is part of a listed
// word, then the other readings of common polyphones when alts is set.
func readText(s string, alts bool) [][]string {
	t := pinyinData()
	rs := make([]rune, 0, len(s)/3)
	for _, r := range s {
		if _, ok := t.readings[r]; ok {
			rs = append(rs, r)
		}
	}
	out := make([][]string, len(rs))
	for i := 0; i < len(rs); {
		if n := t.wordAt(rs, i); n > 0 {
			w := t.words[string(rs[i:i+n])]
			for j := 0; j < n; j++ {
				out[i+j] = t.withAlts(rs[i+j], w[j], alts)
			}
			i += n
			continue
		}
		out[i] = t.withAlts(rs[i], t.readings[rs[i]][0], alts)
		i++
	}
	return out
}

// wordAt returns the length of the longest listed word starting at i.
func (t *pyTable) wordAt(rs []rune, i int) int {
	for n := min(t.maxWord, len(rs)-i); n >= 2; n-- {
		if _, ok := t.words[string(rs[i:i+n])]; ok {
			return n
		}
	}
	return 0
}

func (t *pyTable) withAlts(r rune, primary string, alts bool) []string {
	if !alts || !t.poly[r] {
		return []string{primary}
	}
	out := []string{primary}
	for _, p := range t.readings[r] {
		if p != primary {
			out = append(out, p)
		}
	}
	return out
}

// primaryPinyin is the full pinyin of s without separators (重庆 → chongqing).
func primaryPinyin(s string) string {
	var b strings.Builder
	for _, set := range readText(s, false) {
		b.WriteString(set[0])
	}
	return b.String()
}

// primaryInitials is the first letter of each syllable (银行 → yh).
func primaryInitials(s string) string {
	var b strings.Builder
	for _, set := range readText(s, false) {
		b.WriteByte(set[0][0])
	}
	return b.String()
}

// isPinyinSyllable reports whether s is a valid toneless syllable.
func isPinyinSyllable(s string) bool { return pinyinData().syllables[s] }

// maxSegmentations bounds the alternative syllable splits of one Latin word
// (xian → xian | xi an).
const maxSegmentations = 3

// segmentPinyin splits a run of Latin letters into pinyin syllables, returning
// up to maxSegmentations splits, fewest syllables first; nil when the run is
// not pinyin.
func segmentPinyin(s string) [][]string {
	if len(s) == 0 || len(s) > 64 {
		return nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return nil
		}
	}
	t := pinyinData()
	// best[i] holds the splits of s[i:], computed right to left.
	best := make([][][]string, len(s)+1)
	best[len(s)] = [][]string{{}}
	for i := len(s) - 1; i >= 0; i-- {
		for n := min(6, len(s)-i); n >= 1; n-- {
			syl := s[i : i+n]
			if !t.syllables[syl] {
				continue
			}
			for _, rest := range best[i+n] {
				split := append([]string{syl}, rest...)
				best[i] = insertSplit(best[i], split)
			}
		}
	}
	return best[0]
}

// insertSplit keeps the maxSegmentations splits with fewest syllables.
func insertSplit(list [][]string, split []string) [][]string {
	pos := len(list)
	for i, l := range list {
		if len(split) < len(l) {
			pos = i
			break
		}
	}
	if pos >= maxSegmentations {
		return list
	}
	list = append(list, nil)
	copy(list[pos+1:], list[pos:])
	list[pos] = split
	if len(list) > maxSegmentations {
		list = list[:maxSegmentations]
	}
	return list
}

// looksLikeInitials reports whether a Latin run could be pinyin initials
// (sfz, gjj): 2–8 letters.
func looksLikeInitials(s string) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
