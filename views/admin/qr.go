package admin

import (
	"strconv"
	"strings"
)

func qrViewBox(m [][]bool) string {
	n := strconv.Itoa(len(m))
	return "0 0 " + n + " " + n
}

// qrPath is an SVG path with one rectangle per horizontal run of dark
// modules, which keeps the markup a few kilobytes.
func qrPath(m [][]bool) string {
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
			b.WriteString("M" + strconv.Itoa(start) + " " + strconv.Itoa(y) + "h" + strconv.Itoa(x-start) + "v1h-" + strconv.Itoa(x-start) + "z")
		}
	}
	return b.String()
}
