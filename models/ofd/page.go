package ofd

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
)

// xObject is any drawn object; kind says which (TextObject, PathObject,
// ImageObject, PageBlock …). Attributes are kept as strings and parsed
// leniently: a producer's odd number should not lose the whole page.
type xObject struct {
	kind            string
	children        []xObject
	Boundary        string      `xml:"Boundary,attr"`
	CTM             string      `xml:"CTM,attr"`
	Font            string      `xml:"Font,attr"`
	Size            string      `xml:"Size,attr"`
	Fill            string      `xml:"Fill,attr"`
	Stroke          string      `xml:"Stroke,attr"`
	LineWidth       string      `xml:"LineWidth,attr"`
	Alpha           string      `xml:"Alpha,attr"`
	Visible         string      `xml:"Visible,attr"`
	Rule            string      `xml:"Rule,attr"`
	Weight          string      `xml:"Weight,attr"`
	Italic          string      `xml:"Italic,attr"`
	ResourceID      string      `xml:"ResourceID,attr"`
	FillColor       *xColor     `xml:"FillColor"`
	StrokeColor     *xColor     `xml:"StrokeColor"`
	TextCode        []xTextCode `xml:"TextCode"`
	AbbreviatedData string      `xml:"AbbreviatedData"`
}

type xColor struct {
	Value string `xml:"Value,attr"`
	Alpha string `xml:"Alpha,attr"`
}

type xTextCode struct {
	X      string `xml:"X,attr"`
	Y      string `xml:"Y,attr"`
	DeltaX string `xml:"DeltaX,attr"`
	DeltaY string `xml:"DeltaY,attr"`
	Text   string `xml:",chardata"`
}

// xBlock is a layer or page block: its objects in drawing order.
type xBlock struct{ objects []xObject }

// UnmarshalXML keeps the children of every kind in document order, which
// is the drawing (z) order.
func (b *xBlock) UnmarshalXML(d *xml.Decoder, _ xml.StartElement) error {
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var o xObject
			switch t.Name.Local {
			case "TextObject", "PathObject", "ImageObject", "CompositeObject":
				if err := d.DecodeElement(&o, &t); err != nil {
					return err
				}
			case "PageBlock":
				var nb xBlock
				if err := d.DecodeElement(&nb, &t); err != nil {
					return err
				}
				o.children = nb.objects
			default:
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			}
			o.kind = t.Name.Local
			b.objects = append(b.objects, o)
		case xml.EndElement:
			return nil
		}
	}
}

// renderPage draws one page: background templates, the page's layers,
// foreground templates.
func (dc *docCtx) renderPage(name string, n int) (Page, error) {
	var xp xPage
	if err := dc.pkg.readXML(name, &xp); err != nil {
		return Page{}, err
	}
	pb := dc.pageBox
	if xp.Area != nil {
		if b, ok := parseBox(xp.Area.PhysicalBox); ok && b.W > 0 && b.H > 0 {
			pb = b
		}
	}
	w := &writer{dc: dc}
	w.b.Grow(4096)
	w.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="` + fmtNum(pb.X) + " " + fmtNum(pb.Y) + " " + fmtNum(pb.W) + " " + fmtNum(pb.H) +
		`" width="` + fmtNum(pb.W) + `mm" height="` + fmtNum(pb.H) + `mm" role="img" aria-label="` + strconv.Itoa(n) + `">`)
	w.b.WriteString(`<rect x="` + fmtNum(pb.X) + `" y="` + fmtNum(pb.Y) + `" width="` + fmtNum(pb.W) + `" height="` + fmtNum(pb.H) + `" fill="#fff"/>`)
	for _, z := range []string{"Background", "Body", "Foreground"} {
		if err := dc.drawTemplates(w, xp, z); err != nil {
			return Page{}, err
		}
		if z == "Body" {
			for _, l := range xp.Content.Layer {
				if err := w.objects(l.objects, 0); err != nil {
					return Page{}, err
				}
			}
		}
	}
	w.b.WriteString(`</svg>`)
	dc.out += w.b.Len()
	return Page{Width: pb.W, Height: pb.H, SVG: w.b.String(), Text: w.lines()}, nil
}

