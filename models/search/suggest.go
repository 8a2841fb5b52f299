package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Suggestions (C 0103 7.4 拼音和关键词联想): prefix completion over matter
// titles (from each word of the title on, so 身份证 completes 居民身份证换领),
// their full pinyin and initials, thesaurus terms and hot words. Keys live in
// one sorted array; a segment tree over the entries' weights finds the k
// heaviest entries of a prefix range in O(k log n), whatever the range size.

// Suggestion kinds.
const (
	SuggestTitle = "title"
	SuggestTerm  = "term"
	SuggestHot   = "hot"
)

type sEntry struct {
	key    string
	target uint32
	weight float32
}

type sTarget struct {
	text, kind, url string
	weight          float32
}

type suggester struct {
	entries []sEntry
	targets []sTarget
	tree    []uint32 // argmax segment tree over entries, size 2*n
	n       int
	gen     uint64 // Engine.changes when built
	built   time.Time
}

// suggestRebuildEvery bounds how often index changes rebuild suggestions.
const suggestRebuildEvery = 10 * time.Second

// Suggest completes a prefix typed in the search box; limit ≤ 20.
func (e *Engine) Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit = min(max(limit, 1), 20)
	prefix, _ = trimQuery(prefix)
	key := suggestKey(normalize(runePrefix(prefix, 64)))
	hot := e.hotSuggester(ctx)
	e.maybeRebuildSuggestions()
	e.mu.RLock()
	s, voc := e.sugg, e.voc
	e.mu.RUnlock()
	if key == "" || voc.bannedIn(key) != "" {
		return []Suggestion{}, nil
	}
	// Hot words and titles/terms come from two key sets: merge by weight.
	all := append(hot.top(key, limit), s.top(key, limit)...)
	slices.SortStableFunc(all, func(a, b scored) int { return cmp.Compare(b.w, a.w) })
	out := make([]Suggestion, 0, limit)
	seen := map[string]bool{}
	for _, x := range all {
		if !seen[x.Text] && len(out) < limit {
			seen[x.Text] = true
			out = append(out, x.Suggestion)
		}
	}
	return out, nil
}

