package blob

import (
	"io"
	"os"
)

// TempFile is what Put writes an upload to before renaming it under its
// key (*os.File in production).
type TempFile interface {
	io.Writer
	Sync() error
	Close() error
	Name() string
}

// WithCreateTemp returns a store over the same directory whose temporary
// files come from create, so tests can make writes fail as on a full disk
// (ENOSPC half-way through a file) without a real small file system.
func (f *FS) WithCreateTemp(create func(dir, pattern string) (TempFile, error)) *FS {
	return &FS{dir: f.dir, createTemp: create}
}

func (f *FS) newTemp(dir, pattern string) (TempFile, error) {
	if f.createTemp != nil {
		return f.createTemp(dir, pattern)
	}
	return os.CreateTemp(dir, pattern)
}
