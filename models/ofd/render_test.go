package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestRenderLicence(t *testing.T) {
	doc, err := Render(licence(t))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "营业执照" || len(doc.Pages) != 1 {
		t.Fatalf("title %q, %d pages", doc.Title, len(doc.Pages))
	}
	p := doc.Pages[0]
	if p.Width != 297 || p.Height != 210 {
		t.Errorf("page %g×%g mm, want 297×210 (landscape PhysicalBox)", p.Width, p.Height)
	}
	for _, want := range []string{
		`viewBox="0 0 297 210"`,
		`<tspan x="0 20 40 60" y="14">营业执照</tspan>`, // DeltaX "g 3 20"
		`fill="#c81414"`,                            // title colour
		`stroke="#b48c3c"`,                          // template border drawn
		`href="data:image/png;base64,`,              // seal image embedded
		`opacity="0.784"`,                           // seal Alpha=200
		`stroke-opacity="0.502"`,                    // stamp colour alpha 128
		`A 25 25 0 1 1 50 25`,                       // arcs kept
		`font-family="&#39;黑体&#39;,&#39;SimHei&#39;,sans-serif"`,
		`font-weight="bold"`,
	} {
		if !strings.Contains(p.SVG, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	// The template (background) is drawn before the page's own content.
	if strings.Index(p.SVG, `stroke="#b48c3c"`) > strings.Index(p.SVG, "营业执照</tspan>") {
		t.Error("background template drawn over the content")
	}
	if err := xml.Unmarshal([]byte(p.SVG), new(struct{})); err != nil {
		t.Errorf("SVG is not well-formed XML: %v", err)
	}
	if !slices.Contains(p.Text, "统一社会信用代码 91330106MA2XXXXX0X") || p.Text[0] != "营业执照" {
		t.Errorf("text in reading order: %q", p.Text)
	}
}

// ofdWith is a minimal one-page document whose page content is layer.
func ofdWith(t testing.TB, res, layer string) []byte {
	return zipOf(t, map[string]string{
		"OFD.xml":            `<OFD><DocBody><DocRoot>/Doc_0/Document.xml</DocRoot></DocBody></OFD>`,
		"Doc_0/Document.xml": `<Document><CommonData><PublicRes>Res.xml</PublicRes></CommonData><Pages><Page ID="1" BaseLoc="P/1.xml"/></Pages></Document>`,
		"Doc_0/Res.xml":      `<Res>` + res + `</Res>`,
		"Doc_0/P/1.xml":      `<Page><Content><Layer>` + layer + `</Layer></Content></Page>`,
	})
}

func TestRenderEscapesEverything(t *testing.T) {
	data := ofdWith(t, `<Fonts><Font ID="1" FontName="x&quot; onload=&quot;alert(1)" FamilyName="&lt;/text&gt;&lt;script&gt;"/></Fonts>`,
		`<TextObject Boundary="0 0 10 10" Font="1" Size="3"><TextCode X="0" Y="3">&lt;script&gt;alert("x")&lt;/script&gt;&amp;</TextCode></TextObject>
<PathObject Boundary="0 0 1 1"><AbbreviatedData>M 0 0 L 1 1 "/&gt;&lt;script&gt; L 2 2</AbbreviatedData></PathObject>`)
	doc, err := Render(data)
	if err != nil {
		t.Fatal(err)
	}
	svg := doc.Pages[0].SVG
	if strings.Contains(svg, "<script") || strings.Contains(svg, `" onload`) {
		t.Fatalf("markup from the file reached the SVG: %s", svg)
	}
	if !strings.Contains(svg, `&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;`) {
		t.Errorf("text not kept as escaped text: %s", svg)
	}
	if !strings.Contains(svg, `d="M 0 0 L 1 1 L 2 2"`) {
		t.Errorf("junk in path data not skipped: %s", svg)
	}
	// An A4 page when the document gives no PageArea.
	if doc.Pages[0].Width != 210 || doc.Pages[0].Height != 297 {
		t.Errorf("default page %g×%g", doc.Pages[0].Width, doc.Pages[0].Height)
	}
}

func TestRenderCorrupt(t *testing.T) {
	deep := strings.Repeat("<PageBlock>", maxDepth+2) + strings.Repeat("</PageBlock>", maxDepth+2)
	cases := map[string][]byte{
		"not a zip":     []byte("%PDF-1.4 not an OFD"),
		"empty":         nil,
		"no OFD.xml":    zipOf(t, map[string]string{"Doc_0/Document.xml": "<Document/>"}),
		"no doc root":   zipOf(t, map[string]string{"OFD.xml": "<OFD><DocBody/></OFD>"}),
		"missing doc":   zipOf(t, map[string]string{"OFD.xml": "<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>"}),
		"bad xml":       zipOf(t, map[string]string{"OFD.xml": "<OFD><DocBody><DocRoot>x</Doc"}),
		"no pages":      zipOf(t, map[string]string{"OFD.xml": "<OFD><DocBody><DocRoot>D.xml</DocRoot></DocBody></OFD>", "D.xml": "<Document/>"}),
		"missing page":  zipOf(t, map[string]string{"OFD.xml": "<OFD><DocBody><DocRoot>D.xml</DocRoot></DocBody></OFD>", "D.xml": `<Document><Pages><Page BaseLoc="nope.xml"/></Pages></Document>`}),
		"nested blocks": ofdWith(t, "", deep),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := Render(data); !IsCorrupt(err) {
				t.Fatalf("err = %v, want a CorruptError", err)
			}
		})
	}
	t.Run("truncated", func(t *testing.T) {
		full := licence(t)
		if _, err := Render(full[:len(full)/2]); !IsCorrupt(err) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestZipBombRefused(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("OFD.xml")
	w.Write([]byte("<OFD><DocBody><DocRoot>D.xml</DocRoot></DocBody></OFD>"))
	w, _ = zw.Create("D.xml")
	w.Write([]byte("<Document>"))
	w.Write(bytes.Repeat([]byte(" "), maxEntry+10)) // compresses to a few KB
	w.Write([]byte("</Document>"))
	zw.Close()
	if b.Len() > 1<<20 {
		t.Fatalf("test archive is %d bytes", b.Len())
	}
	if _, err := Render(b.Bytes()); !IsCorrupt(err) || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
}

func TestDeltasPathsColours(t *testing.T) {
	if got := fmt.Sprint(deltas("1 g 3 2.5 x 4")); got != "[1 2.5 2.5 2.5 4]" {
		t.Errorf("deltas = %s", got)
	}
	if got := pathData("S 0 0 B 1 2 3 4 5 6 Q 1 1 2 2 A 5 5 30 7 0 9 9 C L 1"); got != "M 0 0 C 1 2 3 4 5 6 Q 1 1 2 2 A 5 5 30 1 0 9 9 Z" {
		t.Errorf("pathData = %q (operands missing at the end must end the path)", got)
	}
	for in, want := range map[string]string{"255 0 0": "#ff0000", "128": "#808080", "0 0 0 255": "#000000", "0 255 255 0": "#ff0000", "1 2": "#def"} {
		if got := rgb(in, "#def"); got != want {
			t.Errorf("rgb(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestLicenceRenderP95 is the budget: a one-page licence renders in
// under 100 ms at the 95th percentile (measured here on one core's share).
func TestLicenceRenderP95(t *testing.T) {
	data := licence(t)
	const n = 200
	times := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		start := time.Now()
		if _, err := Render(data); err != nil {
			t.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	p50, p95 := times[n/2], times[n*95/100]
	t.Logf("one-page licence (%d bytes): p50 %s, p95 %s, max %s", len(data), p50, p95, times[n-1])
	if p95 > 100*time.Millisecond {
		t.Errorf("p95 %s exceeds 100 ms", p95)
	}
}

func BenchmarkRenderLicence(b *testing.B) {
	data := licence(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(data); err != nil {
			b.Fatal(err)
		}
	}
}
