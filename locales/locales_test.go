package locales

import (
	"context"
	"sort"
	"testing"
)

// Every key must exist in every language, so no visitor ever sees a raw key.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]bool{}
	for _, m := range c {
		for k := range m {
			all[k] = true
		}
	}
	var missing []string
	for k := range all {
		for _, lang := range Langs {
			if v, ok := c[lang][k]; !ok || v == "" {
				missing = append(missing, lang+": "+k)
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("missing message %s", m)
	}
}

func TestLookupFollowsContextLanguage(t *testing.T) {
	ctx := WithLang(context.Background(), "en")
	if got := T(ctx, "site.skip"); got == Message("zh-CN", "site.skip") {
		t.Fatalf("English context returned the Chinese text %q", got)
	}
	if got := T(context.Background(), "no.such.key"); got != "no.such.key" {
		t.Fatalf("missing key should echo itself, got %q", got)
	}
	if Supported("fr") != Default {
		t.Fatal("unsupported language must fall back to zh-CN")
	}
}
