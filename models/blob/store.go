package blob

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/gmcrypto"
)

// ErrTooLarge is returned by Put when the content exceeds its limit.
var ErrTooLarge = errors.New("blob: file too large")

// Object describes one stored file.
type Object struct {
	Key  string // the SM3 hex digest; also the storage name
	Size int64
	SM3  string
	Kind Kind   // sniffed from the first bytes
	MIME string // the Content-Type to serve it with
}

// Store keeps files by key. Implementations must be safe for concurrent use.
type Store interface {
	// Put stores r (at most limit bytes) and returns its description.
	// Storing the same bytes twice returns the same key.
	Put(ctx context.Context, r io.Reader, limit int64) (Object, error)
	// Open returns the file and its size; models.ErrNotFound when absent.
	Open(ctx context.Context, key string) (io.ReadCloser, int64, error)
	// Delete removes the file; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// FS is a Store in a directory: <dir>/<2 hex>/<64 hex>.
type FS struct {
	dir        string
	createTemp func(dir, pattern string) (TempFile, error) // nil = os.CreateTemp; see WithCreateTemp
}

// NewFS returns a store rooted at dir, creating it when needed.
func NewFS(dir string) (*FS, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o750); err != nil {
		return nil, fmt.Errorf("blob store %s: %w", dir, err)
	}
	return &FS{dir: dir}, nil
}

// Put implements Store.
func (f *FS) Put(ctx context.Context, r io.Reader, limit int64) (Object, error) {
	tmp, err := f.newTemp(filepath.Join(f.dir, "tmp"), "up-*")
	if err != nil {
		return Object{}, fmt.Errorf("blob put: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	h := gmcrypto.NewSM3()
	sniff := &headBuffer{max: sniffLen}
	n, err := io.Copy(io.MultiWriter(tmp, h, sniff), io.LimitReader(r, limit+1))
	if err == nil && n > limit {
		err = ErrTooLarge
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return Object{}, err
		}
		return Object{}, fmt.Errorf("blob put: %w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	path := f.path(sum)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return Object{}, fmt.Errorf("blob put: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return Object{}, fmt.Errorf("blob put: %w", err)
	}
	kind := Sniff(sniff.b)
	return Object{Key: sum, Size: n, SM3: sum, Kind: kind, MIME: kind.MIME()}, nil
}

// Open implements Store.
func (f *FS) Open(_ context.Context, key string) (io.ReadCloser, int64, error) {
	if !validKey(key) {
		return nil, 0, models.ErrNotFound
	}
	file, err := os.Open(f.path(key))
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, models.ErrNotFound
	}
	if err != nil {
		return nil, 0, fmt.Errorf("blob open: %w", err)
	}
	st, err := file.Stat()
	if err != nil {
		file.Close() // #nosec G104 -- the file was only opened for reading; the Stat error is the one to report
		return nil, 0, fmt.Errorf("blob open: %w", err)
	}
	return file, st.Size(), nil
}

// Delete implements Store.
func (f *FS) Delete(_ context.Context, key string) error {
	if !validKey(key) {
		return nil
	}
	if err := os.Remove(f.path(key)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("blob delete: %w", err)
	}
	return nil
}

func (f *FS) path(key string) string { return filepath.Join(f.dir, key[:2], key) }

// validKey keeps keys to 64 lower-case hex digits, so no key can name a
// path outside the store.
func validKey(key string) bool {
	if len(key) != 64 {
		return false
	}
	return strings.Trim(key, "0123456789abcdef") == ""
}

// headBuffer keeps the first max bytes written to it.
type headBuffer struct {
	b   []byte
	max int
}

func (h *headBuffer) Write(p []byte) (int, error) {
	if room := h.max - len(h.b); room > 0 {
		h.b = append(h.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}
