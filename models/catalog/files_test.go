package catalog_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zwfw/portal/models/catalog"
)

// Blank forms and samples are JPG, PNG, PDF, OFD or MP4 with a clear name,
// and the stored MIME type is what the bytes really are.
func TestAttachmentsAreValidFilesOfTheirDeclaredType(t *testing.T) {
	st, _ := seeded(t)
	ctx := context.Background()
	var ids []int64
	if err := st.DB.Table("catalog_attachments").Order("id").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	r := catalog.NewRepo(st)
	for _, id := range ids {
		a, err := r.GetAttachment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		kinds[a.MIME]++
		if int64(len(a.Data)) != a.Size || a.Size == 0 {
			t.Errorf("%s: size %d, %d bytes stored", a.Name, a.Size, len(a.Data))
		}
		if !strings.Contains(a.Name, "空白表格") && !strings.Contains(a.Name, "示例样表") {
			t.Errorf("name %q does not say whether it is a blank form or a sample", a.Name)
		}
		sniffed := http.DetectContentType(a.Data)
		switch a.MIME {
		case "image/png", "image/jpeg", "application/pdf", "video/mp4":
			if sniffed != a.MIME {
				t.Errorf("%s: declared %s, bytes are %s", a.Name, a.MIME, sniffed)
			}
		case "application/ofd":
			checkOFD(t, a.Name, a.Data)
		default:
			t.Errorf("%s: unexpected MIME type %s", a.Name, a.MIME)
		}
		switch a.MIME {
		case "application/pdf":
			checkPDF(t, a.Name, a.Data)
		case "video/mp4":
			checkMP4(t, a.Name, a.Data)
		}
	}
	for _, m := range []string{"image/png", "image/jpeg", "application/pdf", "application/ofd", "video/mp4"} {
		if kinds[m] == 0 {
			t.Errorf("no demo attachment of type %s", m)
		}
	}
}

// checkOFD: an OFD is a zip whose OFD.xml names the document root
// (GB/T 33190-2016), and the page carries the title text.
func checkOFD(t *testing.T, name string, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Errorf("%s: not a zip: %v", name, err)
		return
	}
	files := map[string]bool{}
	for _, f := range zr.File {
		files[f.Name] = true
	}
	for _, want := range []string{"OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"} {
		if !files[want] {
			t.Errorf("%s: %s missing", name, want)
		}
	}
}

var objRe = regexp.MustCompile(`(?m)^(\d{10}) 00000 n `)

// checkPDF verifies the cross-reference table points at each object.
func checkPDF(t *testing.T, name string, data []byte) {
	t.Helper()
	s := string(data)
	i := strings.LastIndex(s, "startxref\n")
	if i < 0 || !strings.HasSuffix(s, "%%EOF\n") {
		t.Errorf("%s: no startxref/%%%%EOF", name)
		return
	}
	xref, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(s[i+10:], "\n", 2)[0]))
	if !strings.HasPrefix(s[xref:], "xref") {
		t.Errorf("%s: startxref %d does not point at the xref table", name, xref)
	}
	for n, m := range objRe.FindAllStringSubmatch(s[xref:], -1) {
		off, _ := strconv.Atoi(m[1])
		if want := fmt.Sprintf("%d 0 obj", n+1); !strings.HasPrefix(s[off:], want) {
			t.Errorf("%s: xref entry %d points at %q", name, n+1, s[off:off+10])
		}
	}
}

// checkMP4 walks the top-level boxes: they must tile the file exactly.
func checkMP4(t *testing.T, name string, data []byte) {
	t.Helper()
	var boxes []string
	for off := 0; off < len(data); {
		if off+8 > len(data) {
			t.Errorf("%s: truncated box at %d", name, off)
			return
		}
		size := int(binary.BigEndian.Uint32(data[off:]))
		if size < 8 || off+size > len(data) {
			t.Errorf("%s: bad box size %d at %d", name, size, off)
			return
		}
		boxes = append(boxes, string(data[off+4:off+8]))
		off += size
	}
	if strings.Join(boxes, ",") != "ftyp,mdat,moov" {
		t.Errorf("%s: boxes %v", name, boxes)
	}
}
