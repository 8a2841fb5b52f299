package search

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Hot words (C 0103 7.4 热词推荐): the queries visitors typed most, counted
// per day from the query log and decayed with a one-week half-life, so last
// month's rush fades; banned words and queries that found nothing are left
// out; words pinned by staff (hot_word_pins) come first.

// HotWord is one hot search.
type HotWord struct {
	Text   string
	Pinned bool
	Score  float64 // decayed count; 0 for pins
}

const (
	hotWindowDays = 30
	hotHalfLife   = 7.0 // days
	hotCacheFor   = 5 * time.Minute
	hotMaxRunes   = 16 // longer queries are sentences, not hot words
	hotKeep       = 100
)

// hotCache keeps the computed list for hotCacheFor.
type hotCache struct {
	mu    sync.Mutex
	words []HotWord
	at    time.Time
	valid bool
}

func (h *hotCache) invalidate() {
	h.mu.Lock()
	h.valid = false
	h.mu.Unlock()
}

// changedSince reports whether the list was recomputed after t.
func (h *hotCache) changedSince(t time.Time) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.valid && h.at.After(t)
}

// HotWords returns up to limit hot words, pinned ones first. Without a
// database it returns none.
func (e *Engine) HotWords(ctx context.Context, limit int) ([]HotWord, error) {
	if e.db == nil {
		return []HotWord{}, nil
	}
	now := e.now()
	e.hot.mu.Lock()
	if e.hot.valid && now.Sub(e.hot.at) < hotCacheFor && now.After(e.hot.at.Add(-time.Minute)) {
		words := e.hot.words
		e.hot.mu.Unlock()
		return firstN(words, limit), nil
	}
	e.hot.mu.Unlock()
	words, err := e.computeHotWords(ctx, now)
	if err != nil {
		return nil, err
	}
	e.hot.mu.Lock()
	e.hot.words, e.hot.at, e.hot.valid = words, now, true
	e.hot.mu.Unlock()
	return firstN(words, limit), nil
}

func firstN(ws []HotWord, n int) []HotWord {
	if n <= 0 || n > len(ws) {
		n = len(ws)
	}
	return append([]HotWord(nil), ws[:n]...)
}

func (e *Engine) computeHotWords(ctx context.Context, now time.Time) ([]HotWord, error) {
	db := e.db.WithContext(ctx)
	e.mu.RLock()
	voc := e.voc
	e.mu.RUnlock()
	var pins []string
	err := db.Raw("SELECT word FROM hot_word_pins WHERE (starts_at IS NULL OR starts_at <= ?) AND (ends_at IS NULL OR ends_at > ?) "+
		"ORDER BY sort_order, id", now.UTC(), now.UTC()).Scan(&pins).Error
	if err != nil {
		return nil, err
	}
	today := unixDay(now)
	var rows []struct {
		Query  string
		LogDay int64
		N      int64
	}
	err = db.Raw("SELECT query, log_day, COUNT(*) AS n FROM query_log WHERE log_day > ? AND log_day <= ? AND result_count > 0 "+
		"AND banned = ? GROUP BY query, log_day", today-hotWindowDays, today, false).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	scores := map[string]float64{}
	for _, r := range rows {
		q := strings.TrimSpace(r.Query)
		if q == "" || utf8.RuneCountInString(q) > hotMaxRunes || voc.bannedIn(q) != "" || onlyStopwords(voc, q) {
			continue
		}
		scores[q] += float64(r.N) * math.Exp2(-float64(today-r.LogDay)/hotHalfLife)
	}
	out := make([]HotWord, 0, len(pins)+len(scores))
	seen := map[string]bool{}
	for _, p := range pins {
		if n := normalize(p); n != "" && !seen[n] && voc.bannedIn(n) == "" {
			seen[n] = true
			out = append(out, HotWord{Text: p, Pinned: true})
		}
	}
	var ranked []HotWord
	for q, s := range scores {
		if !seen[q] {
			ranked = append(ranked, HotWord{Text: q, Score: s})
		}
	}
	slices.SortFunc(ranked, func(a, b HotWord) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Text, b.Text)
	})
	out = append(out, ranked...)
	if len(out) > hotKeep {
		out = out[:hotKeep]
	}
	return out, nil
}

// onlyStopwords reports whether a query is nothing but stopwords (我想).
func onlyStopwords(voc *vocab, q string) bool {
	p := voc.parse(q)
	return len(p.clauses) == 0
}

// PinHotWord pins a word at a position among the hot words between from
// and to (zero times: always). Staff console.
func (e *Engine) PinHotWord(ctx context.Context, word string, order int, from, to time.Time) error {
	word = strings.TrimSpace(word)
	if word == "" {
		return nil
	}
	nullable := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.UTC()
	}
	err := e.db.WithContext(ctx).Exec("INSERT INTO hot_word_pins (word, sort_order, starts_at, ends_at, created_at) VALUES (?, ?, ?, ?, ?) "+
		"ON CONFLICT (word) DO UPDATE SET sort_order = excluded.sort_order, starts_at = excluded.starts_at, ends_at = excluded.ends_at",
		word, order, nullable(from), nullable(to), e.now().UTC()).Error
	e.hot.invalidate()
	return err
}

// UnpinHotWord removes a pin.
func (e *Engine) UnpinHotWord(ctx context.Context, word string) error {
	err := e.db.WithContext(ctx).Exec("DELETE FROM hot_word_pins WHERE word = ?", strings.TrimSpace(word)).Error
	e.hot.invalidate()
	return err
}

// QueryCount is a query with how often it was typed.
type QueryCount struct {
	Query string
	Count int
}

// ZeroResultQueries lists the queries that found nothing since a time, most
// frequent first: what the catalog or thesaurus is missing (staff dashboard).
func (e *Engine) ZeroResultQueries(ctx context.Context, since time.Time, limit int) ([]QueryCount, error) {
	if e.db == nil {
		return nil, nil
	}
	limit = min(max(limit, 1), 500)
	var out []QueryCount
	err := e.db.WithContext(ctx).Raw("SELECT query, COUNT(*) AS count FROM query_log WHERE result_count = 0 AND banned = ? "+
		"AND log_day >= ? GROUP BY query ORDER BY count DESC, query LIMIT ?", false, unixDay(since), limit).Scan(&out).Error
	return out, err
}
