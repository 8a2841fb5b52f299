package handlers_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
)

// demoAttachment returns the id of a demo attachment of the MIME type.
func demoAttachment(t *testing.T, env *handlertest.Env, mime string) int64 {
	t.Helper()
	var id int64
	if err := env.Store.DB.Raw("SELECT MIN(id) FROM catalog_attachments WHERE mime = ?", mime).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("no demo attachment of type %s (%v)", mime, err)
	}
	return id
}

// addAttachment stores a file as the catalog does and returns its id.
func addAttachment(t *testing.T, env *handlertest.Env, name, mime string, data []byte) int64 {
	t.Helper()
	if err := env.Store.DB.Exec("INSERT INTO catalog_attachments (name, mime, size, sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		name, mime, len(data), name, data, time.Now()).Error; err != nil {
		t.Fatal(err)
	}
	var id int64
	env.Store.DB.Raw("SELECT id FROM catalog_attachments WHERE sha256 = ?", name).Scan(&id)
	return id
}

func viewPath(id int64) string { return "/attachments/" + strconv.FormatInt(id, 10) + "/view" }

// C 0103 6.1 c: every attachment format of the demo data reads inside the
// page, with its name, format, size and a download.
func TestViewerReadsEveryDemoFormat(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	for _, tc := range []struct{ mime, format, reader string }{
		{"application/pdf", "PDF", "[data-zw-pdf][data-src$='?inline=1']"},
		{"application/ofd", "OFD", ".zw-viewer__svg svg[role=img][aria-label]"},
		{"image/png", "PNG", ".zw-viewer__scroll img[alt][width][height]"},
		{"image/jpeg", "JPG", ".zw-viewer__scroll img[alt][width][height]"},
		{"video/mp4", "MP4", "video[controls][poster] track[kind=captions][src$='captions.vtt']"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			id := demoAttachment(t, env, tc.mime)
			res := c.Get(viewPath(id))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			doc := res.Doc(t)
			facts := doc.Find(".zw-summary").Text()
			if !strings.Contains(facts, tc.format) || !strings.Contains(facts, "B") || doc.Find("h1").Length() != 1 {
				t.Errorf("facts %q lack the format and size", facts)
			}
			if href, _ := doc.Find(".zw-viewer__download a").Attr("href"); href != "/attachments/"+strconv.FormatInt(id, 10) {
				t.Errorf("download link %q", href)
			}
			if doc.Find(tc.reader).Length() == 0 {
				t.Errorf("no reader %s", tc.reader)
			}
			if doc.Find("[role=alert]").Length() != 0 {
				t.Errorf("a good file is reported broken: %s", doc.Find("[role=alert]").Text())
			}
			// pdf.js is loaded by the PDF viewer and nowhere else.
			hasPDFJS := strings.Contains(res.Body, "/viewer/pdfjs/")
			if hasPDFJS != (tc.format == "PDF") {
				t.Errorf("pdf.js referenced: %v", hasPDFJS)
			}
		})
	}
	for _, p := range []string{"/", "/matters/07A0002-330106", "/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81"} {
		if strings.Contains(c.Get(p).Body, "pdfjs") {
			t.Errorf("%s loads viewer code", p)
		}
	}
}

