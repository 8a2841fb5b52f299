package filing

import (
	"archive/zip"
	"errors"
	"io"
	"path"
	"strings"
)

// ReadPackage opens an APK or IPA (both zip files) and reads its manifest:
// AndroidManifest.xml (binary XML) or Payload/<name>.app/Info.plist.
func ReadPackage(r io.ReaderAt, size int64, kind string) (Manifest, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return Manifest{}, ErrBadManifest
	}
	for _, f := range z.File {
		switch {
		case kind == KindAPK && f.Name == "AndroidManifest.xml":
			b, err := readZipFile(f, 4<<20)
			if err != nil {
				return Manifest{}, err
			}
			return ParseAXML(b)
		case kind == KindIPA && isInfoPlist(f.Name):
			b, err := readZipFile(f, 4<<20)
			if err != nil {
				return Manifest{}, err
			}
			return ParsePlist(b)
		}
	}
	return Manifest{}, ErrBadManifest
}

// Package kinds (the blob store's kinds of the same name).
const (
	KindAPK = "apk"
	KindIPA = "ipa"
)

// isInfoPlist matches Payload/X.app/Info.plist (not a plist of a bundle
// nested deeper, such as a framework's).
func isInfoPlist(name string) bool {
	dir, file := path.Split(name)
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	return file == "Info.plist" && len(parts) == 2 && parts[0] == "Payload" && strings.HasSuffix(parts[1], ".app")
}

var errTooBig = errors.New("filing: manifest too large")

func readZipFile(f *zip.File, limit int64) ([]byte, error) {
	if limit < 0 || f.UncompressedSize64 > uint64(limit) {
		return nil, errTooBig
	}
	rc, err := f.Open()
	if err != nil {
		return nil, ErrBadManifest
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit))
	if err != nil {
		return nil, ErrBadManifest
	}
	return b, nil
}
