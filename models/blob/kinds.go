package blob

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/jpeg" // registers the decoders Check uses
	_ "image/png"
	"io"
	"strings"
)

// Kind is a file type recognised by content.
type Kind string

// The kinds the portal accepts somewhere (C 0103 7.1: attachments in JPG,
// PNG, PDF, OFD or MP4; 9.3: install packages in APK or IPA).
const (
	KindUnknown Kind = ""
	KindJPEG    Kind = "jpg"
	KindPNG     Kind = "png"
	KindPDF     Kind = "pdf"
	KindOFD     Kind = "ofd"
	KindMP4     Kind = "mp4"
	KindAPK     Kind = "apk"
	KindIPA     Kind = "ipa"
	KindZIP     Kind = "zip" // a zip archive that is none of the above
)

// sniffLen is how many leading bytes Sniff looks at.
const sniffLen = 4096

// MIME is the Content-Type a file of this kind is served with.
func (k Kind) MIME() string {
	switch k {
	case KindJPEG:
		return "image/jpeg"
	case KindPNG:
		return "image/png"
	case KindPDF:
		return "application/pdf"
	case KindOFD:
		return "application/ofd"
	case KindMP4:
		return "video/mp4"
	case KindAPK:
		return "application/vnd.android.package-archive"
	case KindIPA:
		return "application/octet-stream"
	case KindZIP:
		return "application/zip"
	}
	return "application/octet-stream"
}

// Sniff recognises a file from its first bytes (up to 4 KiB are used).
// Zip-based formats are told apart by the name of their first entry, which
// is a good guess; Check confirms with the whole archive.
func Sniff(head []byte) Kind {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return KindJPEG
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return KindPNG
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return KindPDF
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return KindMP4
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return sniffZip(head)
	}
	return KindUnknown
}

func sniffZip(head []byte) Kind {
	if len(head) < 30 {
		return KindZIP
	}
	n := int(binary.LittleEndian.Uint16(head[26:28]))
	if len(head) < 30+n {
		return KindZIP
	}
	return zipKind([]string{string(head[30 : 30+n])})
}

// zipKind classifies an archive by its entry names.
func zipKind(names []string) Kind {
	for _, name := range names {
		switch {
		case name == "OFD.xml":
			return KindOFD
		case name == "AndroidManifest.xml" || name == "classes.dex":
			return KindAPK
		case strings.HasPrefix(name, "Payload/") && strings.Contains(name, ".app/"):
			return KindIPA
		}
	}
	return KindZIP
}

// CorruptError says why a file is not a valid file of its kind. Reason is a
// short English phrase for logs; handlers show a localized message.
type CorruptError struct {
	Kind   Kind
	Reason string
}

func (e *CorruptError) Error() string { return fmt.Sprintf("corrupt %s file: %s", e.Kind, e.Reason) }

// MaxImagePixels bounds the pictures Check decodes: above the 108-megapixel
// sensors of current phones, below what would let one upload take
// gigabytes.
const MaxImagePixels = 120_000_000

// Check reports whether data is a complete, readable file of kind: images
// are decoded, a PDF must have its header and end-of-file marker, an MP4
// its movie box, and OFD, APK and IPA archives must open and hold their
// main entry. It returns a *CorruptError otherwise.
func Check(kind Kind, data []byte) error {
	bad := func(reason string) error { return &CorruptError{Kind: kind, Reason: reason} }
	if got := Sniff(data[:min(len(data), sniffLen)]); got != kind && !(isZip(got) && isZip(kind)) {
		return bad("content is " + string(got) + ", not " + string(kind))
	}
	switch kind {
	case KindJPEG, KindPNG:
		// The header first: a few hundred bytes can claim a picture whose
		// decoding needs gigabytes (a 279 KB PNG of 16000×16000 took 244 MB).
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return bad("image does not decode: " + err.Error())
		}
		if int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
			return bad(fmt.Sprintf("image of %d×%d pixels is larger than %d megapixels", cfg.Width, cfg.Height, MaxImagePixels/1_000_000))
		}
		if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
			return bad("image does not decode: " + err.Error())
		}
	case KindPDF:
		tail := data[max(0, len(data)-1024):]
		if !bytes.Contains(tail, []byte("%%EOF")) {
			return bad("no %%EOF marker: the file is truncated")
		}
	case KindMP4:
		if !hasMP4Box(data, "moov") {
			return bad("no moov box")
		}
	case KindOFD, KindAPK, KindIPA, KindZIP:
		return checkZip(kind, data)
	default:
		return bad("unknown file type")
	}
	return nil
}

func isZip(k Kind) bool { return k == KindOFD || k == KindAPK || k == KindIPA || k == KindZIP }

func checkZip(kind Kind, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &CorruptError{Kind: kind, Reason: "archive does not open: " + err.Error()}
	}
	names := make([]string, len(zr.File))
	for i, f := range zr.File {
		names[i] = f.Name
	}
	if got := zipKind(names); got != kind {
		return &CorruptError{Kind: kind, Reason: "archive is " + string(got)}
	}
	if kind == KindOFD {
		f, err := zr.Open("OFD.xml")
		if err != nil {
			return &CorruptError{Kind: kind, Reason: "OFD.xml unreadable"}
		}
		defer f.Close()
		dec := xml.NewDecoder(io.LimitReader(f, 1<<20))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				return &CorruptError{Kind: kind, Reason: "OFD.xml is not well-formed XML"}
			}
		}
	}
	return nil
}

// hasMP4Box walks the top-level ISO BMFF boxes looking for typ. Sizes come
// from the upload, so each is checked against the bytes left before it is
// added to off: a huge 64-bit size must end the walk, not overflow off.
func hasMP4Box(data []byte, typ string) bool {
	for off := 0; len(data)-off >= 8; {
		left := uint64(len(data) - off)
		size := uint64(binary.BigEndian.Uint32(data[off:]))
		if string(data[off+4:off+8]) == typ {
			return true
		}
		switch {
		case size == 1:
			if left < 16 {
				return false
			}
			size = binary.BigEndian.Uint64(data[off+8:])
			if size < 16 {
				return false // a 64-bit size counts its own 16-byte header
			}
		case size == 0:
			return false // the box runs to the end of the file
		}
		if size < 8 || size > left {
			return false // a box cannot end before its header or after the file
		}
		off += int(size) // #nosec G115 -- size <= left <= len(data), which is an int
	}
	return false
}
