package search

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
)

// Engine is the embedded search index with its vocabulary, query log and
// suggestions. Safe for concurrent use: searches share a read lock, index
// changes take the write lock briefly.
type Engine struct {
	mu          sync.RWMutex
	ix          *index
	voc         *vocab
	words       Vocabulary // the raw vocabulary, recompiled with titles on Load
	sources     []Source
	sugg        *suggester
	cache       *resultCache
	flights     flights // searches being evaluated (Search)
	evaluations atomic.Uint64
	counts      *resultCache // facet counts of filtered sets without text (browse), until the next change
	recs        recCache

	listenMu  sync.Mutex
	listeners []func(id string)

	suggBuilding sync.Mutex
	hotSugMu     sync.Mutex
	hotSug       *suggester
	changes      uint64 // index and vocabulary changes since Load (under mu)

	// scratches bounds how many queries evaluate at once. A scratch holds
	// per-document state (about 17 MB at a million documents), and more
	// evaluations than cores only queue in the scheduler: with a pool, a
	// burst of 64 concurrent searches held 64 of them (RSS 3.6-5 GB under
	// load at 1M items); now at most 2 × GOMAXPROCS exist.
	scratches chan *scratch
	db        *gorm.DB
	log       *slog.Logger
	now       func() time.Time
	self      string // process id in NOTIFY payloads

	qlog    *queryLogger
	hot     hotCache
	syncMu  sync.Mutex
	syncer  *syncer
	closing chan struct{}
	once    sync.Once
}

// Option configures an Engine.
type Option func(*Engine)

// WithDB stores vocabulary, query log and hot-word pins in db (migration
// 0004); without it the engine uses DefaultVocabulary and logs nothing.
func WithDB(db *gorm.DB) Option { return func(e *Engine) { e.db = db } }

// WithLogger sets where background errors (log flushes, sync) are logged.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithClock replaces time.Now (tests of hot-word decay).
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// WithVocabulary sets the vocabulary instead of reading it from the
// database.
func WithVocabulary(v Vocabulary) Option { return func(e *Engine) { e.words = v } }

// NewEngine returns an empty engine; call Load to fill it.
func NewEngine(opts ...Option) *Engine {
	b := make([]byte, 8)
	rand.Read(b) //nolint:errcheck // crypto/rand never fails on supported platforms
	e := &Engine{ix: newIndex(), log: slog.Default(), now: time.Now, self: hex.EncodeToString(b),
		closing: make(chan struct{}), cache: newResultCache(defaultCacheSize),
		counts: newResultCache(defaultCountsSize), scratches: newScratches(2 * runtime.GOMAXPROCS(0))}
	for _, o := range opts {
		o(e)
	}
	if e.words.Thesaurus == nil {
		e.words = DefaultVocabulary()
	}
	e.voc = compileVocab(e.words, nil)
	e.sugg = buildSuggester(e.ix, e.voc)
	e.qlog = newQueryLogger(e)
	return e
}

// Open builds an engine on db, reads its vocabulary and every document of
// sources: what handlers.New calls at start.
func Open(ctx context.Context, db *gorm.DB, logger *slog.Logger, sources ...Source) (*Engine, error) {
	opts := []Option{WithDB(db)}
	if logger != nil {
		opts = append(opts, WithLogger(logger))
	}
	e := NewEngine(opts...)
	if err := e.Load(ctx, sources...); err != nil {
		return nil, err
	}
	return e, nil
}

// Load rebuilds the whole index from sources (replacing the previous
// sources) and reloads the vocabulary from the database. Searches keep
// using the old index until the new one is complete.
func (e *Engine) Load(ctx context.Context, sources ...Source) error {
	words := e.words
	if e.db != nil {
		w, err := loadVocabulary(ctx, e.db)
		if err != nil {
			return fmt.Errorf("load search vocabulary: %w", err)
		}
		words = w
	}
	ix, err := buildIndex(ctx, sources)
	if err != nil {
		return err
	}
	ix.setNames()
	ix.renorm()
	ix.compact()
	ix.indexFacetValues()
	voc := compileVocab(words, ix.shortTitles())
	sugg := buildSuggester(ix, voc)
	e.mu.Lock()
	e.changes++
	sugg.gen = e.changes
	e.ix, e.voc, e.words, e.sources, e.sugg = ix, voc, words, sources, sugg
	e.invalidate()
	e.mu.Unlock()
	e.notify(AllChanged)
	if ix.nLive >= bigIndex {
		// The build's garbage (analysis batches, append slack) is several
		// times the index: hand it back to the OS now rather than keep the
		// process at its peak size.
		debug.FreeOSMemory()
	}
	return nil
}

