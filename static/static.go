// Package static embeds the portal's CSS, JavaScript and images and serves
// them under fingerprinted URLs (/static/<path with content hash>) cached for
// a year, gzip-compressed where the client accepts it. Pages never request a
// third-party origin.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed css js img jssdk
var files embed.FS

// Asset is one embedded file with its fingerprinted URL.
type Asset struct {
	URL         string
	ContentType string
	Body        []byte
	Gzip        []byte // nil when compression does not pay
	ETag        string
}

// Assets maps logical paths ("css/site.css") to fingerprinted assets.
type Assets struct {
	byLogical map[string]*Asset
	byURL     map[string]*Asset
}

// Load fingerprints and pre-compresses every embedded file once at start.
func Load() (*Assets, error) {
	a := &Assets{byLogical: map[string]*Asset{}, byURL: map[string]*Asset{}}
	// Every feature keeps its own css/NN-feature.css and js/NN-feature.js;
	// pages load one bundle of each (css/site.css, js/site.js), concatenated
	// in file-name order, so a page costs two requests whatever it uses.
	bundles := map[string]*bytes.Buffer{"css/site.css": {}, "js/site.js": {}}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		if dir := path.Dir(p); (dir == "css" && path.Ext(p) == ".css") || (dir == "js" && path.Ext(p) == ".js") {
			b := bundles[dir+"/site"+path.Ext(p)]
			b.WriteString("/* " + p + " */\n")
			b.Write(body)
			b.WriteString("\n")
			return nil
		}
		a.add(p, body)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for logical, b := range bundles {
		a.add(logical, b.Bytes())
	}
	return a, nil
}

func (a *Assets) add(p string, body []byte) {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])[:12]
	ext := path.Ext(p)
	url := "/static/" + strings.TrimSuffix(p, ext) + "." + hash + ext
	ct := mime.TypeByExtension(ext)
	if ct == "" {
		ct = "application/octet-stream"
	}
	as := &Asset{URL: url, ContentType: ct, Body: body, ETag: `"` + hash + `"`}
	if compressible(ct) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body) // #nosec G104 -- gzip into a bytes.Buffer cannot fail
		zw.Close()     // #nosec G104 -- gzip into a bytes.Buffer cannot fail
		if buf.Len() < len(body) {
			as.Gzip = buf.Bytes()
		}
	}
	a.byLogical[p] = as
	a.byURL[url] = as
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") ||
		strings.Contains(ct, "json") || strings.Contains(ct, "svg")
}

// URL returns the fingerprinted URL of a logical path; it panics on an
// unknown path so a typo fails the first test that renders the page.
func (a *Assets) URL(logical string) string {
	as, ok := a.byLogical[logical]
	if !ok {
		panic("static: no asset " + logical)
	}
	return as.URL
}

// Lookup returns the asset served at a fingerprinted URL.
func (a *Assets) Lookup(url string) (*Asset, bool) {
	as, ok := a.byURL[url]
	return as, ok
}

// Logical returns the asset for a logical path (for stable URLs such as
// /jssdk/index.js that other systems reference).
func (a *Assets) Logical(logical string) (*Asset, bool) {
	as, ok := a.byLogical[logical]
	return as, ok
}

// ServeHTTP serves fingerprinted assets with year-long caching.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	as, ok := a.Lookup(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	Write(w, r, as)
}

// Write sends an asset, compressed when the client accepts gzip.
func Write(w http.ResponseWriter, r *http.Request, as *Asset) {
	h := w.Header()
	h.Set("Content-Type", as.ContentType)
	h.Set("ETag", as.ETag)
	h.Add("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == as.ETag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := as.Body
	if as.Gzip != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = as.Gzip
	}
	w.Write(body) // #nosec G104 -- the response to the client; nothing to do if it has gone
}
