package content

import (
	"html"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// Rich text pasted into the console (from Word, an official site, an
// editor) is sanitized when saved, never when shown: bluemonday's strict
// policy removes every element (and the content of script and style),
// block ends become paragraph breaks first so the paragraphs survive, and
// entities are decoded. What is stored is plain text that every page
// renders escaped, so no markup from a source can reach a visitor.
var (
	strict     = bluemonday.StrictPolicy()
	blockBreak = regexp.MustCompile(`(?i)<\s*(br\s*/?|/p|/div|/li|/h[1-6]|/tr|/blockquote)\s*>`)
	spaceRun   = regexp.MustCompile(`[ \t\x{3000}\x{00a0}]+`)
)

// Clean returns s as plain text: paragraphs separated by one blank line,
// spaces collapsed, no markup.
func Clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.ContainsAny(s, "<&") {
		s = blockBreak.ReplaceAllString(s, "\n\n")
		s = html.UnescapeString(strict.Sanitize(s))
	}
	var paras []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(spaceRun.ReplaceAllString(line, " ")); line != "" {
			paras = append(paras, line)
		}
	}
	return strings.Join(paras, "\n\n")
}

// CleanLine is Clean for one-line fields (titles, names): no breaks.
func CleanLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(Clean(s), "\n\n", " ")), " ")
}
