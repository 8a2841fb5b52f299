package handlers

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/static"
	filingview "github.com/zwfw/portal/views/filing"
)

// The portal's own store listing and filing material (C 0103 5.2, 5.3,
// 9.4 b): the web app manifest, the service worker at the root scope, the
// offline page it shows, and 版本说明 generated from CHANGELOG.md.

// changelog is a copy of the repository's CHANGELOG.md (go:embed cannot
// reach above this package); TestChangelogCopyIsCurrent keeps them equal.
//
//go:generate cp ../CHANGELOG.md manifest_changelog.md
//go:embed manifest_changelog.md
var changelog string

// storeScreenshots are the store-listing screenshots, taken by the browser
// tests (handlers/e2e/c94_e_test.go, E2E_STORE_SCREENSHOTS=1) and committed.
var storeScreenshots = []struct{ file, labelKey string }{
	{"img/store/home.png", "nav.home"},
	{"img/store/matters.png", "matters.nav"},
	{"img/store/guide.png", "usercenter.foot.kind.guide"},
	{"img/store/search.png", "search.title"},
}

func (h *filingHandler) registerStore(e *echo.Echo) {
	e.GET("/manifest.webmanifest", h.manifest)
	e.GET("/sw.js", serviceWorker)
	e.GET("/offline", h.offline)
	e.GET("/release-notes", h.releaseNotes)
}

type manifestImage struct {
	Src        string `json:"src"`
	Sizes      string `json:"sizes"`
	Type       string `json:"type"`
	Purpose    string `json:"purpose,omitempty"`
	FormFactor string `json:"form_factor,omitempty"`
	Label      string `json:"label,omitempty"`
}

// manifest is GET /manifest.webmanifest (W3C Web App Manifest).
func (h *filingHandler) manifest(c echo.Context) error {
	ctx := c.Request().Context()
	assets := h.site.Assets
	m := map[string]any{
		"name": h.site.Name, "short_name": locales.T(ctx, "filing.manifest.short_name"), "lang": locales.Lang(ctx),
		"description": locales.T(ctx, "filing.manifest.description"), "id": "/", "start_url": "/", "scope": "/",
		"display": "standalone", "orientation": "any", "theme_color": "#b3261e", "background_color": "#ffffff",
		"categories": []string{"government", "utilities"},
		"icons": []manifestImage{
			{Src: assets.URL("img/icon-192.png"), Sizes: "192x192", Type: "image/png", Purpose: "any"},
			{Src: assets.URL("img/icon-512.png"), Sizes: "512x512", Type: "image/png", Purpose: "any"},
			{Src: assets.URL("img/icon-maskable-512.png"), Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
		},
	}
	var shots []manifestImage
	for _, s := range storeScreenshots {
		as, ok := assets.Logical(s.file)
		if !ok {
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(as.Body))
		if err != nil {
			continue
		}
		form := "narrow"
		if cfg.Width > cfg.Height {
			form = "wide"
		}
		shots = append(shots, manifestImage{Src: as.URL, Sizes: fmt.Sprintf("%dx%d", cfg.Width, cfg.Height), Type: "image/png",
			FormFactor: form, Label: locales.T(ctx, s.labelKey)})
	}
	m["screenshots"] = shots
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	c.Response().Header().Add("Vary", "Accept-Language, Cookie")
	return c.Blob(http.StatusOK, "application/manifest+json", body)
}

// serviceWorker is GET /sw.js: served from the root so its scope is the
// whole site, never cached for long so an update reaches every visitor.
func serviceWorker(c echo.Context) error {
	hdr := c.Response().Header()
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("Service-Worker-Allowed", "/")
	return c.Blob(http.StatusOK, "text/javascript; charset=utf-8", static.ServiceWorker())
}

// offline is GET /offline: the page the service worker caches and shows
// when the network fails (9.4 b). It is a normal page too.
// ?lang= picks the language, so the service worker can keep both.
func (h *filingHandler) offline(c echo.Context) error {
	if lang := c.QueryParam("lang"); lang != "" {
		c.SetRequest(c.Request().WithContext(locales.WithLang(c.Request().Context(), lang)))
	}
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	return web.Render(c, http.StatusOK, filingview.Offline(ch, filingview.OfflineProps{}))
}

// releaseNotes is GET /release-notes: 版本说明 (5.3 c) from CHANGELOG.md.
func (h *filingHandler) releaseNotes(c echo.Context) error {
	return web.Render(c, http.StatusOK, filingview.ReleaseNotes(h.site.Chrome(c), filingview.ReleaseNotesProps{Versions: parseChangelog(changelog)}))
}

var versionHead = regexp.MustCompile(`^##\s+\[?([^\]\s]+)\]?(?:\s*-\s*(\d{4}-\d{2}-\d{2}))?`)

// parseChangelog reads "## [version] - date" sections and their "- item"
// lines (Keep a Changelog); anything else is prose for the file's readers.
func parseChangelog(md string) []filingview.Version {
	var out []filingview.Version
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimRight(line, " \r")
		if m := versionHead.FindStringSubmatch(line); m != nil {
			id := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
					return r
				}
				return '-'
			}, m[1])
			if id == strings.Repeat("-", len(id)) {
				id = "next"
			}
			out = append(out, filingview.Version{ID: id, Title: m[1], Date: m[2]})
			continue
		}
		if len(out) > 0 && strings.HasPrefix(line, "- ") {
			v := &out[len(out)-1]
			v.Items = append(v.Items, strings.TrimSpace(line[2:]))
		}
	}
	return out
}
