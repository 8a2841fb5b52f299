package filing

import (
	"bytes"
	"context"
	"io"
	"strings"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
)

// File is one stored file of a filing, opened for sending.
type File struct {
	io.Reader
	io.Closer
	Size     int64
	MIME     string // from the content, never from a name
	Download string // file name to download as; "" = show inline (images)
}

// OpenFile opens key if it is one of the filing's files (icon, screenshot
// or, when withPackage, the install package); ErrNotFound otherwise.
func OpenFile(ctx context.Context, st *models.Store, blobs blob.Store, f Filing, key string, withPackage bool) (File, error) {
	if !HasFile(ctx, st, f, key) || (!withPackage && key == f.PackageKey) {
		return File{}, models.ErrNotFound
	}
	rc, size, err := blobs.Open(ctx, key)
	if err != nil {
		return File{}, err
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(rc, head)
	out := File{Reader: io.MultiReader(bytes.NewReader(head[:n]), rc), Closer: rc, Size: size}
	kind := blob.Sniff(head[:n])
	if kind == blob.KindPNG || kind == blob.KindJPEG {
		out.MIME = kind.MIME()
		return out, nil
	}
	out.MIME, out.Download = "application/octet-stream", safeName(f.PackageName)+".ipa"
	if f.PackageKind == KindAPK {
		out.MIME, out.Download = blob.KindAPK.MIME(), safeName(f.PackageName)+".apk"
	}
	return out, nil
}

// safeName keeps a package name usable in a Content-Disposition header.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			return r
		}
		return -1
	}, s)
	if s == "" {
		return "package"
	}
	return s
}
