package blob_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
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
