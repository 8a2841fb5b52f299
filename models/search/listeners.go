package search

// Change listeners: caches outside the engine that hold what the index's
// documents are made from (the guide pages of models/catalog) follow the
// same changes as the index, including those other processes announce by
// NOTIFY (sync.go), without asking the database on every read.

// AllChanged is the id a listener receives when the whole index was
// rebuilt (Load, or a reload after the sync connection was lost).
const AllChanged = ""

// OnChange registers f to be called after each document change with its id
// ("item:<code>", …), and with AllChanged after a rebuild. f runs on the
// changing goroutine without the engine's lock and must be quick.
func (e *Engine) OnChange(f func(id string)) {
	e.listenMu.Lock()
	e.listeners = append(e.listeners, f)
	e.listenMu.Unlock()
}

func (e *Engine) notify(ids ...string) {
	e.listenMu.Lock()
	ls := e.listeners
	e.listenMu.Unlock()
	for _, f := range ls {
		for _, id := range ids {
			f(id)
		}
	}
}