// drawTemplates draws the page's templates of one z-order (Background is
// the default).
func (dc *docCtx) drawTemplates(w *writer, xp xPage, z string) error {
	for _, t := range xp.Template {
		zo := t.ZOrder
		if zo == "" {
			zo = "Background"
		}
		loc, ok := dc.templates[t.TemplateID]
		if zo != z || !ok {
			continue
		}
		var tp xPage
		if err := dc.pkg.readXML(loc, &tp); err != nil {
			return err
		}
		for _, l := range tp.Content.Layer {
			if err := w.objects(l.objects, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// writer accumulates one page's SVG and text.
type writer struct {
	dc    *docCtx
	b     strings.Builder
	count int
	text  []textRun
}

// textRun is one text object's string at its absolute baseline.
type textRun struct {
	y, x float64
	s    string
}

func (w *writer) objects(objs []xObject, depth int) error {
	if depth > maxDepth {
		return corrupt("page blocks nested deeper than %d", maxDepth)
	}
	for i := range objs {
		o := &objs[i]
		w.count++
		if w.count > maxObjects {
			return corrupt("more than %d objects on a page", maxObjects)
		}
		if o.Visible == "false" {
			continue
		}
		switch o.kind {
		case "PageBlock":
			if err := w.objects(o.children, depth+1); err != nil {
				return err
			}
		case "TextObject":
			w.textObject(o)
		case "PathObject":
			w.pathObject(o)
		case "ImageObject":
			if err := w.imageObject(o); err != nil {
				return err
			}
		}
		if w.dc.out+w.b.Len() > maxSVG {
			return corrupt("pages render to more than %d bytes", maxSVG)
		}
	}
	return nil
}

// open starts a group placing the object's coordinate space: its boundary
// origin, then its CTM. It returns the boundary.
func (w *writer) open(o *xObject, extra string) (box, bool) {
	bb, ok := parseBox(o.Boundary)
	if !ok {
		return bb, false
	}
	t := "translate(" + fmtNum(bb.X) + " " + fmtNum(bb.Y) + ")"
	if m := numbers(o.CTM); len(m) == 6 {
		t += " matrix(" + fmtNum(m[0]) + " " + fmtNum(m[1]) + " " + fmtNum(m[2]) + " " + fmtNum(m[3]) + " " + fmtNum(m[4]) + " " + fmtNum(m[5]) + ")"
	}
	w.b.WriteString(`<g transform="` + t + `"` + extra)
	if a := alpha(o.Alpha); a < 1 {
		w.b.WriteString(` opacity="` + fmtNum(a) + `"`)
	}
	w.b.WriteString(">")
	return bb, true
}

func (w *writer) pathObject(o *xObject) {
	d := pathData(o.AbbreviatedData)
	if d == "" {
		return
	}
	if _, ok := w.open(o, ""); !ok {
		return
	}
	fill, stroke := o.Fill == "true", o.Stroke != "false"
	w.b.WriteString(`<path d="` + d + `"`)
	if fill {
		w.paint("fill", o.FillColor, "#000")
		if o.Rule == "Even-Odd" {
			w.b.WriteString(` fill-rule="evenodd"`)
		}
	} else {
		w.b.WriteString(` fill="none"`)
	}
	if stroke {
		w.paint("stroke", o.StrokeColor, "#000")
		lw := 0.353 // GB/T 33190 default line width, mm
		if v := numbers(o.LineWidth); len(v) == 1 && v[0] >= 0 {
			lw = v[0]
		}
		w.b.WriteString(` stroke-width="` + fmtNum(lw) + `"`)
	}
	w.b.WriteString("/></g>")
}

// paint writes a fill or stroke attribute (and its opacity) from a colour.
func (w *writer) paint(attr string, c *xColor, def string) {
	col, a := def, 1.0
	if c != nil {
		col, a = rgb(c.Value, def), alpha(c.Alpha)
	}
	w.b.WriteString(" " + attr + `="` + col + `"`)
	if a < 1 {
		w.b.WriteString(" " + attr + `-opacity="` + fmtNum(a) + `"`)
	}
}

// rgb converts an OFD colour value (RGB 0–255, grey or CMYK) to #rrggbb.
func rgb(v, def string) string {
	n := numbers(v)
	clamp := func(f float64) int { return int(math.Max(0, math.Min(255, math.Round(f)))) }
	var r, g, b int
	switch len(n) {
	case 1:
		r, g, b = clamp(n[0]), clamp(n[0]), clamp(n[0])
	case 3:
		r, g, b = clamp(n[0]), clamp(n[1]), clamp(n[2])
	case 4:
		k := 1 - n[3]/255
		r, g, b = clamp((255-n[0])*k), clamp((255-n[1])*k), clamp((255-n[2])*k)
	default:
		return def
	}
	const hex = "0123456789abcdef"
	out := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, c := range []int{r, g, b} {
		out[1+2*i], out[2+2*i] = hex[c>>4], hex[c&15]
	}
	return string(out)
}

// alpha converts an OFD alpha (0–255, default 255) to 0–1.
func alpha(s string) float64 {
	if n := numbers(s); len(n) == 1 {
		return math.Max(0, math.Min(1, n[0]/255))
	}
	return 1
}
