package handlers

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The store-listing icons (C 0103 5.2) are drawn by drawIcon below and
// committed as static/img/icon-*.png. UPDATE_ICONS=1 go test ./handlers/
// -run TestManifestIconsAreGenerated redraws them; otherwise the test fails
// when a committed icon differs from the drawing.

var (
	iconRed  = color.RGBA{0xb3, 0x26, 0x1e, 0xff} // the theme colour
	iconGold = color.RGBA{0xff, 0xd2, 0x4a, 0xff}
)

// drawIcon draws a gold five-pointed star in a gold ring on the portal's
// red. The plain icon is a rounded square on transparency; the maskable
// one fills the square and keeps the emblem inside the central 80 % safe
// zone (W3C Manifest: maskable icons may be cropped to a circle of
// radius 40 %).
func drawIcon(size int, maskable bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	c := s / 2
	scale := 1.0
	if maskable {
		scale = 0.72
	}
	ringOuter, ringInner := 0.40*s*scale, 0.34*s*scale
	star := starPolygon(c, c+0.01*s*scale, 0.27*s*scale, 0.11*s*scale)
	radius := 0.18 * s // corner radius of the plain icon
	const sub = 4      // 4×4 supersampling for smooth edges
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for sy := 0; sy < sub; sy++ {
				for sx := 0; sx < sub; sx++ {
					px, py := float64(x)+(float64(sx)+0.5)/sub, float64(y)+(float64(sy)+0.5)/sub
					if !maskable && !inRoundedSquare(px, py, s, radius) {
						continue
					}
					col := iconRed
					d := math.Hypot(px-c, py-c)
					if (d <= ringOuter && d >= ringInner) || inPolygon(px, py, star) {
						col = iconGold
					}
					r, g, b, a = r+float64(col.R), g+float64(col.G), b+float64(col.B), a+255
				}
			}
			n := float64(sub * sub)
			if a > 0 {
				k := 255 / a // un-premultiplied average of the covered samples
				img.SetRGBA(x, y, color.RGBA{uint8(r * k * a / 255 / n), uint8(g * k * a / 255 / n), uint8(b * k * a / 255 / n), uint8(a / n)})
			}
		}
	}
	return img
}

func starPolygon(cx, cy, outer, inner float64) [][2]float64 {
	var pts [][2]float64
	for i := 0; i < 10; i++ {
		r := outer
		if i%2 == 1 {
			r = inner
		}
		ang := -math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, [2]float64{cx + r*math.Cos(ang), cy + r*math.Sin(ang)})
	}
	return pts
}

func inPolygon(x, y float64, poly [][2]float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		xi, yi, xj, yj := poly[i][0], poly[i][1], poly[j][0], poly[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

func inRoundedSquare(x, y, s, r float64) bool {
	cx, cy := math.Max(r, math.Min(x, s-r)), math.Max(r, math.Min(y, s-r))
	return math.Hypot(x-cx, y-cy) <= r
}

var storeIcons = []struct {
	file     string
	size     int
	maskable bool
}{
	{"icon-192.png", 192, false},
	{"icon-512.png", 512, false},
	{"icon-maskable-512.png", 512, true},
}

func TestManifestIconsAreGenerated(t *testing.T) {
	for _, ic := range storeIcons {
		var buf bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, drawIcon(ic.size, ic.maskable)); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "static", "img", ic.file)
		if os.Getenv("UPDATE_ICONS") == "1" {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run with UPDATE_ICONS=1)", ic.file, err)
		}
		img, err := png.Decode(bytes.NewReader(got))
		if err != nil || img.Bounds().Dx() != ic.size || img.Bounds().Dy() != ic.size {
			t.Fatalf("%s: %v %v, want %d square", ic.file, img.Bounds(), err, ic.size)
		}
		// Pixels, not bytes: the PNG encoder's output changes between Go
		// releases (1.26 → 1.27) while the picture does not. Both sides go
		// through PNG (which stores unpremultiplied colour).
		want, err := png.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if !samePixels(img, want) {
			t.Errorf("%s differs from drawIcon: run UPDATE_ICONS=1 go test ./handlers/ -run TestManifestIconsAreGenerated", ic.file)
		}
	}
}

// samePixels reports whether a and b hold the same colours, pixel by pixel.
func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// The maskable icon fills its square (no transparent corners) and the
// plain one has transparent corners.
func TestManifestIconShapes(t *testing.T) {
	plain, mask := drawIcon(64, false), drawIcon(64, true)
	if plain.RGBAAt(0, 0).A != 0 || mask.RGBAAt(0, 0).A != 255 {
		t.Fatalf("corner alpha: plain %d, maskable %d", plain.RGBAAt(0, 0).A, mask.RGBAAt(0, 0).A)
	}
	if mask.RGBAAt(32, 33) != iconGold {
		t.Fatalf("the star is not at the centre: %v", mask.RGBAAt(32, 33))
	}
}
