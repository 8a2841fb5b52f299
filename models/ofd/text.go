package ofd

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// textObject draws a text object: each TextCode starts at (X, Y), the
// baseline, and its glyphs advance by DeltaX/DeltaY when given (the
// producer's exact positions), else by the font's own metrics.
func (w *writer) textObject(o *xObject) {
	bb, ok := w.open(o, "")
	if !ok {
		return
	}
	size := 3.5275 // 10 pt in mm, when the producer omits Size
	if v := numbers(o.Size); len(v) == 1 && v[0] > 0 {
		size = v[0]
	}
	f := w.dc.fonts[o.Font]
	if f.family == "" {
		f.family = "serif"
	}
	w.b.WriteString(`<text font-size="` + fmtNum(size) + `" font-family="` + escape(f.family) + `"`)
	if f.bold || numbers(o.Weight) != nil && numbers(o.Weight)[0] >= 600 {
		w.b.WriteString(` font-weight="bold"`)
	}
	if f.italic || o.Italic == "true" {
		w.b.WriteString(` font-style="italic"`)
	}
	if o.Fill != "false" {
		w.paint("fill", o.FillColor, "#000")
	} else {
		w.b.WriteString(` fill="none"`)
	}
	if o.Stroke == "true" {
		w.paint("stroke", o.StrokeColor, "#000")
	}
	w.b.WriteString(">")
	x, y := 0.0, 0.0
	var line strings.Builder
	for _, tc := range o.TextCode {
		if v := numbers(tc.X); len(v) == 1 {
			x = v[0]
		}
		if v := numbers(tc.Y); len(v) == 1 {
			y = v[0]
		}
		s := cleanText(tc.Text)
		if s == "" {
			continue
		}
		x, y = w.tspan(s, x, y, deltas(tc.DeltaX), deltas(tc.DeltaY))
		line.WriteString(s)
	}
	w.b.WriteString("</text></g>")
	if t := strings.TrimSpace(line.String()); t != "" {
		w.text = append(w.text, textRun{y: bb.Y, x: bb.X, s: t})
	}
}

// tspan writes one TextCode with per-glyph positions and returns the pen
// position after it.
func (w *writer) tspan(s string, x, y float64, dx, dy []float64) (float64, float64) {
	n := utf8.RuneCountInString(s)
	xs := make([]string, 0, n)
	ys := make([]string, 0, n)
	cx, cy := x, y
	for i := 0; i < n; i++ {
		xs = append(xs, fmtNum(cx))
		ys = append(ys, fmtNum(cy))
		if i < len(dx) {
			cx += dx[i]
		}
		if i < len(dy) {
			cy += dy[i]
		}
	}
	w.b.WriteString(`<tspan x="`)
	if len(dx) == 0 {
		w.b.WriteString(fmtNum(x))
	} else {
		w.b.WriteString(strings.Join(xs, " "))
	}
	w.b.WriteString(`" y="`)
	if len(dy) == 0 {
		w.b.WriteString(fmtNum(y))
	} else {
		w.b.WriteString(strings.Join(ys, " "))
	}
	w.b.WriteString(`">` + escape(s) + `</tspan>`)
	return cx, cy
}

// deltas expands a DeltaX/DeltaY list; "g N d" stands for N copies of d.
func deltas(s string) []float64 {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f); i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			d, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 == nil && err2 == nil && n > 0 && n <= 10000 && !isBad(d) {
				for j := 0; j < n && len(out) < maxDeltas; j++ {
					out = append(out, d)
				}
			}
			i += 2
			continue
		}
		if v, err := strconv.ParseFloat(f[i], 64); err == nil && !isBad(v) && len(out) < maxDeltas {
			out = append(out, v)
		}
	}
	return out
}

// cleanText drops control characters and invalid UTF-8, which XML 1.0
// cannot carry and a screen reader should not meet.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (r < 0x20 && r != ' ') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// lines is the page's text in reading order: runs on (nearly) the same
// baseline joined left to right, lines top to bottom.
func (w *writer) lines() []string {
	runs := append([]textRun(nil), w.text...)
	sort.SliceStable(runs, func(i, j int) bool {
		if math.Abs(runs[i].y-runs[j].y) > 1 {
			return runs[i].y < runs[j].y
		}
		return runs[i].x < runs[j].x
	})
	var out []string
	for i, r := range runs {
		if i > 0 && math.Abs(r.y-runs[i-1].y) <= 1 {
			out[len(out)-1] += " " + r.s
			continue
		}
		out = append(out, r.s)
	}
	return out
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// escape makes s safe inside SVG text or a quoted attribute.
func escape(s string) string { return escaper.Replace(s) }
