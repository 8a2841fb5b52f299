package search

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Cross-process sync (ARCHITECTURE §1 scale-out): every portal process has
// its own index. When a document changes, the process that changed it calls
// Changed, which refreshes its own index and sends NOTIFY search_changed with
// "<sender>|<doc id>"; every other process LISTENs on a dedicated pgx
// connection and refreshes that doc from the database. After a lost
// connection the listener reconnects and reloads everything, since
// notifications sent meanwhile are gone. SQLite runs one process: no sync.

// SyncChannel is the PostgreSQL notification channel.
const SyncChannel = "search_changed"

// vocabID in a notification means the vocabulary tables changed.
const vocabID = "@vocab"

type syncer struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func (s *syncer) stop() {
	s.cancel()
	<-s.done
}

// Changed is what code that edits a document (or the vocabulary: pass
// VocabularyChanged) calls after committing: the local index is refreshed
// at once and, on PostgreSQL, other processes are told.
func (e *Engine) Changed(ctx context.Context, ids ...string) error {
	var errs []error
	for _, id := range ids {
		if err := e.Refresh(ctx, id); err != nil {
			errs = append(errs, err)
		}
	}
	if e.db != nil && e.db.Dialector.Name() == "postgres" {
		for _, id := range ids {
			if err := e.db.WithContext(ctx).Exec("SELECT pg_notify(?, ?)", SyncChannel, e.self+"|"+id).Error; err != nil {
				errs = append(errs, fmt.Errorf("notify %s: %w", id, err))
			}
		}
	}
	return errors.Join(errs...)
}

// VocabularyChanged is the ID to pass to Changed after staff edited the
// thesaurus, stopwords or banned words.
const VocabularyChanged = vocabID

// dsnOf returns the connection string gorm's PostgreSQL driver was opened
// with ("" for other databases).
func dsnOf(db *gorm.DB) string {
	if d, ok := db.Dialector.(*postgres.Dialector); ok && d.Config != nil {
		return d.Config.DSN
	}
	return ""
}

// StartSync starts listening for other processes' changes when the engine's
// database is PostgreSQL; it returns once the first LISTEN is in place. It
// is a no-op on SQLite. Close stops it.
func (e *Engine) StartSync(ctx context.Context) error {
	if e.db == nil || e.db.Dialector.Name() != "postgres" {
		return nil
	}
	dsn := dsnOf(e.db)
	if dsn == "" {
		return errors.New("search sync: the PostgreSQL connection string is unknown")
	}
	e.syncMu.Lock()
	defer e.syncMu.Unlock()
	if e.syncer != nil {
		return nil
	}
	conn, err := listen(ctx, dsn)
	if err != nil {
		return err
	}
	lctx, cancel := context.WithCancel(context.Background())
	s := &syncer{cancel: cancel, done: make(chan struct{})}
	e.syncer = s
	go e.listenLoop(lctx, dsn, conn, s.done) // #nosec G118 -- the listener outlives StartSync's ctx, which only bounds the first LISTEN; Close cancels lctx
	return nil
}

func listen(ctx context.Context, dsn string) (*pgx.Conn, error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("search sync: connect: %w", err)
	}
	if _, err := conn.Exec(cctx, "LISTEN "+SyncChannel); err != nil {
		conn.Close(context.Background()) // #nosec G104 -- the LISTEN error is the one to report
		return nil, fmt.Errorf("search sync: listen: %w", err)
	}
	return conn, nil
}

func (e *Engine) listenLoop(ctx context.Context, dsn string, conn *pgx.Conn, done chan struct{}) {
	defer close(done)
	backoff := 100 * time.Millisecond
	for {
		if conn == nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			var err error
			if conn, err = listen(ctx, dsn); err != nil {
				e.log.Warn("search sync: reconnect failed", "err", err)
				backoff = min(2*backoff, 5*time.Second)
				continue
			}
			backoff = 100 * time.Millisecond
			// Notifications sent while disconnected are lost: reload all.
			e.mu.RLock()
			sources := e.sources
			e.mu.RUnlock()
			if err := e.Load(ctx, sources...); err != nil && ctx.Err() == nil {
				e.log.Error("search sync: reload after reconnect", "err", err)
			}
		}
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			conn.Close(context.Background()) // #nosec G104 -- the connection already failed; the loop reconnects
			conn = nil
			if ctx.Err() != nil {
				return
			}
			e.log.Warn("search sync: connection lost", "err", err)
			continue
		}
		sender, id, ok := strings.Cut(n.Payload, "|")
		if !ok || sender == e.self {
			continue
		}
		if err := e.refresh(ctx, id, true); err != nil && ctx.Err() == nil {
			e.log.Error("search sync: refresh", "id", id, "err", err)
		}
	}
}
