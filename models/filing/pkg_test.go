package filing_test

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/models/filing/filingtest"
)

func TestParseAXMLReadsPackageAndVersion(t *testing.T) {
	for _, o := range []filingtest.AXMLOptions{
		{Package: "cn.gov.zj.app", VersionName: "2.3.1", VersionCode: 231},
		{Package: "cn.gov.zj.app", VersionName: "2.3.1", VersionCode: 231, UTF8: true, NamelessAttrs: true},
		{Package: "cn.gov.政务", VersionName: "版本一", VersionCode: -1, UTF8: true},
	} {
		m, err := filing.ParseAXML(filingtest.AXML(o))
		if err != nil {
			t.Fatalf("%+v: %v", o, err)
		}
		if m.Package != o.Package || m.VersionName != o.VersionName {
			t.Fatalf("%+v: got %+v", o, m)
		}
		if want := itoa(o.VersionCode); m.VersionCode != want {
			t.Fatalf("versionCode %q, want %q", m.VersionCode, want)
		}
	}
}

func itoa(v int32) string {
	var b bytes.Buffer
	if v < 0 {
		b.WriteByte('-')
		v = -v
	}
	s := []byte{}
	for v >= 10 {
		s = append([]byte{byte('0' + v%10)}, s...)
		v /= 10
	}
	s = append([]byte{byte('0' + v)}, s...)
	b.Write(s)
	return b.String()
}

// A truncated or corrupted manifest is an error, never a panic.
func TestParseAXMLRefusesDamage(t *testing.T) {
	good := filingtest.AXML(filingtest.AXMLOptions{Package: "a.b", VersionName: "1", VersionCode: 1})
	if _, err := filing.ParseAXML([]byte("<manifest/>")); err == nil {
		t.Fatal("plain XML accepted as binary XML")
	}
	for n := 0; n < len(good); n += 7 {
		filing.ParseAXML(good[:n]) //nolint:errcheck
	}
	bad := bytes.Clone(good)
	binary.LittleEndian.PutUint32(bad[12:], 1<<30) // string pool size
	if _, err := filing.ParseAXML(bad); err == nil {
		t.Fatal("a chunk larger than the file was accepted")
	}
}

func FuzzParseAXML(f *testing.F) {
	f.Add(filingtest.AXML(filingtest.AXMLOptions{Package: "a.b", VersionName: "1", VersionCode: 1}))
	f.Add(filingtest.AXML(filingtest.AXMLOptions{Package: "a.b", VersionName: "1", VersionCode: 1, UTF8: true}))
	f.Fuzz(func(t *testing.T, b []byte) { filing.ParseAXML(b) }) //nolint:errcheck
}

func TestReadPackageAPKAndIPA(t *testing.T) {
	apk := filingtest.APK(filingtest.AXMLOptions{Package: "cn.gov.js.app", VersionName: "1.0.4", VersionCode: 104})
	m, err := filing.ReadPackage(bytes.NewReader(apk), int64(len(apk)), filing.KindAPK)
	if err != nil || m.Package != "cn.gov.js.app" || m.VersionName != "1.0.4" || m.VersionCode != "104" {
		t.Fatalf("apk: %+v %v", m, err)
	}
	ipa := filingtest.IPA("cn.gov.js.ios", "3.2", "320")
	m, err = filing.ReadPackage(bytes.NewReader(ipa), int64(len(ipa)), filing.KindIPA)
	if err != nil || m.Package != "cn.gov.js.ios" || m.VersionName != "3.2" || m.VersionCode != "320" {
		t.Fatalf("ipa: %+v %v", m, err)
	}
	if _, err := filing.ReadPackage(bytes.NewReader(ipa), int64(len(ipa)), filing.KindAPK); err == nil {
		t.Fatal("an IPA passed as an APK")
	}
}

// A binary plist (what Xcode ships) is read too.
func TestParseBinaryPlist(t *testing.T) {
	m, err := filing.ParsePlist(binaryPlist(map[string]string{"CFBundleIdentifier": "cn.gov.app",
		"CFBundleShortVersionString": "1.2", "CFBundleVersion": "12", "CFBundleDisplayName": "政务"}))
	if err != nil || m.Package != "cn.gov.app" || m.VersionName != "1.2" || m.VersionCode != "12" || m.Label != "政务" {
		t.Fatalf("%+v %v", m, err)
	}
	if _, err := filing.ParsePlist([]byte("bplist00garbage")); err == nil {
		t.Fatal("garbage accepted")
	}
}

// binaryPlist writes a bplist00 with one dict of strings (ASCII or
// UTF-16), 1-byte refs and offsets.
func binaryPlist(kv map[string]string) []byte {
	var objs [][]byte
	str := func(s string) []byte {
		ascii := true
		for _, r := range s {
			if r > 127 {
				ascii = false
			}
		}
		marker := func(typ byte, n int) []byte {
			if n < 15 {
				return []byte{typ | byte(n)}
			}
			return []byte{typ | 0x0f, 0x10, byte(n)}
		}
		if ascii {
			return append(marker(0x50, len(s)), s...)
		}
		rs := []rune(s)
		b := marker(0x60, len(rs))
		for _, r := range rs {
			b = append(b, byte(r>>8), byte(r))
		}
		return b
	}
	var keys, vals []byte
	objs = append(objs, nil) // the dict, filled below
	for k, v := range kv {
		keys = append(keys, byte(len(objs)))
		objs = append(objs, str(k))
		vals = append(vals, byte(len(objs)))
		objs = append(objs, str(v))
	}
	objs[0] = append(append([]byte{0xD0 | byte(len(kv))}, keys...), vals...)
	out := []byte("bplist00")
	var offs []byte
	for _, o := range objs {
		offs = append(offs, byte(len(out)))
		out = append(out, o...)
	}
	table := len(out)
	out = append(out, offs...)
	trailer := make([]byte, 32)
	trailer[6], trailer[7] = 1, 1
	binary.BigEndian.PutUint64(trailer[8:], uint64(len(objs)))
	binary.BigEndian.PutUint64(trailer[24:], uint64(table))
	return append(out, trailer...)
}
