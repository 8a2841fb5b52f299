package ofd

import (
	"bytes"
	"encoding/base64"
)

// imageObject draws an image resource into the unit square that the CTM
// maps onto the object's boundary (GB/T 33190 10.2). The bytes are
// embedded as a data: URL of a format recognised by its content; anything
// else is left out rather than handed to the browser.
func (w *writer) imageObject(o *xObject) error {
	m, ok := w.dc.media[o.ResourceID]
	if !ok {
		return nil
	}
	if m.data == "" {
		m.data = "-"
		b, err := w.dc.pkg.readFile(m.file)
		if err != nil {
			return err
		}
		if mime := imageMIME(b); mime != "" && len(b) <= maxImageData {
			m.data = "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b)
		}
	}
	if m.data == "-" {
		return nil
	}
	if len(numbers(o.CTM)) != 6 {
		// Without a CTM the image fills its boundary.
		bb, ok := parseBox(o.Boundary)
		if !ok {
			return nil
		}
		o.CTM = fmtNum(bb.W) + " 0 0 " + fmtNum(bb.H) + " 0 0"
	}
	if _, ok := w.open(o, ""); !ok {
		return nil
	}
	w.b.WriteString(`<image x="0" y="0" width="1" height="1" preserveAspectRatio="none" href="` + m.data + `"/></g>`)
	return nil
}

// imageMIME recognises the image formats every browser draws.
func imageMIME(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "image/gif"
	case bytes.HasPrefix(b, []byte("BM")):
		return "image/bmp"
	}
	return ""
}