func TestViewerMediaAndAssets(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	pdf, mp4, img := demoAttachment(t, env, "application/pdf"), demoAttachment(t, env, "video/mp4"), demoAttachment(t, env, "image/png")
	base := "/attachments/" + strconv.FormatInt(mp4, 10)
	if r := c.Get(base + "/poster.png"); r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "image/png" {
		t.Errorf("poster: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	if r := c.Get(base + "/captions.vtt"); r.StatusCode != http.StatusOK || !strings.HasPrefix(r.Body, "WEBVTT\n") || !strings.Contains(r.Header.Get("Content-Type"), "text/vtt") {
		t.Errorf("captions: %d %q", r.StatusCode, r.Body)
	}
	// Video seeks with Range requests.
	req, _ := http.NewRequest(http.MethodGet, env.Server.URL+base+"?inline=1", nil)
	req.Header.Set("Range", "bytes=0-9")
	if r := c.Do(req); r.StatusCode != http.StatusPartialContent || len(r.Body) != 10 || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "inline") {
		t.Errorf("range: %d, %d bytes, %s", r.StatusCode, len(r.Body), r.Header.Get("Content-Disposition"))
	}
	if r := c.Get("/attachments/" + strconv.FormatInt(pdf, 10)); !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("plain link must stay a download: %s", r.Header.Get("Content-Disposition"))
	}
	if r := c.Get("/attachments/" + strconv.FormatInt(pdf, 10) + "/poster.png"); r.StatusCode != http.StatusNotFound {
		t.Errorf("poster of a PDF: %d", r.StatusCode)
	}
	js := c.Get("/viewer/pdfjs/6.5.438/viewer.mjs")
	if js.StatusCode != http.StatusOK || !strings.HasPrefix(js.Header.Get("Content-Type"), "text/javascript") || !strings.Contains(js.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("viewer.mjs: %d %s", js.StatusCode, js.Header.Get("Content-Type"))
	}
	// Compressed once, never twice (the Go client undoes one gzip layer).
	if !strings.Contains(js.Body, "getDocument") {
		t.Errorf("viewer.mjs body is not the script (compressed twice?): %q", js.Body[:min(len(js.Body), 40)])
	}
	if r := c.Get("/viewer/pdfjs/6.5.438/cmaps/UniGB-UCS2-H.bcmap"); r.StatusCode != http.StatusOK {
		t.Errorf("cmap: %d", r.StatusCode)
	}
	if r := c.Get("/viewer/pdfjs/6.5.438/../../../go.mod"); r.StatusCode != http.StatusNotFound {
		t.Errorf("path escape: %d", r.StatusCode)
	}
	// Zoom without JS: links step 100 % → 200 % → 300 %, clamped.
	doc := c.Get(viewPath(img) + "?zoom=2").Doc(t)
	if doc.Find(".zw-viewer__image--zoom2").Length() != 1 || doc.Find(".zw-viewer__zoom a[href$='zoom=3']").Length() != 1 || doc.Find(".zw-viewer__zoom a[href$='zoom=1']").Length() != 1 {
		t.Error("zoom 2 lacks its class or zoom links")
	}
	if c.Get(viewPath(img)+"?zoom=99").Doc(t).Find(".zw-viewer__image--zoom3").Length() != 1 {
		t.Error("zoom not clamped to 3")
	}
}

// Bad input: a broken PDF or OFD says so with the download link; an unknown
// id is a 404.
func TestViewerBadInput(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	for name, data := range map[string][]byte{
		"损坏.pdf": []byte("%PDF-1.4\n1 0 obj << >> endobj\n"), // no %%EOF: truncated
		"损坏.ofd": truncatedOFD(t),
		"假的.ofd": []byte("PK\x03\x04 this is not a complete zip archive"),
		"损坏.png": []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR broken"),
	} {
		id := addAttachment(t, env, name, "application/octet-stream", data)
		res := c.Get(viewPath(id))
		doc := res.Doc(t)
		alert := doc.Find(".zw-viewer__reader [role=alert]")
		if res.StatusCode != http.StatusOK || alert.Length() != 1 || !strings.Contains(alert.Text(), "已损坏") {
			t.Errorf("%s: status %d, message %q", name, res.StatusCode, alert.Text())
		}
		if href, _ := alert.Find("a").Attr("href"); href != "/attachments/"+strconv.FormatInt(id, 10) {
			t.Errorf("%s: no download link beside the message", name)
		}
	}
	for _, p := range []string{"/attachments/99999999/view", "/attachments/0/view", "/attachments/abc/view", "/attachments/99999999/captions.vtt"} {
		if st := c.Get(p).StatusCode; st != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, st)
		}
	}
}

// truncatedOFD is an OFD archive cut short: it sniffs as OFD (OFD.xml is
// the first entry) but its zip directory is gone.
func truncatedOFD(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range []string{"OFD.xml", "Doc_0/Document.xml"} {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(strings.Repeat("<OFD></OFD>", 40)))
	}
	zw.Close()
	return b.Bytes()[:b.Len()*2/3]
}
