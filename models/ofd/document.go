package ofd

import (
	"path"
	"strings"
)

// XML shapes. encoding/xml matches local names whatever the namespace
// prefix (ofd:), which is how producers differ.

type xOFD struct {
	DocBody []struct {
		DocInfo struct {
			Title string `xml:"Title"`
		} `xml:"DocInfo"`
		DocRoot string `xml:"DocRoot"`
	} `xml:"DocBody"`
}

type xDocument struct {
	CommonData struct {
		PageArea     xArea    `xml:"PageArea"`
		PublicRes    []string `xml:"PublicRes"`
		DocumentRes  []string `xml:"DocumentRes"`
		TemplatePage []struct {
			ID      string `xml:"ID,attr"`
			BaseLoc string `xml:"BaseLoc,attr"`
		} `xml:"TemplatePage"`
	} `xml:"CommonData"`
	Pages struct {
		Page []struct {
			ID      string `xml:"ID,attr"`
			BaseLoc string `xml:"BaseLoc,attr"`
		} `xml:"Page"`
	} `xml:"Pages"`
}

type xArea struct {
	PhysicalBox string `xml:"PhysicalBox"`
}

type xRes struct {
	BaseLoc string `xml:"BaseLoc,attr"`
	Fonts   struct {
		Font []struct {
			ID         string `xml:"ID,attr"`
			FontName   string `xml:"FontName,attr"`
			FamilyName string `xml:"FamilyName,attr"`
			Bold       bool   `xml:"Bold,attr"`
			Italic     bool   `xml:"Italic,attr"`
		} `xml:"Font"`
	} `xml:"Fonts"`
	MultiMedias struct {
		MultiMedia []struct {
			ID        string `xml:"ID,attr"`
			Type      string `xml:"Type,attr"`
			Format    string `xml:"Format,attr"`
			MediaFile string `xml:"MediaFile"`
		} `xml:"MultiMedia"`
	} `xml:"MultiMedias"`
}

type xPage struct {
	Area     *xArea `xml:"Area"`
	Template []struct {
		TemplateID string `xml:"TemplateID,attr"`
		ZOrder     string `xml:"ZOrder,attr"`
	} `xml:"Template"`
	Content struct {
		Layer []xBlock `xml:"Layer"`
	} `xml:"Content"`
}

// font is a declared font, resolved to a CSS family list.
type font struct {
	family       string
	bold, italic bool
}

// media is an image resource, loaded on first use.
type media struct {
	file   string // archive path
	format string
	data   string // data: URL once loaded ("" until then; "-" when unusable)
}

// docCtx is everything a page needs from its document.
type docCtx struct {
	pkg       *pkg
	dir       string // directory of Document.xml
	pageBox   box
	fonts     map[string]font
	media     map[string]*media
	templates map[string]string // template ID → archive path of its content
	out       int               // SVG bytes of the pages rendered so far
}

// Render parses an OFD file and renders every page (at most maxPages).
func Render(data []byte) (*Document, error) {
	p, err := openPkg(data)
	if err != nil {
		return nil, err
	}
	var root xOFD
	if err := p.readXML("OFD.xml", &root); err != nil {
		return nil, err
	}
	if len(root.DocBody) == 0 || strings.TrimSpace(root.DocBody[0].DocRoot) == "" {
		return nil, corrupt("OFD.xml names no document root")
	}
	body := root.DocBody[0]
	docPath := resolve("", body.DocRoot)
	var xd xDocument
	if err := p.readXML(docPath, &xd); err != nil {
		return nil, err
	}
	dc := &docCtx{pkg: p, dir: path.Dir(docPath), fonts: map[string]font{}, media: map[string]*media{}, templates: map[string]string{}}
	if b, ok := parseBox(xd.CommonData.PageArea.PhysicalBox); ok && b.W > 0 && b.H > 0 {
		dc.pageBox = b
	} else {
		dc.pageBox = box{0, 0, 210, 297} // A4, the default of GB/T 33190
	}
	for _, res := range append(append([]string{}, xd.CommonData.PublicRes...), xd.CommonData.DocumentRes...) {
		if err := dc.loadRes(resolve(dc.dir, res)); err != nil {
			return nil, err
		}
	}
	for _, t := range xd.CommonData.TemplatePage {
		dc.templates[t.ID] = resolve(dc.dir, t.BaseLoc)
	}
	if len(xd.Pages.Page) == 0 {
		return nil, corrupt("document has no pages")
	}
	doc := &Document{Title: strings.TrimSpace(body.DocInfo.Title)}
	for i, pg := range xd.Pages.Page {
		if i >= maxPages {
			break
		}
		page, err := dc.renderPage(resolve(dc.dir, pg.BaseLoc), i+1)
		if err != nil {
			return nil, err
		}
		doc.Pages = append(doc.Pages, page)
	}
	return doc, nil
}

// loadRes reads a resource file: fonts and multimedia.
func (dc *docCtx) loadRes(name string) error {
	var r xRes
	if err := dc.pkg.readXML(name, &r); err != nil {
		return err
	}
	base := resolve(path.Dir(name), r.BaseLoc)
	for _, f := range r.Fonts.Font {
		dc.fonts[f.ID] = font{family: cssFamily(f.FontName, f.FamilyName), bold: f.Bold, italic: f.Italic}
	}
	for _, m := range r.MultiMedias.MultiMedia {
		if m.Type != "" && !strings.EqualFold(m.Type, "Image") {
			continue
		}
		dc.media[m.ID] = &media{file: resolve(base, m.MediaFile), format: strings.ToUpper(m.Format)}
	}
	return nil
}

// cssFamily maps common Chinese font names to a family list every phone
// can draw: the named font when installed, else a serif or sans CJK font.
func cssFamily(name, family string) string {
	n := name + " " + family
	generic := "serif"
	for _, s := range []string{"黑体", "Hei", "雅黑", "Sans", "Arial", "Helvetica", "Gothic"} {
		if strings.Contains(n, s) {
			generic = "sans-serif"
		}
	}
	for _, s := range []string{"Courier", "Mono"} {
		if strings.Contains(n, s) {
			generic = "monospace"
		}
	}
	var parts []string
	for _, p := range []string{name, family} {
		p = strings.Map(func(r rune) rune {
			if r == '\'' || r == '"' || r == ',' || r == ';' || r == '<' || r == '>' || r == '&' || r < 0x20 {
				return -1
			}
			return r
		}, strings.TrimSpace(p))
		if p != "" && (len(parts) == 0 || parts[0] != "'"+p+"'") {
			parts = append(parts, "'"+p+"'")
		}
	}
	return strings.Join(append(parts, generic), ",")
}
