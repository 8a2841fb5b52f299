package search

import (
	"strings"
)

// groupTokens joins tokens that form one pinyin word: ideographs and pinyin
// typed without a space between them, and pinyin split by spaces when one
// side is a single syllable (shenfen zheng).
func groupTokens(ts []token) [][]token {
	var out [][]token
	syllables := func(t token) int {
		if t.han || len(t.text) < 2 {
			return 0
		}
		if s := segmentPinyin(t.text); len(s) > 0 {
			return len(s[0])
		}
		return 0
	}
	for i, t := range ts {
		if i > 0 && len(out) > 0 {
			prev := ts[i-1]
			ps, ns := syllables(prev), syllables(t)
			mixed := !t.gap && (prev.han && ns > 0 || t.han && ps > 0)
			split := t.gap && ps > 0 && ns > 0 && (ps == 1 || ns == 1)
			if mixed || split {
				out[len(out)-1] = append(out[len(out)-1], t)
				continue
			}
		}
		out = append(out, []token{t})
	}
	return out
}

// joinPinyinWords merges neighbouring pinyin groups whose joined pinyin is
// a vocabulary word (yingye zhizhao → 营业执照), which neither half is.
func (v *vocab) joinPinyinWords(gs [][]token) [][]token {
	key := func(g []token) (string, bool) {
		var b strings.Builder
		for _, t := range g {
			segs := segmentPinyin(t.text)
			if t.han || len(segs) == 0 {
				return "", false
			}
			b.WriteString(strings.Join(segs[0], ""))
		}
		return b.String(), true
	}
	for i := 0; i+1 < len(gs); i++ {
		a, okA := key(gs[i])
		b, okB := key(gs[i+1])
		if okA && okB && len(v.py[a+b]) > 0 {
			gs[i] = append(append([]token(nil), gs[i]...), gs[i+1]...)
			gs = append(gs[:i+1], gs[i+2:]...)
			i--
		}
	}
	return gs
}
