package blob_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/blob"
)

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipBytes(t *testing.T, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPutOpenRoundTripIsContentAddressed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fs, err := blob.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := pngBytes(t)
	a, err := fs.Put(ctx, bytes.NewReader(data), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != blob.KindPNG || a.MIME != "image/png" || a.Size != int64(len(data)) || len(a.Key) != 64 {
		t.Fatalf("object = %+v", a)
	}
	b, err := fs.Put(ctx, bytes.NewReader(data), 1<<20)
	if err != nil || b.Key != a.Key {
		t.Fatalf("same bytes stored under %q and %q (%v)", a.Key, b.Key, err)
	}
	rc, size, err := fs.Open(ctx, a.Key)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if size != int64(len(data)) || !bytes.Equal(got, data) {
		t.Fatal("read back different bytes")
	}
	if err := fs.Delete(ctx, a.Key); err != nil {
		t.Fatal(err)
	}
	if _, _, err := fs.Open(ctx, a.Key); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("open after delete: %v", err)
	}
}

func TestPutOverLimitLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	fs, _ := blob.NewFS(dir)
	_, err := fs.Put(context.Background(), bytes.NewReader(make([]byte, 101)), 100)
	if !errors.Is(err, blob.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	var files int
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, _ error) error {
		if !d.IsDir() {
			files++
		}
		return nil
	})
	if files != 0 {
		t.Fatalf("%d files left after a refused upload", files)
	}
}

func TestOpenRefusesKeysOutsideTheStore(t *testing.T) {
	fs, _ := blob.NewFS(t.TempDir())
	for _, key := range []string{"", "../../etc/passwd", "ZZ", string(bytes.Repeat([]byte("g"), 64))} {
		if _, _, err := fs.Open(context.Background(), key); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("Open(%q) = %v, want ErrNotFound", key, err)
		}
	}
}

func TestSniffByContentNotName(t *testing.T) {
	cases := map[string]struct {
		data []byte
		want blob.Kind
	}{
		"png":  {pngBytes(t), blob.KindPNG},
		"jpeg": {[]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}, blob.KindJPEG},
		"pdf":  {[]byte("%PDF-1.7\n..."), blob.KindPDF},
		"mp4":  {append([]byte{0, 0, 0, 0x18}, []byte("ftypmp42\x00\x00\x00\x00")...), blob.KindMP4},
		"ofd":  {zipBytes(t, map[string]string{"OFD.xml": "<ofd:OFD/>"}), blob.KindOFD},
		"apk":  {zipBytes(t, map[string]string{"AndroidManifest.xml": "x"}), blob.KindAPK},
		"text": {[]byte("hello"), blob.KindUnknown},
		"exe":  {[]byte("MZ\x90\x00"), blob.KindUnknown},
	}
	for name, c := range cases {
		if got := blob.Sniff(c.data); got != c.want {
			t.Errorf("%s: Sniff = %q, want %q", name, got, c.want)
		}
	}
}

func TestCheckRejectsCorruptFilesWithAReason(t *testing.T) {
	good := pngBytes(t)
	ofd := zipBytes(t, map[string]string{"OFD.xml": "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"})
	cases := []struct {
		name    string
		kind    blob.Kind
		data    []byte
		corrupt bool
	}{
		{"good png", blob.KindPNG, good, false},
		{"truncated png", blob.KindPNG, good[:len(good)/2], true},
		{"png claimed as jpeg", blob.KindJPEG, good, true},
		{"good pdf", blob.KindPDF, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), false},
		{"truncated pdf", blob.KindPDF, []byte("%PDF-1.4\n1 0 obj<<>>endobj\n"), true},
		{"good ofd", blob.KindOFD, ofd, false},
		{"ofd with broken xml", blob.KindOFD, zipBytes(t, map[string]string{"OFD.xml": "<ofd:OFD><"}), true},
		{"truncated ofd", blob.KindOFD, ofd[:len(ofd)-30], true},
		{"zip claimed as apk", blob.KindAPK, zipBytes(t, map[string]string{"a.txt": "x"}), true},
	}
	for _, c := range cases {
		err := blob.Check(c.kind, c.data)
		var ce *blob.CorruptError
		if c.corrupt != errors.As(err, &ce) {
			t.Errorf("%s: Check = %v, corrupt want %v", c.name, err, c.corrupt)
		}
		if ce != nil && ce.Reason == "" {
			t.Errorf("%s: corrupt without a reason", c.name)
		}
	}
}

// A box with the 64-bit size 0x7FFFFFFFFFFFFFF8 used to overflow the box
// walk's offset and panic with "slice bounds out of range"; the upload must
// be refused as corrupt instead.
func TestCheckRefusesMP4WithHugeLargeSize(t *testing.T) {
	data := append([]byte{0, 0, 0, 1}, "ftyp"...)
	data = append(data, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF8)
	data = append(data, make([]byte, 16)...) // 32 bytes in all
	var ce *blob.CorruptError
	if err := blob.Check(blob.KindMP4, data); !errors.As(err, &ce) {
		t.Fatalf("Check = %v, want a *CorruptError", err)
	}
}

func TestCheckMP4NeedsAMovieBox(t *testing.T) {
	ftyp := append([]byte{0, 0, 0, 0x18}, "ftypmp42\x00\x00\x00\x00mp42isom"...)
	moov := append([]byte{0, 0, 0, 8}, "moov"...)
	// the ftyp box written with a 64-bit size (1, then 24+8) must be walked too
	large := append([]byte{0, 0, 0, 1}, "ftyp"...)
	large = append(large, 0, 0, 0, 0, 0, 0, 0, 0x20)
	large = append(large, "mp42\x00\x00\x00\x00mp42isom"...)
	cases := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"ftyp then moov", append(append([]byte{}, ftyp...), moov...), true},
		{"64-bit ftyp then moov", append(append([]byte{}, large...), moov...), true},
		{"ftyp only", ftyp, false},
		{"ftyp size past the end", append(append([]byte{0, 0, 0, 0x40}, ftyp[4:]...), moov...), false},
	}
	for _, c := range cases {
		if err := blob.Check(blob.KindMP4, c.data); (err == nil) != c.ok {
			t.Errorf("%s: Check = %v, ok want %v", c.name, err, c.ok)
		}
	}
}

// A tiny PNG claiming a huge picture is refused from its header, before
// anything is decoded.
func TestCheckRefusesImagesPastTheLimitFromTheHeader(t *testing.T) {
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	// IHDR width and height (bytes 16..23) say 20000×20000 = 400 MP.
	binary.BigEndian.PutUint32(data[16:], 20000)
	binary.BigEndian.PutUint32(data[20:], 20000)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29])) // the IHDR checksum
	var ce *blob.CorruptError
	if err := blob.Check(blob.KindPNG, data); !errors.As(err, &ce) || !strings.Contains(ce.Reason, "megapixels") {
		t.Fatalf("Check of a 400-megapixel claim = %v, want a refusal naming the size", err)
	}
}