// suggestKey turns typed text into the key space: ideographs stay, and when
// pinyin is mixed in (身份zh) the ideographs are read as pinyin too.
func suggestKey(norm string) string {
	s := stripSpaces(norm)
	hasHan, hasLatin := false, false
	for _, r := range s {
		if isHan(r) {
			hasHan = true
		} else if r < utf8.RuneSelf {
			hasLatin = true
		}
	}
	if !hasHan || !hasLatin {
		return s
	}
	var b strings.Builder
	for _, t := range tokenize(norm) {
		if t.han {
			b.WriteString(primaryPinyin(t.text))
		} else {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// hotSuggester returns the key set of the current hot words, rebuilt when
// they are recomputed (a few hundred keys: cheap).
func (e *Engine) hotSuggester(ctx context.Context) *suggester {
	hot, _ := e.HotWords(ctx, 50)
	e.hotSugMu.Lock()
	defer e.hotSugMu.Unlock()
	if e.hotSug == nil || e.hot.changedSince(e.hotSug.built) {
		e.mu.RLock()
		voc := e.voc
		e.mu.RUnlock()
		s := &suggester{built: time.Now()}
		for i, h := range hot {
			if voc.bannedIn(normalize(h.Text)) == "" {
				s.addTarget(voc, sTarget{text: h.Text, kind: SuggestHot, weight: 2 + float32(len(hot)-i)/float32(len(hot))}, false)
			}
		}
		slices.SortFunc(s.entries, func(a, b sEntry) int { return strings.Compare(a.key, b.key) })
		s.buildTree()
		e.hotSug = s
	}
	return e.hotSug
}

// maybeRebuildSuggestions rebuilds the title and term keys after index
// changes, at most every suggestRebuildEvery, in the background: requests
// meanwhile use the previous keys.
func (e *Engine) maybeRebuildSuggestions() {
	e.mu.RLock()
	need := e.sugg.gen != e.changes && time.Since(e.sugg.built) > suggestRebuildEvery
	e.mu.RUnlock()
	if !need || !e.suggBuilding.TryLock() {
		return
	}
	go func() {
		defer e.suggBuilding.Unlock()
		e.mu.RLock()
		old := e.sugg
		ns := buildSuggester(e.ix, e.voc)
		ns.gen = e.changes
		e.mu.RUnlock()
		e.mu.Lock()
		if e.sugg == old {
			e.sugg = ns
		}
		e.mu.Unlock()
	}()
}

func buildSuggester(ix *index, voc *vocab) *suggester {
	s := &suggester{built: time.Now()}
	type agg struct {
		title string
		url   string
		pop   float64
		n     int
	}
	byTitle := map[string]*agg{}
	var order []string
	ix.live.each(func(d uint32) {
		title, url := ix.title(d), ix.docs[d].link()
		a := byTitle[title]
		if a == nil {
			a = &agg{title: title, url: url}
			byTitle[title] = a
			order = append(order, title)
		} else if a.url != url {
			a.url = "" // several docs: the suggestion searches instead
		}
		a.pop += float64(ix.hot[d].pop)
		a.n++
	})
	for _, t := range order {
		a := byTitle[t]
		if voc.bannedIn(normalize(t)) != "" {
			continue
		}
		w := float32(1 + a.pop/float64(a.n) + math.Log1p(float64(a.n))/4)
		s.addTarget(voc, sTarget{text: t, kind: SuggestTitle, url: a.url, weight: w}, true)
	}
	for term, offs := range voc.thes {
		if utf8.RuneCountInString(term) >= 2 {
			s.addTarget(voc, sTarget{text: term, kind: SuggestTerm, weight: 0.8}, false)
		}
		for _, o := range offs {
			s.addTarget(voc, sTarget{text: o, kind: SuggestTerm, weight: 0.9}, false)
		}
	}
	slices.SortFunc(s.entries, func(a, b sEntry) int { return strings.Compare(a.key, b.key) })
	s.buildTree()
	return s
}

// Suffix keys: a title is also completed from each of its words of at most
// suffixWordRunes characters on (居民|身份证|换领: 身份证 finds it), when at
// least suffixMinRunes remain (申领 alone would complete half the catalog),
// weighing suffixFactor of a match at the start.
const (
	suffixWordRunes = 3
	suffixMinRunes  = 3
	suffixFactor    = 0.8
)

// addTarget adds a suggestion under its keys: the text, its pinyin and
// initials, and for titles the suffixes starting at word boundaries.
func (s *suggester) addTarget(voc *vocab, t sTarget, suffixes bool) {
	id := uint32(len(s.targets)) // #nosec G115 -- suggestion ids: a few million at most, far below 2^32
	s.targets = append(s.targets, t)
	norm := stripSpaces(normalize(t.text))
	starts := []string{norm}
	if suffixes {
		for _, tok := range tokenize(normalize(t.text)) {
			if !tok.han {
				continue
			}
			words := voc.segmentFine(tok.text, wTitle, suffixWordRunes)
			off := strings.Index(norm, tok.text)
			for _, w := range words {
				if rest := norm[off:]; off > 0 && utf8.RuneCountInString(rest) >= suffixMinRunes {
					starts = append(starts, rest)
				}
				off += len(w)
			}
		}
	}
	seen := map[string]bool{}
	add := func(k string, w float32) {
		if k != "" && !seen[k] {
			seen[k] = true
			s.entries = append(s.entries, sEntry{key: k, target: id, weight: w})
		}
	}
	for i, st := range starts {
		w := t.weight
		if i > 0 {
			w *= suffixFactor
		}
		add(st, w)
		if py := primaryPinyin(st); py != "" {
			add(py, w)
			if ini := primaryInitials(st); len(ini) >= 2 {
				add(ini, w)
			}
		}
	}
}
