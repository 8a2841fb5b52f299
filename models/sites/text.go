package sites

import (
	"errors"
	"html"
	"regexp"
	"strings"

	"gorm.io/gorm"

	"github.com/zwfw/portal/models"
)

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

var (
	// Block-level closing tags and <br> become paragraph breaks so that HTML
	// pasted from an official site keeps its paragraphs.
	blockBreak = regexp.MustCompile(`(?i)<\s*(br\s*/?|/p|/div|/li|/h[1-6]|/tr)\s*>`)
	// script and style bodies are dropped with their tags.
	dropped = regexp.MustCompile(`(?is)<\s*(script|style)\b.*?<\s*/\s*(script|style)\s*>`)
	anyTag  = regexp.MustCompile(`(?s)<[^>]*>`)
	spaces  = regexp.MustCompile(`[ \t\x{3000}]+`)
)

// PlainText sanitizes body text on write: stored bodies are plain text with
// paragraphs separated by one blank line. HTML is reduced to its text (tags
// removed, entities decoded), so pages render bodies as escaped text and no
// markup from a source ever reaches a visitor.
func PlainText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.ContainsRune(s, '<') {
		s = dropped.ReplaceAllString(s, "")
		s = blockBreak.ReplaceAllString(s, "\n\n")
		s = anyTag.ReplaceAllString(s, "")
		s = html.UnescapeString(s)
	}
	return strings.Join(Paragraphs(s), "\n\n")
}

// Paragraphs splits a stored body into its non-empty paragraphs.
func Paragraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(spaces.ReplaceAllString(line, " "))
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}
