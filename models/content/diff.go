package content

import "strings"

// Diff operations.
const (
	OpSame   = "="
	OpDelete = "-"
	OpInsert = "+"
)

// DiffLine is one line of a diff: kept, removed or added.
type DiffLine struct {
	Op   string
	Text string
}

// FieldDiff is the diff of one field.
type FieldDiff struct {
	Field string // JSON key of ItemFields
	Lines []DiffLine
}

// maxDiffLines bounds the quadratic table: longer texts are compared as a
// whole (all old lines removed, all new lines added).
const maxDiffLines = 2000

// DiffLines is a line diff of a and b by longest common subsequence, the
// way `diff` shows text: paragraphs kept, removed and added, in order.
func DiffLines(a, b string) []DiffLine {
	x, y := splitLines(a), splitLines(b)
	if len(x)*len(y) > maxDiffLines*maxDiffLines/4 {
		return wholesale(x, y)
	}
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffLine
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			out = append(out, DiffLine{OpSame, x[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, DiffLine{OpDelete, x[i]})
			i++
		default:
			out = append(out, DiffLine{OpInsert, y[j]})
			j++
		}
	}
	return append(out, wholesale(x[i:], y[j:])...)
}

func wholesale(x, y []string) []DiffLine {
	out := make([]DiffLine, 0, len(x)+len(y))
	for _, l := range x {
		out = append(out, DiffLine{OpDelete, l})
	}
	for _, l := range y {
		out = append(out, DiffLine{OpInsert, l})
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
