// Package filingtest builds install packages and images for tests: a
// binary AndroidManifest.xml written the way aapt2 writes it, APK and IPA
// zip files around it, and PNG screenshots.
package filingtest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"unicode/utf16"
)

// AXMLOptions shape the binary manifest.
type AXMLOptions struct {
	Package, VersionName string
	VersionCode          int32
	UTF8                 bool // UTF-8 string pool (aapt2) instead of UTF-16 (aapt)
	NamelessAttrs        bool // attribute names left empty, found by resource id only
}

// AXML returns a binary AndroidManifest.xml with one <manifest> element.
func AXML(o AXMLOptions) []byte {
	vcName, vnName := "versionCode", "versionName"
	if o.NamelessAttrs {
		vcName, vnName = "", ""
	}
	// Resource-mapped attribute names come first in the pool (indexes 0, 1).
	strs := []string{vcName, vnName, "android", "http://schemas.android.com/apk/res/android", "package", "manifest", o.Package, o.VersionName}
	var body bytes.Buffer
	body.Write(stringPool(strs, o.UTF8))
	body.Write(chunk(0x0180, 8, u32s(0x0101021b, 0x0101021c)))
	const none = 0xffffffff
	attrs := [][]byte{
		attr(3, 0, none, 0x10, uint32(o.VersionCode)), // #nosec G115 -- test fixture: the bits as Android stores them
		attr(3, 1, 7, 0x03, 7),
		attr(none, 4, 6, 0x03, 6),
	}
	ext := u32s(none, 5) // ns, name
	// #nosec G115 -- test fixture: a handful of attributes
	ext = append(ext, u16s(20, 20, uint16(len(attrs)), 0, 0, 0)...)
	for _, a := range attrs {
		ext = append(ext, a...)
	}
	body.Write(chunk(0x0102, 16, append(u32s(1, none), ext...)))
	body.Write(chunk(0x0103, 16, u32s(1, none, none, 5)))
	return chunk(0x0003, 8, body.Bytes())
}

func attr(ns, name, raw uint32, typ byte, data uint32) []byte {
	b := u32s(ns, name, raw)
	b = append(b, 8, 0, 0, typ)
	return append(b, u32s(data)...)
}

// chunk frames payload: {type, headerSize, size} then the rest of the
// header (already inside payload for headerSize > 8) and the body.
func chunk(typ uint16, hdr uint16, payload []byte) []byte {
	b := u16s(typ, hdr)
	b = append(b, u32s(uint32(8+len(payload)))...) // #nosec G115 -- test fixture: a few hundred bytes
	return append(b, payload...)
}

func stringPool(strs []string, utf8 bool) []byte {
	var data []byte
	var offs []uint32
	for _, s := range strs {
		offs = append(offs, uint32(len(data))) // #nosec G115 -- test fixture: a few hundred bytes
		if utf8 {
			data = append(data, byte(len([]rune(s))), byte(len(s))) // #nosec G115 -- test fixture: short strings
			data = append(data, s...)
			data = append(data, 0)
		} else {
			u := utf16.Encode([]rune(s))
			data = append(data, u16s(uint16(len(u)))...) // #nosec G115 -- test fixture: short strings
			data = append(data, u16s(u...)...)
			data = append(data, 0, 0)
		}
	}
	for len(data)%4 != 0 {
		data = append(data, 0)
	}
	var flags uint32
	if utf8 {
		flags = 1 << 8
	}
	start := 28 + 4*len(strs)
	hdr := u32s(uint32(len(strs)), 0, flags, uint32(start), 0) // #nosec G115 -- test fixture: a handful of strings
	for _, o := range offs {
		hdr = append(hdr, u32s(o)...)
	}
	return chunk(0x0001, 28, append(hdr, data...))
}

func u32s(v ...uint32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], x)
	}
	return b
}

func u16s(v ...uint16) []byte {
	b := make([]byte, 2*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint16(b[2*i:], x)
	}
	return b
}

// APK returns a zip holding the manifest and a classes.dex.
func APK(o AXMLOptions) []byte {
	return zipOf(map[string][]byte{"AndroidManifest.xml": AXML(o), "classes.dex": []byte("dex\n035\x00")})
}

// IPA returns a zip holding Payload/App.app/Info.plist (XML).
func IPA(bundleID, version, build string) []byte {
	plist := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>CFBundleIdentifier</key><string>` + bundleID + `</string>
<key>CFBundleShortVersionString</key><string>` + version + `</string>
<key>CFBundleVersion</key><string>` + build + `</string>
<key>UIRequiredDeviceCapabilities</key><array><string>arm64</string></array>
</dict></plist>`
	return zipOf(map[string][]byte{"Payload/App.app/Info.plist": []byte(plist), "Payload/App.app/App": []byte("\xcf\xfa\xed\xfe")})
}

func zipOf(files map[string][]byte) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range []string{"AndroidManifest.xml", "Payload/App.app/Info.plist", "classes.dex", "Payload/App.app/App"} {
		if b, ok := files[name]; ok {
			w, _ := z.Create(name)
			w.Write(b) // #nosec G104 -- test fixture written to memory
		}
	}
	z.Close() // #nosec G104 -- test fixture written to memory
	return buf.Bytes()
}

// PNG returns a w×h PNG filled with a colour derived from seed, so
// different seeds give different bytes (and different blob keys).
func PNG(w, h int, seed byte) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: seed, G: byte(x), B: byte(y), A: 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img) // #nosec G104 -- test fixture written to memory
	return buf.Bytes()
}
