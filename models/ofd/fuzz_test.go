package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzSeeds are the files the other tests build, each twice: as producers
// write them (deflated) and stored with no CRC, so that the fuzzer's byte
// mutations reach the XML instead of failing the zip checksum.
func fuzzSeeds(t testing.TB) map[string][]byte {
	text := `<TextObject Boundary="10 10 80 10" Font="1" Size="5"><FillColor Value="0 0 255" Alpha="128"/><TextCode X="0" Y="5" DeltaX="g 2 5" DeltaY="1">申请表&amp;</TextCode></TextObject>`
	path := `<PathObject Boundary="0 0 50 50" Fill="true" Rule="Even-Odd" LineWidth="0.5" CTM="1 0 0 1 2 2"><StrokeColor Value="0 128 128 0"/><AbbreviatedData>S 0 0 L 10 0 Q 5 5 10 10 B 1 2 3 4 5 6 A 5 5 0 1 0 9 9 C</AbbreviatedData></PathObject>`
	image := `<ImageObject Boundary="0 0 20 20" ResourceID="7"/>`
	block := `<PageBlock><CompositeObject Boundary="1 1 1 1"/><PageBlock>` + text + `</PageBlock></PageBlock>`
	res := `<Fonts><Font ID="1" FontName="宋体" FamilyName="SimSun" Italic="true"/></Fonts><MultiMedias><MultiMedia ID="7" Type="Image" Format="GIF"><MediaFile>i.gif</MediaFile></MultiMedia></MultiMedias>`
	withImage := func(layer string) map[string]string {
		return map[string]string{
			"OFD.xml":            `<OFD><DocBody><DocInfo><Title>表</Title></DocInfo><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>`,
			"Doc_0/Document.xml": `<Document><CommonData><PageArea><PhysicalBox>0 0 100 60</PhysicalBox></PageArea><PublicRes>Res.xml</PublicRes><TemplatePage ID="2" BaseLoc="T.xml"/></CommonData><Pages><Page ID="1" BaseLoc="P/1.xml"/><Page ID="3" BaseLoc="P/1.xml"/></Pages></Document>`,
			"Doc_0/Res.xml":      `<Res>` + res + `</Res>`,
			"Doc_0/i.gif":        "GIF89a\x01\x00\x01\x00\x00\x00\x00;",
			"Doc_0/T.xml":        `<Page><Content><Layer>` + path + `</Layer></Content></Page>`,
			"Doc_0/P/1.xml":      `<Page><Area><PhysicalBox>0 0 80 40</PhysicalBox></Area><Template TemplateID="2" ZOrder="Foreground"/><Content><Layer>` + layer + `</Layer></Content></Page>`,
		}
	}
	files := map[string]map[string]string{
		"small-form":  withImage(text + path + image + block),
		"text-only":   withImage(text),
		"hidden-objs": withImage(strings.ReplaceAll(text+path, "<TextObject ", `<TextObject Visible="false" `)),
	}
	seeds := map[string][]byte{
		"licence":        licence(t),
		"escape":         ofdWith(t, `<Fonts><Font ID="1" FontName="x&quot;&lt;" FamilyName="Courier"/></Fonts>`, `<TextObject Boundary="0 0 9 9" Font="1"><TextCode X="0" Y="3">&lt;b&gt;'"</TextCode></TextObject>`),
		"not-zip":        []byte("%PDF-1.4 not an OFD"),
		"truncated":      licence(t)[:2000],
		"nested-blocks":  ofdWith(t, "", strings.Repeat("<PageBlock>", maxDepth+2)+strings.Repeat("</PageBlock>", maxDepth+2)),
		"stored-licence": restore(t, licence(t)),
	}
	for name, f := range files {
		seeds[name] = zipOf(t, f)
		seeds["stored-"+name] = storedZip(t, f)
	}
	return seeds
}

// storedZip writes files uncompressed with a zero CRC, which archive/zip
// reads without checking.
func storedZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return names[i] == "OFD.xml" || names[j] != "OFD.xml" && names[i] < names[j] })
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		body := files[n]
		w, err := zw.CreateRaw(&zip.FileHeader{Name: n, Method: zip.Store, CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(len(body))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// restore rewrites an archive's entries stored with no CRC.
func restore(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
	}
	return storedZip(t, files)
}

// svgElements and svgAttrs are everything the renderer writes: markup or
// an attribute from the file (script, on*, style, foreignObject) must
// never appear.
var (
	svgElements = map[string]bool{"svg": true, "rect": true, "g": true, "path": true, "text": true, "tspan": true, "image": true}
	svgAttrs    = map[string]bool{"xmlns": true, "viewBox": true, "width": true, "height": true, "role": true, "aria-label": true,
		"x": true, "y": true, "fill": true, "fill-opacity": true, "fill-rule": true, "stroke": true, "stroke-opacity": true,
		"stroke-width": true, "transform": true, "opacity": true, "d": true, "font-size": true, "font-family": true,
		"font-weight": true, "font-style": true, "preserveAspectRatio": true, "href": true}
)

// FuzzOFD: Render is total on untrusted bytes. It never panics and
// finishes quickly; a failure is a *CorruptError with no document (never
// a half-rendered page); a success has 1..maxPages pages of sane size, each
// a well-formed SVG made only of the renderer's own elements and
// attributes, images only as data:image URLs, text without control
// characters, and the whole no larger than maxSVG.
func FuzzOFD(f *testing.F) {
	seeds := fuzzSeeds(f)
	names := make([]string, 0, len(seeds))
	for n := range seeds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f.Add(seeds[n])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		doc, err := Render(data)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("Render took %s on %d bytes", d, len(data))
		}
		if err != nil {
			if !IsCorrupt(err) {
				t.Fatalf("error is not a CorruptError: %v", err)
			}
			if doc != nil {
				t.Fatalf("a document came back with the error %v", err)
			}
			return
		}
		if doc == nil || len(doc.Pages) == 0 || len(doc.Pages) > maxPages {
			t.Fatalf("no error, but document %v", doc)
		}
		total := 0
		for i, p := range doc.Pages {
			if !(p.Width > 0 && p.Width <= 1e7 && p.Height > 0 && p.Height <= 1e7) {
				t.Fatalf("page %d is %g×%g mm", i+1, p.Width, p.Height)
			}
			total += len(p.SVG)
			checkSVG(t, p.SVG)
			for _, l := range p.Text {
				if !utf8.ValidString(l) || strings.TrimSpace(l) == "" || strings.ContainsFunc(l, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
					t.Fatalf("page %d text line %q", i+1, l)
				}
			}
		}
		if total > maxSVG {
			t.Fatalf("%d bytes of SVG from %d bytes of input", total, len(data))
		}
	})
}

