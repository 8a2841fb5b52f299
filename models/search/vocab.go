package search

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

var (
	//go:embed data/thesaurus.tsv
	thesaurusTSV string
	//go:embed data/stopwords.txt
	stopwordsTxt string
	//go:embed data/banned.txt
	bannedTxt string
	//go:embed data/words.txt
	wordsTxt string
)

// Word flags in the segmentation dictionary.
const (
	wStop     uint8 = 1 << iota // dropped from queries
	wWeak                       // optional: scores but is not required
	wTerm                       // a thesaurus term (colloquial side)
	wOfficial                   // an official term (thesaurus target)
	wWord                       // other known word
	wRegion                     // a region name
	wTitle                      // a whole matter title
)

// Vocabulary is the editable language data of the engine: the 政务主题词库
// thesaurus, stopwords and weak words, banned words. It is stored in the
// database (migration 0004) and loaded by Engine.Load.
type Vocabulary struct {
	Thesaurus map[string][]string // term → official terms
	Stopwords map[string]string   // word → "stop" | "weak"
	Banned    []string
	Words     []string          // extra segmentation words
	Regions   map[string]string // region name → code ("杭州" → "330100")
}

// DefaultVocabulary is the content shipped in data/: what Seed writes to the
// database and what an engine without a database uses.
func DefaultVocabulary() Vocabulary {
	v := Vocabulary{Thesaurus: map[string][]string{}, Stopwords: map[string]string{}, Regions: map[string]string{}}
	eachLine(thesaurusTSV, func(f []string) {
		if len(f) >= 2 {
			for _, o := range strings.Split(f[1], ",") {
				v.Thesaurus[f[0]] = append(v.Thesaurus[f[0]], strings.TrimSpace(o))
			}
		}
	})
	eachLine(stopwordsTxt, func(f []string) {
		if len(f) >= 2 {
			v.Stopwords[f[0]] = f[1]
		}
	})
	eachLine(bannedTxt, func(f []string) { v.Banned = append(v.Banned, f[0]) })
	eachLine(wordsTxt, func(f []string) { v.Words = append(v.Words, f...) })
	return v
}

// eachLine calls fn with the tab- or space-separated fields of every
// non-comment line.
func eachLine(s string, fn func([]string)) {
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.Contains(line, "\t") {
			fn(strings.Split(line, "\t"))
		} else {
			fn(strings.Fields(line))
		}
	}
}

// vocab is the compiled, read-only form of a Vocabulary.
type vocab struct {
	thes    map[string][]string
	flags   map[string]uint8
	maxLen  int
	banned  []string
	py      map[string][]string // primary full pinyin → words, thesaurus terms first
	ini     map[string][]string // pinyin initials → thesaurus terms
	regions map[string]string
	pyLen   pinyinByLen // py's keys by length, for pinyin typos
}

func compileVocab(v Vocabulary, titles []string) *vocab {
	c := &vocab{thes: map[string][]string{}, flags: map[string]uint8{}, py: map[string][]string{},
		ini: map[string][]string{}, regions: map[string]string{}}
	add := func(w string, f uint8) {
		w = stripSpaces(normalize(w))
		if w == "" {
			return
		}
		c.flags[w] |= f
		c.maxLen = max(c.maxLen, utf8.RuneCountInString(w))
	}
	for t, offs := range v.Thesaurus {
		t = stripSpaces(normalize(t))
		for _, o := range offs {
			o = stripSpaces(normalize(o))
			if o == "" || o == t || contains(c.thes[t], o) {
				continue
			}
			c.thes[t] = append(c.thes[t], o)
			add(o, wOfficial)
		}
		add(t, wTerm)
	}
	for w, k := range v.Stopwords {
		if k == "weak" {
			add(w, wWeak)
		} else {
			add(w, wStop)
		}
	}
	for _, w := range v.Words {
		add(w, wWord)
	}
	for _, t := range titles {
		if utf8.RuneCountInString(t) <= 12 {
			add(t, wTitle)
		}
	}
	for name, code := range v.Regions {
		name = stripSpaces(normalize(name))
		if name != "" {
			c.regions[name] = code
			add(name, wRegion)
		}
	}
	for _, b := range v.Banned {
		if b = stripSpaces(normalize(b)); b != "" {
			c.banned = append(c.banned, b)
		}
	}
	c.indexPinyin()
	return c
}

// indexPinyin maps the pinyin of thesaurus terms, official terms and words
// to them, so jiazhao finds 驾照 and through it 机动车驾驶证.
func (c *vocab) indexPinyin() {
	order := []uint8{wTerm, wOfficial, wWord}
	for _, f := range order {
		for w, fl := range c.flags {
			if fl&f == 0 || fl&(wStop|wRegion) != 0 || !allHan(w) || utf8.RuneCountInString(w) < 2 {
				continue
			}
			// Add each word once, under the first flag class it has.
			if f != wTerm && fl&wTerm != 0 || f == wWord && fl&wOfficial != 0 {
				continue
			}
			k := primaryPinyin(w)
			c.py[k] = append(c.py[k], w)
			if f == wTerm {
				i := primaryInitials(w)
				c.ini[i] = append(c.ini[i], w)
			}
		}
	}
	for _, m := range []map[string][]string{c.py, c.ini} {
		for k, ws := range m {
			sortWords(ws, c.flags)
			m[k] = ws
		}
	}
}

// sortWords orders candidates: thesaurus terms, official terms, then the
// rest; shorter before longer; then by text so results are stable.
func sortWords(ws []string, flags map[string]uint8) {
	rank := func(w string) int {
		switch f := flags[w]; {
		case f&wTerm != 0:
			return 0
		case f&wOfficial != 0:
			return 1
		}
		return 2
	}
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0; j-- {
			a, b := ws[j-1], ws[j]
			ra, rb := rank(a), rank(b)
			if ra < rb || ra == rb && (len(a) < len(b) || len(a) == len(b) && a <= b) {
				break
			}
			ws[j-1], ws[j] = b, a
		}
	}
}

func allHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}

// segment splits an ideograph run by forward maximum matching over the
// vocabulary; runs of unknown characters stay together as one chunk.
func (c *vocab) segment(run string) []string { return c.segmentFine(run, 0, c.maxLen) }

// segmentFine is segment ignoring words whose only flags are in skip and
// words longer than maxLen (suggestions split titles into short words).
func (c *vocab) segmentFine(run string, skip uint8, maxLen int) []string {
	rs := []rune(run)
	var out []string
	unknown := -1
	flush := func(i int) {
		if unknown >= 0 {
			out = append(out, string(rs[unknown:i]))
			unknown = -1
		}
	}
	for i := 0; i < len(rs); {
		n := 0
		for l := min(maxLen, c.maxLen, len(rs)-i); l >= 1; l-- {
			if f, ok := c.flags[string(rs[i:i+l])]; ok && f&^skip != 0 {
				n = l
				break
			}
		}
		if n == 0 {
			if unknown < 0 {
				unknown = i
			}
			i++
			continue
		}
		flush(i)
		out = append(out, string(rs[i:i+n]))
		i += n
	}
	flush(len(rs))
	return out
}

// bannedIn returns the first banned word contained in normalized text.
func (c *vocab) bannedIn(text string) string {
	s := stripSpaces(text)
	for _, b := range c.banned {
		if strings.Contains(s, b) {
			return b
		}
	}
	return ""
}
