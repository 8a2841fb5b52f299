package catalog

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"time"
	"unicode/utf16"
)

// Demo attachments are generated at seed time rather than stored in the
// repository: small, valid files of every kind the guide page offers (blank
// forms and samples as PDF, OFD, PNG, JPG, MP4), each titled with the
// material it belongs to.

// attachmentKinds maps a demo file kind to its extension and MIME type.
var attachmentKinds = map[string]struct{ ext, mime string }{
	"pdf": {".pdf", "application/pdf"},
	"ofd": {".ofd", "application/ofd"},
	"png": {".png", "image/png"},
	"jpg": {".jpg", "image/jpeg"},
	"mp4": {".mp4", "video/mp4"},
}

// makeAttachment builds a file of kind titled title; role is 空白表格 or 示例样表.
func makeAttachment(kind, title, role string) (Attachment, error) {
	k, ok := attachmentKinds[kind]
	if !ok {
		return Attachment{}, fmt.Errorf("unknown attachment kind %q", kind)
	}
	var data []byte
	var err error
	switch kind {
	case "pdf":
		data = makePDF(title + "（" + role + "）")
	case "ofd":
		data, err = makeOFD(title + "（" + role + "）")
	case "png":
		data, err = makeImage(title, false)
	case "jpg":
		data, err = makeImage(title, true)
	case "mp4":
		data = makeMP4()
	}
	if err != nil {
		return Attachment{}, err
	}
	return Attachment{Name: title + role + k.ext, MIME: k.mime, Size: int64(len(data)), Data: data}, nil
}

// makeImage draws a form-like picture: a header band and ruled lines, with
// colours varied by title so different samples look different.
func makeImage(title string, asJPEG bool) ([]byte, error) {
	const w, h = 240, 320
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := 0
	for _, r := range title {
		seed += int(r)
	}
	head := color.RGBA{uint8(40 + seed%80), uint8(90 + seed%60), 160, 255}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{255, 255, 255, 255}
			switch {
			case y < 40:
				c = head
			case y > 60 && y%28 == 0 && x > 16 && x < w-16:
				c = color.RGBA{120, 120, 120, 255}
			case (x == 16 || x == w-16) && y > 60 && y < h-20:
				c = color.RGBA{120, 120, 120, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	var err error
	if asJPEG {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	} else {
		err = png.Encode(&b, img)
	}
	return b.Bytes(), err
}

// makePDF writes a one-page A4 PDF whose title is set in the standard CJK
// font STSong-Light (UniGB-UCS2-H), which every PDF viewer provides, so no
// font is embedded. The cross-reference offsets are computed, not guessed.
func makePDF(title string) []byte {
	var hexTitle strings.Builder
	for _, u := range utf16.Encode([]rune(title)) {
		fmt.Fprintf(&hexTitle, "%04X", u)
	}
	content := fmt.Sprintf("BT /F1 16 Tf 56 780 Td <%s> Tj ET\n"+
		"0.5 w 56 740 m 539 740 l S 56 700 m 539 700 l S 56 660 m 539 660 l S 56 620 m 539 620 l S\n", hexTitle.String())
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light " +
			"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>",
		"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] " +
			"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// makeOFD writes a one-page OFD (GB/T 33190-2016): OFD.xml points to
// Doc_0/Document.xml, which lists one page whose content is a text object
// with the title, in a font declared in PublicRes.xml.
func makeOFD(title string) ([]byte, error) {
	esc := xmlEscape(title)
	files := []struct{ name, body string }{
		{"OFD.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">
<ofd:DocBody><ofd:DocInfo><ofd:DocID>` + fmt.Sprintf("%x", len(title)*7919) + `</ofd:DocID><ofd:Title>` + esc + `</ofd:Title>
<ofd:CreationDate>` + time.Now().UTC().Format("2006-01-02") + `</ofd:CreationDate></ofd:DocInfo>
<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`},
		{"Doc_0/Document.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">
<ofd:CommonData><ofd:MaxUnitID>10</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>
<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>
<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`},
		{"Doc_0/PublicRes.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res">
<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>`},
		{"Doc_0/Pages/Page_0/Content.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="3">
<ofd:TextObject ID="4" Boundary="20 20 170 10" Font="2" Size="5"><ofd:TextCode X="0" Y="5">` + esc + `</ofd:TextCode></ofd:TextObject>
<ofd:PathObject ID="5" Boundary="20 40 170 1" LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L 170 0</ofd:AbbreviatedData></ofd:PathObject>
</ofd:Layer></ofd:Content></ofd:Page>`},
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
