package handlers

import "time"

// SetSubmitTimeout changes the submission time limit for a test and
// returns a func that restores it.
func SetSubmitTimeout(d time.Duration) func() {
	old := submitTimeout
	submitTimeout = d
	return func() { submitTimeout = old }
}
