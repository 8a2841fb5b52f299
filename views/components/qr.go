package components

import (
	"strconv"
	"strings"
)

// QRViewBox and QRPath draw a QR bitmap (with its quiet zone) as one SVG
// path, for the staff TOTP enrolment and the share page: a few kilobytes of
// markup, crisp at any zoom, and no image request.
func QRViewBox(m [][]bool) string {
	n := strconv.Itoa(len(m))
	return "0 0 " + n + " " + n
}

// QRPath has one rectangle per horizontal run of dark modules.
func QRPath(m [][]bool) string {
	var b strings.Builder
	for y, row := range m {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			w := strconv.Itoa(x - start)
			b.WriteString("M" + strconv.Itoa(start) + " " + strconv.Itoa(y) + "h" + w + "v1h-" + w + "z")
		}
	}
	return b.String()
}
