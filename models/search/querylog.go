package search

import (
	"context"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// LogEntry is one search typed by a visitor, as the search page logs it.
type LogEntry struct {
	Query     string
	Terms     []string
	Results   int
	Region    string
	Scope     string
	Corrected string
	Banned    bool
	Visitor   string // opaque per-session hash, "" when unknown; never a user id
	TopDoc    string // ID of the first hit
	At        time.Time
}

// EntryFor builds the log entry of a query and its result.
func EntryFor(q Query, r Result, visitor string) LogEntry {
	e := LogEntry{Query: q.Text, Terms: r.Terms, Results: r.Total, Region: q.Region, Scope: q.Scope,
		Corrected: r.Corrected, Banned: r.Banned, Visitor: visitor}
	if len(r.Hits) > 0 && r.Hits[0].Doc != nil {
		e.TopDoc = r.Hits[0].Doc.ID
	}
	return e
}

const (
	logBatch      = 200             // rows per INSERT batch
	logBuffer     = 10000           // entries kept while the database is slow; more are dropped
	logFlushEvery = 2 * time.Second // how stale the log may be
	logIdleStop   = 30 * time.Second
	logQueryRunes = 200
)

// queryLogger buffers log entries and writes them in batches from one
// goroutine, so logging never makes a search request wait for the database.
// The goroutine starts with the first entry and exits after a quiet spell.
type queryLogger struct {
	e       *Engine
	mu      sync.Mutex
	buf     []LogEntry
	running bool
	dropped int
	done    chan struct{}
	// recsClearedAt is when a flush last expired the recommendation cache
	// (at first the start: what was computed then is at most recTTL old).
	recsClearedAt time.Time
}

func newQueryLogger(e *Engine) *queryLogger { return &queryLogger{e: e, recsClearedAt: time.Now()} }

// LogQuery records a search without blocking; it is a no-op without a
// database or for an empty query.
func (e *Engine) LogQuery(le LogEntry) {
	if e.db == nil || strings.TrimSpace(le.Query) == "" {
		return
	}
	if le.At.IsZero() {
		le.At = e.now()
	}
	e.qlog.add(le)
}

func (l *queryLogger) add(le LogEntry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) >= logBuffer {
		l.dropped++
		return
	}
	l.buf = append(l.buf, le)
	if !l.running {
		l.running = true
		l.done = make(chan struct{})
		go l.run(l.done)
	}
}

func (l *queryLogger) run(done chan struct{}) {
	defer close(done)
	t := time.NewTicker(logFlushEvery)
	defer t.Stop()
	idle := time.Duration(0)
	for {
		select {
		case <-l.e.closing:
			l.flush()
			l.stopRunning()
			return
		case <-t.C:
		}
		if l.flushEvery() == 0 {
			idle += logFlushEvery
		} else {
			idle = 0
		}
		l.mu.Lock()
		if idle >= logIdleStop && len(l.buf) == 0 {
			l.running = false
			l.mu.Unlock()
			return
		}
		l.mu.Unlock()
	}
}

func (l *queryLogger) stopRunning() {
	l.mu.Lock()
	l.running = false
	l.mu.Unlock()
}

// flush writes what is buffered and returns how many entries it wrote.
func (l *queryLogger) flush() int {
	n := l.write()
	if n > 0 {
		// New co-searches: recommendations are recomputed (Recommend).
		l.e.recs.clear()
	}
	return n
}

// write stores the buffered entries.
func (l *queryLogger) write() int {
	l.mu.Lock()
	batch := l.buf
	l.buf = nil
	l.mu.Unlock()
	for i := 0; i < len(batch); i += logBatch {
		if err := l.e.writeLog(batch[i:min(i+logBatch, len(batch))]); err != nil {
			l.e.log.Error("search: write query log", "err", err, "entries", len(batch)-i)
			break
		}
	}
	return len(batch)
}

// flushEvery is the background flush: it writes the log but marks the
// cached recommendations stale at most once per recTTL (recomputed beside
// the pages that read them). Under steady search load a flush every 2 s
// would otherwise recompute every recommendation (and its co-search query)
// on every page; a co-search may now show a minute or two late.
func (l *queryLogger) flushEvery() int {
	l.mu.Lock()
	n := len(l.buf)
	stale := time.Since(l.recsClearedAt) >= recTTL
	l.mu.Unlock()
	if n == 0 {
		return 0
	}
	if stale {
		l.mu.Lock()
		l.recsClearedAt = time.Now()
		l.mu.Unlock()
		n := l.write()
		l.e.recs.expire() // recomputed beside the pages that read them
		return n
	}
	return l.write()
}

// close flushes the buffer (the goroutine, if any, has been told to stop).
func (l *queryLogger) close() error {
	l.mu.Lock()
	done := l.done
	running := l.running
	l.mu.Unlock()
	if running && done != nil {
		<-done
	}
	l.flush()
	return nil
}

// FlushLog writes buffered log entries now (tests, shutdown).
func (e *Engine) FlushLog() { e.qlog.flush() }

// unixDay is the log_day of t.
func unixDay(t time.Time) int64 { return t.UTC().Unix() / 86400 }

func (e *Engine) writeLog(batch []LogEntry) error {
	if len(batch) == 0 {
		return nil
	}
	var sb strings.Builder
	sb.WriteString("INSERT INTO query_log (query, terms, result_count, region, scope, corrected, banned, visitor, top_doc, log_day, created_at) VALUES ")
	args := make([]any, 0, len(batch)*11)
	for i, le := range batch {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("(?,?,?,?,?,?,?,?,?,?,?)")
		q := cleanLogText(le.Query)
		args = append(args, q, cleanLogText(strings.Join(le.Terms, " ")), le.Results, cut(le.Region, 12), cut(le.Scope, 16),
			cleanLogText(le.Corrected), le.Banned, cut(le.Visitor, 64), cut(le.TopDoc, 128), unixDay(le.At), le.At.UTC())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return e.db.WithContext(ctx).Exec(sb.String(), args...).Error
}

// cleanLogText is the normalized text of a query, cut to logQueryRunes:
// the log groups 身份证 and 身份證 and drops control characters.
func cleanLogText(s string) string {
	s, _ = trimQuery(s)
	return runePrefix(normalize(s), logQueryRunes)
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
