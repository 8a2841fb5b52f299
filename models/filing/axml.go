package filing

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// Android binary XML (AXML), the compiled form of AndroidManifest.xml in an
// APK. Only what the manifest's root element needs is decoded: the string
// pool, the resource-id map and start-element chunks with typed attributes.
// Layout (frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h):
// every chunk starts with {type u16, headerSize u16, size u32}, little-endian.
const (
	axmlFile         = 0x0003
	axmlStringPool   = 0x0001
	axmlResourceMap  = 0x0180
	axmlStartElement = 0x0102
	axmlUTF8Flag     = 1 << 8

	typeReference = 0x01
	typeString    = 0x03
	typeIntDec    = 0x10
	typeIntHex    = 0x11
	typeBool      = 0x12

	// android:versionCode and android:versionName (android.R.attr); aapt2
	// may leave the attribute name string empty and keep only the id.
	attrVersionCode = 0x0101021b
	attrVersionName = 0x0101021c
)

// ErrBadManifest is returned for a manifest that is not valid binary XML.
var ErrBadManifest = errors.New("filing: not a binary AndroidManifest.xml")

// Manifest is what a package says about itself.
type Manifest struct {
	Package     string // com.example.app (or CFBundleIdentifier)
	VersionName string // 1.2.0 (or CFBundleShortVersionString)
	VersionCode string // 10 (or CFBundleVersion)
	Label       string // android:label when a plain string (or CFBundleDisplayName)
}

// ParseAXML reads the <manifest> element of a binary AndroidManifest.xml.
func ParseAXML(b []byte) (Manifest, error) {
	if len(b) < 8 || binary.LittleEndian.Uint16(b) != axmlFile {
		return Manifest{}, ErrBadManifest
	}
	var (
		pool  []string
		resID []uint32
		m     Manifest
	)
	off := int(binary.LittleEndian.Uint16(b[2:]))
	for off+8 <= len(b) {
		typ := binary.LittleEndian.Uint16(b[off:])
		hdr := int(binary.LittleEndian.Uint16(b[off+2:]))
		size := int(binary.LittleEndian.Uint32(b[off+4:]))
		if size < 8 || hdr > size || off+size > len(b) {
			return Manifest{}, ErrBadManifest
		}
		chunk := b[off : off+size]
		var err error
		switch typ {
		case axmlStringPool:
			pool, err = readStringPool(chunk)
		case axmlResourceMap:
			for i := hdr; i+4 <= size; i += 4 {
				resID = append(resID, binary.LittleEndian.Uint32(chunk[i:]))
			}
		case axmlStartElement:
			var done bool
			done, err = readManifestElement(chunk, hdr, pool, resID, &m)
			if err == nil && done {
				return m, nil
			}
		}
		if err != nil {
			return Manifest{}, err
		}
		off += size
	}
	return Manifest{}, ErrBadManifest
}

// readManifestElement decodes a start element; done is true once the
// <manifest> element has been read.
func readManifestElement(chunk []byte, hdr int, pool []string, resID []uint32, m *Manifest) (bool, error) {
	if hdr < 16 || len(chunk) < hdr+20 {
		return false, ErrBadManifest
	}
	ext := chunk[hdr:]
	if str(pool, binary.LittleEndian.Uint32(ext[4:])) != "manifest" {
		return false, nil
	}
	attrStart := int(binary.LittleEndian.Uint16(ext[8:]))
	attrSize := int(binary.LittleEndian.Uint16(ext[10:]))
	count := int(binary.LittleEndian.Uint16(ext[12:]))
	if attrSize < 20 {
		return false, ErrBadManifest
	}
	for i := 0; i < count; i++ {
		a := hdr + attrStart + i*attrSize
		if a+20 > len(chunk) {
			return false, ErrBadManifest
		}
		nameIdx := binary.LittleEndian.Uint32(chunk[a+4:])
		raw := binary.LittleEndian.Uint32(chunk[a+8:])
		dataType := chunk[a+15]
		data := binary.LittleEndian.Uint32(chunk[a+16:])
		val := attrValue(pool, raw, dataType, data)
		name := str(pool, nameIdx)
		var id uint32
		if int(nameIdx) < len(resID) {
			id = resID[nameIdx]
		}
		switch {
		case name == "package":
			m.Package = val
		case id == attrVersionCode || name == "versionCode":
			m.VersionCode = val
		case id == attrVersionName || name == "versionName":
			m.VersionName = val
		}
	}
	return true, nil
}

