package handlers

import "time"

// SetWarmDebounce shortens the pause before the search caches are warmed
// again after an index change; the returned func restores it.
func SetWarmDebounce(d time.Duration) func() {
	old := warmDebounce
	warmDebounce = d
	return func() { warmDebounce = old }
}
