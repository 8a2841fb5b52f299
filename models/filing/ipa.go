package filing

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"strconv"
	"unicode/utf16"
)

// ErrBadPlist is returned for an Info.plist that cannot be read.
var ErrBadPlist = errors.New("filing: unreadable Info.plist")

// ParsePlist reads the top-level string keys of an Info.plist, XML or
// binary (bplist00), and maps the bundle keys to a Manifest.
func ParsePlist(b []byte) (Manifest, error) {
	var kv map[string]string
	var err error
	if bytes.HasPrefix(b, []byte("bplist00")) {
		kv, err = binaryPlist(b)
	} else {
		kv, err = xmlPlist(b)
	}
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{Package: kv["CFBundleIdentifier"], VersionName: kv["CFBundleShortVersionString"],
		VersionCode: kv["CFBundleVersion"], Label: kv["CFBundleDisplayName"]}
	if m.Label == "" {
		m.Label = kv["CFBundleName"]
	}
	if m.Package == "" {
		return Manifest{}, ErrBadPlist
	}
	return m, nil
}

// xmlPlist reads <plist><dict><key>K</key><string>V</string>… of the top dict.
func xmlPlist(b []byte) (map[string]string, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	out := map[string]string{}
	depth, key, text := 0, "", ""
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			text = ""
		case xml.CharData:
			text += string(t)
		case xml.EndElement:
			// plist(1) > dict(2) > key|string(3)
			if depth == 3 {
				switch t.Name.Local {
				case "key":
					key = text
				case "string", "integer":
					if key != "" {
						out[key] = text
					}
					key = ""
				default:
					key = ""
				}
			}
			depth--
		}
	}
	if len(out) == 0 {
		return nil, ErrBadPlist
	}
	return out, nil
}

// bplist is a binary property list (Apple's CFBinaryPList format).
type bplist struct {
	b       []byte
	offsets []uint64
	refSize int
}

func binaryPlist(b []byte) (map[string]string, error) {
	if len(b) < 40 {
		return nil, ErrBadPlist
	}
	t := b[len(b)-32:]
	offSize, refSize := int(t[6]), int(t[7])
	n, top, table := binary.BigEndian.Uint64(t[8:]), binary.BigEndian.Uint64(t[16:]), binary.BigEndian.Uint64(t[24:])
	if offSize < 1 || offSize > 8 || refSize < 1 || refSize > 8 || n > uint64(len(b)) || table+n*uint64(offSize) > uint64(len(b)) {
		return nil, ErrBadPlist
	}
	p := &bplist{b: b, refSize: refSize}
	for i := uint64(0); i < n; i++ {
		p.offsets = append(p.offsets, beUint(b[table+i*uint64(offSize):], offSize))
	}
	if top >= n {
		return nil, ErrBadPlist
	}
	o := p.offsets[top]
	if o >= uint64(len(b)) || b[o]>>4 != 0xD {
		return nil, ErrBadPlist
	}
	count, start, ok := p.length(o)
	if !ok || start+2*count*uint64(refSize) > uint64(len(b)) {
		return nil, ErrBadPlist
	}
	out := map[string]string{}
	for i := uint64(0); i < count; i++ {
		k, kok := p.scalar(beUint(b[start+i*uint64(refSize):], refSize))
		v, vok := p.scalar(beUint(b[start+(count+i)*uint64(refSize):], refSize))
		if kok && vok {
			out[k] = v
		}
	}
	return out, nil
}

func beUint(b []byte, n int) uint64 {
	var v uint64
	for i := 0; i < n && i < len(b); i++ {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// length is the object count of the marker at o and where its data starts.
func (p *bplist) length(o uint64) (n, start uint64, ok bool) {
	n, start = uint64(p.b[o]&0x0f), o+1
	if n != 0x0f {
		return n, start, true
	}
	if start >= uint64(len(p.b)) || p.b[start]>>4 != 0x1 {
		return 0, 0, false
	}
	size := uint64(1) << (p.b[start] & 0x0f)
	if start+1+size > uint64(len(p.b)) {
		return 0, 0, false
	}
	return beUint(p.b[start+1:], int(size)), start + 1 + size, true // #nosec G115 -- size is 1<<(0..15) and was checked against len(p.b)
}

// scalar renders a string or integer object as text.
func (p *bplist) scalar(ref uint64) (string, bool) {
	if ref >= uint64(len(p.offsets)) || p.offsets[ref] >= uint64(len(p.b)) {
		return "", false
	}
	o := p.offsets[ref]
	switch p.b[o] >> 4 {
	case 0x1:
		size := 1 << (p.b[o] & 0x0f)
		if o+1+uint64(size) > uint64(len(p.b)) || size > 8 {
			return "", false
		}
		return strconv.FormatUint(beUint(p.b[o+1:], size), 10), true
	case 0x5, 0x6:
		n, start, ok := p.length(o)
		if !ok {
			return "", false
		}
		if p.b[o]>>4 == 0x5 {
			if start+n > uint64(len(p.b)) {
				return "", false
			}
			return string(p.b[start : start+n]), true
		}
		if start+2*n > uint64(len(p.b)) {
			return "", false
		}
		u := make([]uint16, n)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(p.b[start+2*uint64(i):])
		}
		return string(utf16.Decode(u)), true
	}
	return "", false
}
