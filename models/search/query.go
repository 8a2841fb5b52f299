package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// maxClauses bounds the concepts of one query: a pasted paragraph is cut to
// its first concepts rather than making every request slow.
const maxClauses = 16

// fieldTerms are the term keys one matcher needs, all in one field.
type fieldTerms struct {
	field byte
	keys  []string
}

// matcher is one way a clause can match: all its keys in one of its fields.
type matcher struct {
	word   string // the text it stands for (Result.Terms, exact-title checks)
	fields []fieldTerms
	weight float32
	loose  bool // the word's sub-words, not the whole word (looseMatcher)
}

// clause is one concept of the query; a doc matches it through any matcher.
type clause struct {
	text string
	alts []matcher
	weak bool
	// han is set when the clause is a run of ideographs typed by the
	// visitor: the part typo correction may replace.
	han bool
	run string // the ideograph run the clause was segmented from
}

// plan is an analysed query.
type plan struct {
	text    string // normalized query
	clauses []clause
	region  string   // region named in the text (杭州 身份证换领)
	exact   []string // forms an exactly matching title may have (no spaces)
	latin   string   // the query's Latin letters (pinyin/initials exact checks)
	curRun  string   // ideograph run being segmented (parse only)
}

// maxKeys bounds the keys of one matcher: a pasted run of hundreds of
// unknown characters is matched by its first grams, not all of them.
const maxKeys = 24

func hanWordMatcher(w string, weight float32) matcher {
	var keys []string
	if utf8.RuneCountInString(w) == 1 {
		keys = []string{w}
	} else {
		hanGrams(w, false, func(g string) {
			if len(keys) < maxKeys && !slices.Contains(keys, g) {
				keys = append(keys, g)
			}
		})
	}
	tk := titleKeys(w, keys)
	if len(tk) > maxKeys {
		tk = tk[:maxKeys]
	}
	return matcher{word: w, weight: weight, fields: []fieldTerms{{fTitle, tk}, {fKeywords, tk}, {fBody, keys}}}
}

// titleKeys covers a word of three or more characters with the fewest
// overlapping trigrams (titles index trigrams; bodies only bigrams):
// 居民身份证换领 → 居民身 份证换 证换领.
func titleKeys(w string, bigrams []string) []string {
	rs := []rune(w)
	if len(rs) < 3 {
		return bigrams
	}
	var keys []string
	add := func(k string) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for i := 0; len(keys) < maxKeys; i += 3 {
		if i+3 >= len(rs) {
			add(string(rs[len(rs)-3:]))
			break
		}
		add(string(rs[i : i+3]))
	}
	return keys
}

func latinWordMatcher(w string) matcher {
	k := []string{w}
	return matcher{word: w, weight: 1, fields: []fieldTerms{{fTitle, k}, {fKeywords, k}, {fBody, k}}}
}