func attrValue(pool []string, raw uint32, dataType byte, data uint32) string {
	if raw != 0xffffffff {
		return str(pool, raw)
	}
	switch dataType {
	case typeString:
		return str(pool, data)
	case typeIntDec:
		return strconv.FormatInt(int64(int32(data)), 10) // #nosec G115 -- TYPE_INT_DEC is a signed 32-bit value: reinterpreting the bits is the decoding
	case typeIntHex:
		return fmt.Sprintf("0x%x", data)
	case typeBool:
		return strconv.FormatBool(data != 0)
	case typeReference:
		// A resource reference (@string/…) needs resources.arsc: shown as such.
		return fmt.Sprintf("@0x%08x", data)
	}
	return ""
}

func str(pool []string, i uint32) string {
	if int64(i) >= int64(len(pool)) {
		return ""
	}
	return pool[i]
}

// readStringPool decodes a ResStringPool chunk (UTF-8 or UTF-16 strings).
func readStringPool(c []byte) ([]string, error) {
	if len(c) < 28 {
		return nil, ErrBadManifest
	}
	count := int(binary.LittleEndian.Uint32(c[8:]))
	flags := binary.LittleEndian.Uint32(c[16:])
	start := int(binary.LittleEndian.Uint32(c[20:]))
	hdr := int(binary.LittleEndian.Uint16(c[2:]))
	if count < 0 || count > (len(c)-hdr)/4 || start > len(c) {
		return nil, ErrBadManifest
	}
	out := make([]string, count)
	for i := range count {
		o := start + int(binary.LittleEndian.Uint32(c[hdr+4*i:]))
		if o < 0 || o >= len(c) {
			return nil, ErrBadManifest
		}
		var ok bool
		if flags&axmlUTF8Flag != 0 {
			out[i], ok = utf8At(c, o)
		} else {
			out[i], ok = utf16At(c, o)
		}
		if !ok {
			return nil, ErrBadManifest
		}
	}
	return out, nil
}

// utf8At reads {chars: 1–2 bytes, bytes: 1–2 bytes, data}.
func utf8At(c []byte, o int) (string, bool) {
	_, o, ok := len8(c, o)
	if !ok {
		return "", false
	}
	n, o, ok := len8(c, o)
	if !ok || o+n > len(c) {
		return "", false
	}
	return string(c[o : o+n]), true
}

func len8(c []byte, o int) (int, int, bool) {
	if o >= len(c) {
		return 0, o, false
	}
	n := int(c[o])
	if n&0x80 == 0 {
		return n, o + 1, true
	}
	if o+1 >= len(c) {
		return 0, o, false
	}
	return (n&0x7f)<<8 | int(c[o+1]), o + 2, true
}

// utf16At reads {units: 1–2 u16, data u16…}.
func utf16At(c []byte, o int) (string, bool) {
	if o+2 > len(c) {
		return "", false
	}
	n := int(binary.LittleEndian.Uint16(c[o:]))
	o += 2
	if n&0x8000 != 0 {
		if o+2 > len(c) {
			return "", false
		}
		n = (n&0x7fff)<<16 | int(binary.LittleEndian.Uint16(c[o:]))
		o += 2
	}
	if o+2*n > len(c) {
		return "", false
	}
	u := make([]uint16, n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(c[o+2*i:])
	}
	return string(utf16.Decode(u)), true
}
