package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Limits that keep a hostile archive from using much memory or time.
const (
	maxArchive   = 32 << 20 // bytes of the whole file
	maxEntry     = 16 << 20 // bytes of one decompressed entry
	maxPages     = 200
	maxObjects   = 50000 // drawn objects per page
	maxDepth     = 16    // nesting of page blocks and composite objects
	maxImageData = 8 << 20
	maxSVG       = 64 << 20 // bytes of SVG for the whole document: one image drawn 50,000 times must not take gigabytes
	maxDeltas    = 1 << 16  // glyph advances of one TextCode: "g 10000 1" repeated must not take gigabytes
)

// CorruptError says why a file cannot be rendered. Reason is a short
// English phrase for logs; the portal shows a localized message.
type CorruptError struct{ Reason string }

func (e *CorruptError) Error() string { return "corrupt OFD: " + e.Reason }

func corrupt(format string, args ...any) error {
	return &CorruptError{Reason: fmt.Sprintf(format, args...)}
}

// IsCorrupt reports whether err says the file is broken (as opposed to a
// failure of the machine).
func IsCorrupt(err error) bool {
	var ce *CorruptError
	return errors.As(err, &ce)
}

// Document is a rendered OFD document.
type Document struct {
	Title string // DocInfo/Title, may be empty
	Pages []Page
}

// Page is one rendered page.
type Page struct {
	Width, Height float64 // millimetres
	SVG           string  // a complete <svg> element, safe to embed in HTML
	Text          []string
}

// pkg is an opened archive: its entries by normalised path.
type pkg struct {
	files map[string]*zip.File
	read  int64 // decompressed bytes read so far
}

func openPkg(data []byte) (*pkg, error) {
	if len(data) > maxArchive {
		return nil, corrupt("archive larger than %d bytes", maxArchive)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, corrupt("not a zip archive: %v", err)
	}
	p := &pkg{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		p.files[strings.TrimPrefix(path.Clean("/"+f.Name), "/")] = f
	}
	return p, nil
}

// readFile returns an entry's bytes; name is relative to the archive root.
func (p *pkg) readFile(name string) ([]byte, error) {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	f, ok := p.files[name]
	if !ok {
		// Some producers differ in case from what their XML says.
		for k, v := range p.files {
			if strings.EqualFold(k, name) {
				f, ok = v, true
				break
			}
		}
		if !ok {
			return nil, corrupt("missing entry %s", name)
		}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, corrupt("entry %s: %v", name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxEntry+1))
	if err != nil {
		return nil, corrupt("entry %s: %v", name, err)
	}
	if len(b) > maxEntry {
		return nil, corrupt("entry %s larger than %d bytes", name, maxEntry)
	}
	p.read += int64(len(b))
	if p.read > 4*maxArchive {
		return nil, corrupt("archive expands beyond %d bytes", 4*maxArchive)
	}
	return b, nil
}

func (p *pkg) readXML(name string, v any) error {
	b, err := p.readFile(name)
	if err != nil {
		return err
	}
	if err := xml.Unmarshal(b, v); err != nil {
		return corrupt("%s: %v", name, err)
	}
	return nil
}

// resolve joins a location from a file in dir (OFD locations are relative
// to the referring file's directory, or absolute from the archive root).
func resolve(dir, loc string) string {
	loc = strings.TrimSpace(strings.ReplaceAll(loc, "\\", "/"))
	if strings.HasPrefix(loc, "/") {
		return path.Clean(loc)[1:]
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, loc)), "/")
}

// box is a rectangle "x y w h" in millimetres.
type box struct{ X, Y, W, H float64 }

func parseBox(s string) (box, bool) {
	f := numbers(s)
	if len(f) != 4 || f[2] < 0 || f[3] < 0 {
		return box{}, false
	}
	return box{f[0], f[1], f[2], f[3]}, true
}

// numbers parses a space-separated list of numbers, skipping junk.
func numbers(s string) []float64 {
	var out []float64
	for _, w := range strings.Fields(s) {
		if v, err := strconv.ParseFloat(w, 64); err == nil && !isBad(v) {
			out = append(out, v)
		}
	}
	return out
}

func isBad(v float64) bool { return v != v || v > 1e7 || v < -1e7 }

// fmtNum writes a number compactly for SVG (at most 3 decimals).
func fmtNum(v float64) string {
	return strconv.FormatFloat(float64(int64(v*1000+copysign(0.5, v)))/1000, 'f', -1, 64)
}

func copysign(a, b float64) float64 {
	if b < 0 {
		return -a
	}
	return a
}