func pinyinMatcher(word string, syl []string) matcher {
	var keys []string
	if len(syl) == 1 {
		keys = syl
	}
	for i := 0; i+1 < len(syl) && len(keys) < maxKeys; i++ {
		if k := syl[i] + " " + syl[i+1]; !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	// The primary reading also has syllable trigrams, as titles have
	// character trigrams.
	primary := keys
	if len(syl) >= 3 {
		primary = nil
		for i := 0; len(primary) < maxKeys; i += 3 {
			if i+3 >= len(syl) {
				primary = append(primary, strings.Join(syl[len(syl)-3:], " "))
				break
			}
			if k := strings.Join(syl[i:i+3], " "); !slices.Contains(primary, k) {
				primary = append(primary, k)
			}
		}
	}
	return matcher{word: word, weight: 1, fields: []fieldTerms{{fPinyin, primary}, {fPinyinAlt, keys}}}
}

func initialsMatcher(ini string) matcher {
	var keys []string
	if len(ini) <= 2 {
		keys = []string{ini}
	}
	for i := 0; i+3 <= len(ini); i++ {
		keys = append(keys, ini[i:i+3])
	}
	return matcher{word: ini, weight: 0.9, fields: []fieldTerms{{fInitials, keys}, {fInitialsAlt, keys}}}
}

// wordMatchers is a han word with its thesaurus expansions, each also
// matched loosely.
func (v *vocab) wordMatchers(w string, weight float32) []matcher {
	ms := []matcher{hanWordMatcher(w, weight)}
	if m, ok := v.looseMatcher(w, weight*0.8); ok {
		ms = append(ms, m)
	}
	for _, o := range v.thes[w] {
		ms = append(ms, hanWordMatcher(o, weight*0.9))
		if m, ok := v.looseMatcher(o, weight*0.7); ok {
			ms = append(ms, m)
		}
	}
	return ms
}

// looseMatcher matches a compound word (不动产登记) by its sub-words
// (不动产, 登记) without the bigram across them (产登), so titles that put a
// word between them (不动产首次登记) still match, at a lower weight.
func (v *vocab) looseMatcher(w string, weight float32) (matcher, bool) {
	n := utf8.RuneCountInString(w)
	if n < 4 {
		return matcher{}, false
	}
	segs := v.segmentFine(w, wTitle, n-1)
	for _, s := range segs {
		if utf8.RuneCountInString(s) < 2 {
			return matcher{}, false
		}
	}
	if len(segs) < 2 {
		return matcher{}, false
	}
	var tk []string
	for _, s := range segs {
		var bg []string
		hanGrams(s, false, func(g string) { bg = append(bg, g) })
		tk = append(tk, titleKeys(s, bg)...)
	}
	// Not in bodies: two sub-words anywhere in a long guide mean little.
	return matcher{word: w, weight: weight, loose: true, fields: []fieldTerms{{fTitle, tk}, {fKeywords, tk}}}, true
}

// pinyinWords turns a pinyin key into vocabulary words (jiazhao → 驾照) and
// their matchers.
func (v *vocab) pinyinWords(key string, fromInitials bool) []matcher {
	ws := v.py[key]
	if fromInitials {
		ws = v.ini[key]
	}
	var ms []matcher
	for i, w := range ws {
		if i == 2 {
			break
		}
		ms = append(ms, v.wordMatchers(w, 0.95)...)
	}
	return ms
}

// parse analyses normalized query text.
func (v *vocab) parse(text string) *plan {
	p := &plan{text: text}
	var exact strings.Builder
	for _, g := range v.joinPinyinWords(groupTokens(tokenize(text))) {
		if len(p.clauses) >= maxClauses {
			break
		}
		switch {
		case len(g) == 1 && g[0].han:
			p.curRun = g[0].text
			for _, w := range v.segment(g[0].text) {
				p.addHanWord(v, w, &exact)
			}
		case len(g) == 1:
			p.addLatin(v, g[0].text, &exact)
		default:
			p.addMixed(v, g, &exact)
		}
	}
	if len(p.clauses) > maxClauses {
		p.clauses = p.clauses[:maxClauses]
	}
	allWeak := true
	for _, c := range p.clauses {
		allWeak = allWeak && c.weak
	}
	if allWeak {
		for i := range p.clauses {
			p.clauses[i].weak = false
		}
	}
	if exact.Len() > 0 {
		p.exact = append(p.exact, exact.String())
	}
	if len(p.clauses) == 1 {
		for _, m := range p.clauses[0].alts {
			p.exact = append(p.exact, m.word)
		}
	}
	return p
}

func (p *plan) addHanWord(v *vocab, w string, exact *strings.Builder) {
	f := v.flags[w]
	switch {
	case f&wRegion != 0 && f&(wTerm|wOfficial) == 0:
		p.region = v.regions[w]
		return
	case f&wStop != 0:
		return
	}
	exact.WriteString(w)
	p.clauses = append(p.clauses, clause{text: w, alts: v.wordMatchers(w, 1), weak: f&wWeak != 0, han: f == 0, run: p.curRun})
}

func (p *plan) addLatin(v *vocab, w string, exact *strings.Builder) {
	if v.flags[w]&wStop != 0 {
		return
	}
	exact.WriteString(w)
	p.latin += w
	c := clause{text: w, alts: []matcher{latinWordMatcher(w)}}
	segs := segmentPinyin(w)
	for _, s := range segs {
		c.alts = append(c.alts, pinyinMatcher(w, s))
	}
	if len(segs) > 0 {
		c.alts = append(c.alts, v.pinyinWords(strings.Join(segs[0], ""), false)...)
	} else if looksLikeInitials(w) {
		c.alts = append(c.alts, initialsMatcher(w))
		c.alts = append(c.alts, v.pinyinWords(w, true)...)
	}
	p.clauses = append(p.clauses, c)
}

// addMixed handles pinyin typed in pieces (shen fen zheng) or mixed with
// ideographs (身份zheng): the group is matched as one syllable sequence, and
// as the vocabulary word with that pinyin. Ideograph words cut off from the
// pinyin by a stopword (我想shenfenzheng) are handled on their own.
func (p *plan) addMixed(v *vocab, g []token, exact *strings.Builder) {
	g = append([]token(nil), g...)
	var before, after []string
	if g[0].han {
		words := v.segment(g[0].text)
		cut := 0
		for i, w := range words {
			if v.flags[w]&wStop != 0 {
				cut = i + 1
			}
		}
		before, g[0].text = words[:cut], strings.Join(words[cut:], "")
	}
	if last := len(g) - 1; g[last].han {
		words := v.segment(g[last].text)
		cut := len(words)
		for i := len(words) - 1; i >= 0; i-- {
			if v.flags[words[i]]&wStop != 0 {
				cut = i
			}
		}
		g[last].text, after = strings.Join(words[:cut], ""), words[cut:]
	}
	p.curRun = g[0].text
	for _, w := range before {
		p.addHanWord(v, w, exact)
	}
	core := g[:0]
	for _, t := range g {
		if t.text != "" {
			core = append(core, t)
		}
	}
	if len(core) == 1 && !core[0].han {
		p.addLatin(v, core[0].text, exact)
	} else if len(core) > 0 {
		p.addSyllables(v, core, exact)
	}
	p.curRun = g[len(g)-1].text
	for _, w := range after {
		p.addHanWord(v, w, exact)
	}
}

func (p *plan) addSyllables(v *vocab, g []token, exact *strings.Builder) {
	var syl []string
	var text strings.Builder
	for _, t := range g {
		text.WriteString(t.text)
		if t.han {
			for _, set := range readText(t.text, false) {
				syl = append(syl, set[0])
			}
			continue
		}
		p.latin += t.text
		if segs := segmentPinyin(t.text); len(segs) > 0 {
			syl = append(syl, segs[0]...)
		}
	}
	exact.WriteString(text.String())
	c := clause{text: text.String(), alts: []matcher{pinyinMatcher(text.String(), syl)}}
	c.alts = append(c.alts, v.pinyinWords(strings.Join(syl, ""), false)...)
	p.clauses = append(p.clauses, c)
}

// terms lists what the plan searches, for Result.Terms (highlighting).
func (p *plan) terms() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range p.clauses {
		for _, m := range c.alts {
			if !seen[m.word] {
				seen[m.word] = true
				out = append(out, m.word)
			}
		}
	}
	return out
}
