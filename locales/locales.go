// Package locales holds every user-visible string in zh-CN (first) and en,
// one JSON file per feature under locales/<lang>/, embedded in the binary, and the lookup that views and handlers use.
// locales_test.go fails when a key is missing in either language.
package locales

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed zh-CN/*.json en/*.json
var files embed.FS

// Default is the portal's first language.
const Default = "zh-CN"

// Langs lists the supported languages, default first.
var Langs = []string{"zh-CN", "en"}

// Catalog maps language → key → message.
type Catalog map[string]map[string]string

var catalog = mustLoad()

func mustLoad() Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Load parses the embedded message files.
func Load() (Catalog, error) {
	c := Catalog{}
	for _, lang := range Langs {
		// One file per feature (core.json, search.json …) so features never
		// edit each other's messages; a key defined twice is an error.
		entries, err := files.ReadDir(lang)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for _, e := range entries {
			b, err := files.ReadFile(lang + "/" + e.Name())
			if err != nil {
				return nil, err
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("locales/%s/%s: %w", lang, e.Name(), err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("locales/%s/%s: key %q is defined twice", lang, e.Name(), k)
				}
				m[k] = v
			}
		}
		c[lang] = m
	}
	return c, nil
}

// Supported returns lang when it is a supported language, else Default.
func Supported(lang string) string {
	for _, l := range Langs {
		if strings.EqualFold(l, lang) {
			return l
		}
	}
	return Default
}

// Message returns the message for key in lang, formatted with args
// (fmt verbs). A missing key returns the key itself so it shows up in tests.
func Message(lang, key string, args ...any) string {
	m, ok := catalog[Supported(lang)][key]
	if !ok {
		m, ok = catalog[Default][key]
		if !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

// Has reports whether key exists in the default language.
func Has(key string) bool {
	_, ok := catalog[Default][key]
	return ok
}

type ctxKey struct{}

// WithLang returns a context that carries the request's language.
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, ctxKey{}, Supported(lang))
}

// Lang returns the language carried by ctx (Default if none).
func Lang(ctx context.Context) string {
	if l, ok := ctx.Value(ctxKey{}).(string); ok {
		return l
	}
	return Default
}

// T translates key for the language carried by ctx.
func T(ctx context.Context, key string, args ...any) string {
	return Message(Lang(ctx), key, args...)
}