// checkSVG fails unless s is one well-formed <svg> element made only of
// the renderer's vocabulary.
func checkSVG(t *testing.T, s string) {
	t.Helper()
	if !strings.HasPrefix(s, "<svg ") || !strings.HasSuffix(s, "</svg>") {
		t.Fatalf("not a single svg element: %.200q", s)
	}
	d := xml.NewDecoder(strings.NewReader(s))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v in %.300q", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 && tok.Name.Local != "svg" || !svgElements[tok.Name.Local] {
				t.Fatalf("element <%s> in SVG", tok.Name.Local)
			}
			depth++
			for _, a := range tok.Attr {
				if !svgAttrs[a.Name.Local] || a.Name.Space != "" && a.Name.Local != "xmlns" {
					t.Fatalf("attribute %s:%s=%q in SVG", a.Name.Space, a.Name.Local, a.Value)
				}
				if a.Name.Local == "href" && !strings.HasPrefix(a.Value, "data:image/") {
					t.Fatalf("href %.80q", a.Value)
				}
			}
		case xml.EndElement:
			depth--
		case xml.ProcInst, xml.Directive:
			t.Fatalf("%T in SVG", tok)
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced SVG")
	}
}

// TestWriteFuzzCorpus refreshes testdata/fuzz/FuzzOFD from fuzzSeeds when
// OFD_WRITE_CORPUS=1 (after changing the builders above); otherwise it
// checks that the committed corpus is there, since `go test` runs it.
func TestWriteFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzOFD")
	seeds := fuzzSeeds(t)
	if os.Getenv("OFD_WRITE_CORPUS") != "1" {
		for name := range seeds {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Errorf("seed %s not committed (OFD_WRITE_CORPUS=1 go test -run TestWriteFuzzCorpus ./models/ofd): %v", name, err)
			}
		}
		return
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	for name, data := range seeds {
		if err := os.WriteFile(filepath.Join(dir, name), fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRenderOutputBounded: a small archive cannot make Render build an
// unbounded page. One 1 MB image (a few KB deflated) drawn 60 times would
// be 80 MB of SVG, and 50,000 times 66 GB; a run of "g 10000 1" advances
// would be 80 KB of floats per byte of input.
func TestRenderOutputBounded(t *testing.T) {
	bmp := "BM" + strings.Repeat("\x00", 1<<20)
	obj := strings.Repeat(`<ImageObject Boundary="0 0 10 10" ResourceID="7"/>`, 60)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range [][2]string{
		{"OFD.xml", `<OFD><DocBody><DocRoot>D.xml</DocRoot></DocBody></OFD>`},
		{"D.xml", `<Document><CommonData><PublicRes>R.xml</PublicRes></CommonData><Pages><Page BaseLoc="P.xml"/></Pages></Document>`},
		{"R.xml", `<Res><MultiMedias><MultiMedia ID="7"><MediaFile>i.bmp</MediaFile></MultiMedia></MultiMedias></Res>`},
		{"i.bmp", bmp},
		{"P.xml", `<Page><Content><Layer>` + obj + `</Layer></Content></Page>`},
	} {
		w, _ := zw.Create(e[0])
		io.WriteString(w, e[1])
	}
	zw.Close()
	if b.Len() > 64<<10 {
		t.Fatalf("test archive is %d bytes", b.Len())
	}
	doc, err := Render(b.Bytes())
	if !IsCorrupt(err) || !strings.Contains(err.Error(), "more than") {
		n := 0
		if doc != nil {
			n = len(doc.Pages[0].SVG)
		}
		t.Fatalf("%d-byte archive: err = %v, %d bytes of SVG", b.Len(), err, n)
	}
	if n := len(deltas(strings.Repeat("g 10000 1 ", 1000) + "2 3")); n != maxDeltas {
		t.Errorf("deltas expanded 10 KB of input to %d advances, want the cap %d", n, maxDeltas)
	}
	// Below the cap the two documents of the other tests are untouched.
	if d, err := Render(licence(t)); err != nil || !strings.Contains(d.Pages[0].SVG, `<tspan x="0 20 40 60"`) {
		t.Fatalf("licence: %v", err)
	}
}
