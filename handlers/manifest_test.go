package handlers_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/locales"
)

type manifestImage struct {
	Src, Sizes, Type, Purpose string
	FormFactor                string `json:"form_factor"`
}

type webManifest struct {
	Name, Description, Display, Lang string
	ShortName                        string `json:"short_name"`
	StartURL                         string `json:"start_url"`
	Scope                            string
	Icons                            []manifestImage
	Screenshots                      []manifestImage
}

// fetchImage loads a manifest image and checks its type and declared size.
func fetchImage(t *testing.T, c *handlertest.Client, im manifestImage) {
	t.Helper()
	r := c.Get(im.Src)
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "image/png" || im.Type != "image/png" {
		t.Fatalf("%s: %d %s", im.Src, r.StatusCode, r.Header.Get("Content-Type"))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader([]byte(r.Body)))
	if err != nil || fmt.Sprintf("%dx%d", cfg.Width, cfg.Height) != im.Sizes {
		t.Fatalf("%s is %dx%d (%v), the manifest says %s", im.Src, cfg.Width, cfg.Height, err, im.Sizes)
	}
}

// C 0103 5.2 and 5.3 as a web app manifest: name, short name, icons (192,
// 512, maskable), at least three screenshots and a description; every
// image is served with the size the manifest states.
func TestManifestIsValidAndComplete(t *testing.T) {
	env := handlertest.New(t)
	c := env.Client()
	r := c.Get("/manifest.webmanifest")
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/manifest+json" {
		t.Fatalf("%d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	var m webManifest
	if err := json.Unmarshal([]byte(r.Body), &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "中国政务服务" || m.ShortName == "" || len([]rune(m.ShortName)) > 12 || m.Description == "" ||
		m.StartURL != "/" || m.Scope != "/" || m.Display != "standalone" || m.Lang != "zh-CN" {
		t.Fatalf("manifest members: %+v", m)
	}
	purposes := map[string]bool{}
	for _, ic := range m.Icons {
		fetchImage(t, c, ic)
		purposes[ic.Sizes+" "+ic.Purpose] = true
	}
	for _, want := range []string{"192x192 any", "512x512 any", "512x512 maskable"} {
		if !purposes[want] {
			t.Errorf("no %s icon", want)
		}
	}
	if len(m.Screenshots) < 3 {
		t.Fatalf("%d screenshots, C 0103 5.3 a needs at least three (run the e2e suite with E2E_STORE_SCREENSHOTS=1)", len(m.Screenshots))
	}
	for _, s := range m.Screenshots {
		fetchImage(t, c, s)
		if s.FormFactor != "narrow" && s.FormFactor != "wide" {
			t.Errorf("%s: form_factor %q", s.Src, s.FormFactor)
		}
	}
	home := c.Get("/").Doc(t)
	if home.Find(`head link[rel="manifest"][href="/manifest.webmanifest"]`).Length() != 1 {
		t.Fatal("the layout does not link the manifest")
	}
}

func TestChangelogCopyIsCurrent(t *testing.T) {
	a, err1 := os.ReadFile("../CHANGELOG.md")
	b, err2 := os.ReadFile("manifest_changelog.md")
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
		t.Fatalf("handlers/manifest_changelog.md must equal CHANGELOG.md: run go generate ./handlers/ (%v %v)", err1, err2)
	}
}

// 版本说明 (5.3 c) shows every version of CHANGELOG.md with its changes.
func TestReleaseNotesPageFollowsChangelog(t *testing.T) {
	env := handlertest.New(t)
	r := env.Client().Get("/release-notes")
	want(t, r, http.StatusOK, "release notes")
	doc := r.Doc(t)
	md, _ := os.ReadFile("../CHANGELOG.md")
	versions := regexp.MustCompile(`(?m)^## `).FindAllIndex(md, -1)
	items := regexp.MustCompile(`(?m)^- `).FindAllIndex(md, -1)
	if doc.Find("main h2").Length() != len(versions) || doc.Find("main section li").Length() != len(items) || len(versions) < 2 {
		t.Fatalf("%d versions and %d items shown, CHANGELOG.md has %d and %d", doc.Find("main h2").Length(),
			doc.Find("main section li").Length(), len(versions), len(items))
	}
	if doc.Find("h1").Text() != "版本说明" || !strings.Contains(doc.Text(), "4aaa80a") {
		t.Fatal("the page must be 版本说明 and cite the commits")
	}
}

// The JavaScript messages of 80-offline.js are the locale files' texts.
func TestOfflineScriptMessagesMatchLocales(t *testing.T) {
	js, err := os.ReadFile("../static/js/80-offline.js")
	if err != nil {
		t.Fatal(err)
	}
	src := string(js)
	zh, en, _ := strings.Cut(src[strings.Index(src, "'zh-CN': {"):], "en: {")
	re := regexp.MustCompile(`'(filing\.js\.[a-z]+)': '([^']*)'`)
	for lang, part := range map[string]string{"zh-CN": zh, "en": en[:strings.Index(en, "}")]} {
		found := re.FindAllStringSubmatch(part, -1)
		if len(found) != 5 {
			t.Fatalf("%s: %d messages", lang, len(found))
		}
		for _, m := range found {
			if got := locales.Message(lang, m[1]); got != m[2] {
				t.Errorf("%s %s: script says %q, locales %q", lang, m[1], m[2], got)
			}
		}
	}
}
