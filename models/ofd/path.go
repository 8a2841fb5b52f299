package ofd

import (
	"strconv"
	"strings"
)

// pathOps maps OFD path operators (GB/T 33190 9.3.2) to SVG ones with the
// number of operands each takes: S/M start a sub-path, L line, Q quadratic
// Bézier, B cubic Bézier, A elliptical arc, C close.
var pathOps = map[string]struct {
	svg string
	n   int
}{
	"S": {"M", 2}, "M": {"M", 2}, "L": {"L", 2}, "Q": {"Q", 4}, "B": {"C", 6}, "A": {"A", 7}, "C": {"Z", 0},
}

// pathData converts AbbreviatedData to an SVG path. Every number is
// re-formatted, so nothing but operators and numbers reaches the SVG; an
// operator with missing operands ends the path there.
func pathData(s string) string {
	f := strings.Fields(s)
	var b strings.Builder
	for i := 0; i < len(f); {
		op, ok := pathOps[f[i]]
		if !ok {
			i++ // unknown token: skip it
			continue
		}
		if i+op.n > len(f)-1 {
			break
		}
		args := make([]string, 0, op.n)
		for j := 1; j <= op.n; j++ {
			v, err := strconv.ParseFloat(f[i+j], 64)
			if err != nil || isBad(v) {
				return b.String()
			}
			if op.svg == "A" && (j == 4 || j == 5) { // large-arc and sweep flags
				if v != 0 {
					v = 1
				}
			}
			args = append(args, fmtNum(v))
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(op.svg)
		for _, a := range args {
			b.WriteByte(' ')
			b.WriteString(a)
		}
		i += op.n + 1
	}
	return b.String()
}