// invalidate empties the caches that depend on the index (e.mu held for
// writing).
func (e *Engine) invalidate() {
	e.cache.clear()
	e.counts.clear()
	e.recs.clear()
}

// bigIndex is the size from which Load returns build garbage to the OS.
const bigIndex = 100_000

// Upsert adds or replaces documents.
func (e *Engine) Upsert(docs ...Doc) { e.upsert(false, docs...) }

// upsert adds or replaces documents; remote marks a change made by another
// process (invalidateDocs).
func (e *Engine) upsert(remote bool, docs ...Doc) {
	az := newAnalyzer()
	as := make([]analysed, len(docs))
	for i := range docs {
		az.analyze(&docs[i], &as[i])
	}
	e.mu.Lock()
	var changed []uint32 // old and new internal ids
	for i := range as {
		if as[i].doc.ID == "" {
			continue
		}
		if old, ok := e.ix.byExt[as[i].doc.ID]; ok {
			changed = append(changed, old)
		}
		e.ix.remove(as[i].doc.ID)
		e.ix.add(&as[i], nil)
		changed = append(changed, uint32(len(e.ix.docs)-1)) // #nosec G115 -- document positions: a few million, far below 2^32
	}
	e.changes++
	e.invalidateDocs(changed, remote)
	e.mu.Unlock()
	for i := range docs {
		if docs[i].ID != "" {
			e.notify(docs[i].ID)
		}
	}
}

// Delete removes documents by ID; unknown IDs are ignored.
func (e *Engine) Delete(ids ...string) { e.delete(false, ids...) }

func (e *Engine) delete(remote bool, ids ...string) {
	e.mu.Lock()
	var changed []uint32
	for _, id := range ids {
		if old, ok := e.ix.byExt[id]; ok {
			changed = append(changed, old)
		}
		e.ix.remove(id)
	}
	e.changes++
	e.invalidateDocs(changed, remote)
	e.mu.Unlock()
	e.notify(ids...)
}

// Len returns the number of documents searchable.
func (e *Engine) Len() int {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix.nLive
}

// ErrNoSource is returned by Refresh when no source knows a doc ID.
var ErrNoSource = errors.New("search: no source for document")

// Refresh re-reads one document through its source: updated when it is
// still published, removed when not.
func (e *Engine) Refresh(ctx context.Context, id string) error { return e.refresh(ctx, id, false) }

// refresh is Refresh; remote marks a change another process made (its
// NOTIFY), which may be answered from before it for a moment.
func (e *Engine) refresh(ctx context.Context, id string, remote bool) error {
	if id == vocabID {
		return e.ReloadVocabulary(ctx)
	}
	e.mu.RLock()
	sources := e.sources
	e.mu.RUnlock()
	for _, src := range sourcesFor(sources, id) {
		d, ok, err := src.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("refresh %s: %w", id, err)
		}
		if ok {
			if d.Kind == "" {
				d.Kind = src.Kind()
			}
			d.ID = id
			e.upsert(remote, d)
			return nil
		}
	}
	e.delete(remote, id)
	return nil
}

// sourcesFor orders sources so the one whose docs share id's prefix
// ("item:") is asked first.
func sourcesFor(sources []Source, id string) []Source {
	prefix, _, _ := strings.Cut(id, ":")
	out := make([]Source, 0, len(sources))
	for _, s := range sources {
		if s.Kind() == prefix || s.Kind() == kindOfPrefix[prefix] {
			out = append([]Source{s}, out...)
		} else {
			out = append(out, s)
		}
	}
	return out
}

// kindOfPrefix maps CONTRACTS' doc ID prefixes to Doc kinds.
var kindOfPrefix = map[string]string{"item": "matter", "policy": "policy", "interp": "policy", "app": "app", "topic": "topic"}

// ReloadVocabulary re-reads thesaurus, stopwords and banned words from the
// database (after staff edited them).
func (e *Engine) ReloadVocabulary(ctx context.Context) error {
	if e.db == nil {
		return nil
	}
	w, err := loadVocabulary(ctx, e.db)
	if err != nil {
		return err
	}
	e.mu.RLock()
	titles := e.ix.shortTitles()
	e.mu.RUnlock()
	voc := compileVocab(w, titles)
	e.mu.Lock()
	e.words, e.voc = w, voc
	e.changes++
	e.invalidate()
	e.mu.Unlock()
	e.hot.invalidate()
	return nil
}

// Close stops background work (sync listener) and flushes the query log.
func (e *Engine) Close() error {
	e.once.Do(func() { close(e.closing) })
	e.syncMu.Lock()
	s := e.syncer
	e.syncMu.Unlock()
	if s != nil {
		s.stop()
	}
	return e.qlog.close()
}
