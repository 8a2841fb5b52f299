package refdata

import "fmt"

// Code is one entry of a code set: its code, Chinese name and English name.
type Code struct {
	Code   string
	Name   string
	NameEn string
}

// Label returns the name in lang ("en" → English, anything else → Chinese).
func (c Code) Label(lang string) string {
	if lang == "en" && c.NameEn != "" {
		return c.NameEn
	}
	return c.Name
}

// CodeSet is an ordered, immutable list of codes with a lookup by code.
type CodeSet struct {
	items  []Code
	byCode map[string]int
}

// newCodeSet builds a set; a duplicate code is a programming error.
func newCodeSet(items ...Code) *CodeSet {
	s := &CodeSet{items: items, byCode: make(map[string]int, len(items))}
	for i, c := range items {
		if _, dup := s.byCode[c.Code]; dup {
			panic(fmt.Sprintf("refdata: duplicate code %q", c.Code))
		}
		s.byCode[c.Code] = i
	}
	return s
}

// All returns the codes in their defined order (a copy: callers may sort it).
func (s *CodeSet) All() []Code {
	return append([]Code(nil), s.items...)
}

// Len is the number of codes.
func (s *CodeSet) Len() int { return len(s.items) }

// Get looks a code up.
func (s *CodeSet) Get(code string) (Code, bool) {
	i, ok := s.byCode[code]
	if !ok {
		return Code{}, false
	}
	return s.items[i], true
}

// Has reports whether code belongs to the set.
func (s *CodeSet) Has(code string) bool {
	_, ok := s.byCode[code]
	return ok
}

// Name returns the Chinese name of code, or "" when unknown.
func (s *CodeSet) Name(code string) string {
	c, _ := s.Get(code)
	return c.Name
}

// Label returns the name of code in lang, or "" when unknown.
func (s *CodeSet) Label(code, lang string) string {
	c, ok := s.Get(code)
	if !ok {
		return ""
	}
	return c.Label(lang)
}
