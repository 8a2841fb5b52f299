package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxQueryRunes is where a query is cut (Result.Trimmed): C 0103 7.4 full
// sentences fit easily; anything longer is pasted text.
const MaxQueryRunes = 1000

// trimQuery cuts s to MaxQueryRunes runes.
func trimQuery(s string) (string, bool) {
	if utf8.RuneCountInString(s) <= MaxQueryRunes {
		return s, false
	}
	n := 0
	for i := range s {
		if n == MaxQueryRunes {
			return s[:i], true
		}
		n++
	}
	return s, false
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool { return r >= 0x3400 && unicode.Is(unicode.Han, r) }

// normalize folds full-width forms (NFKC), lowercases, maps traditional
// characters of common government words to simplified ones and turns every
// character that is not a letter, digit or ideograph (punctuation, symbols,
// emoji, control characters) into a single space.
func normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	if !fastNormal(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII (fast path skipped NFKC)
			r -= 0xFEE0
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			r = unicode.ToLower(r)
		case isHan(r):
			if t, ok := tradToSimp[r]; ok {
				r = t
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// fastNormal reports whether NFKC would leave s alone apart from what
// normalize folds itself (full-width ASCII): nearly every catalog text, and
// NFKC is the costliest step of indexing. Common ranges are checked
// directly, other characters by their decomposition.
func fastNormal(s string) bool {
	for i, r := range s {
		switch {
		case r < 0x80, r >= 0x4E00 && r <= 0x9FFF, r >= 0x3001 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E:
		default:
			p := norm.NFKC.PropertiesString(s[i:])
			if p.Decomposition() != nil || p.CCC() != 0 {
				return false
			}
		}
	}
	return true
}

// token is one run of a single script in normalized text.
type token struct {
	text string
	han  bool
	// gap is true when a space separated this token from the previous one.
	gap bool
}

// tokenize splits normalized text into runs of ideographs and runs of other
// letters/digits (Latin words, numbers, other scripts).
func tokenize(s string) []token {
	var out []token
	start, gap := -1, false
	var curHan bool
	flush := func(end int) {
		if start >= 0 {
			out = append(out, token{text: s[start:end], han: curHan, gap: gap})
			start, gap = -1, false
		}
	}
	for i, r := range s {
		if r == ' ' {
			flush(i)
			gap = true
			continue
		}
		h := isHan(r)
		if start >= 0 && h != curHan {
			flush(i)
		}
		if start < 0 {
			start, curHan = i, h
		}
	}
	flush(len(s))
	return out
}

// hanGrams appends the overlapping bigrams of an ideograph run, plus every
// single character when unigrams is set (titles) or when the run is one
// character long (so a one-character word is still findable).
func hanGrams(run string, unigrams bool, emit func(string)) {
	rs := []rune(run)
	if len(rs) == 1 {
		emit(run)
		return
	}
	off := 0
	for i := 0; i+1 < len(rs); i++ {
		w := utf8.RuneLen(rs[i])
		end := off + w + utf8.RuneLen(rs[i+1])
		emit(run[off:end])
		if unigrams {
			emit(run[off : off+w])
		}
		off += w
	}
	if unigrams {
		emit(string(rs[len(rs)-1]))
	}
}

// analyzeText emits the index terms of a field: ideograph bigrams (and
// unigrams when asked) and other words whole.
func analyzeText(s string, unigrams bool, emit func(string)) {
	for _, t := range tokenize(s) {
		if t.han {
			hanGrams(t.text, unigrams, emit)
		} else {
			emit(t.text)
		}
	}
}

// runePrefix returns the first n runes of s.
func runePrefix(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// stripSpaces removes spaces (normalized text has only single spaces).
func stripSpaces(s string) string { return strings.ReplaceAll(s, " ", "") }
