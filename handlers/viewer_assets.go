package handlers

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/views/viewer/pdfjs"
)

// viewerAsset is one pdf.js file, pre-compressed once at start.
type viewerAsset struct {
	body, gz []byte
	ctype    string
	etag     string
}

// viewerAssets serves /viewer/pdfjs/<version>/…: the version is in the
// URL, so the files are cached for a year like the fingerprinted assets.
type viewerAssets struct {
	files  map[string]viewerAsset
	poster []byte
}

func loadViewerAssets() *viewerAssets {
	va := &viewerAssets{files: map[string]viewerAsset{}, poster: posterImage()}
	pdfjs.Each(func(p string, body []byte) {
		a := viewerAsset{body: body, ctype: "application/octet-stream"}
		if strings.HasSuffix(p, ".mjs") {
			a.ctype = "text/javascript; charset=utf-8"
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(body) // #nosec G104 -- gzip into a bytes.Buffer cannot fail
			zw.Close()     // #nosec G104 -- gzip into a bytes.Buffer cannot fail
			a.gz = b.Bytes()
		}
		sum := sha256.Sum256(body)
		a.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
		va.files[p] = a
	})
	return va
}

func (va *viewerAssets) serve(c echo.Context) error {
	a, ok := va.files[path.Clean(c.Param("*"))]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", a.etag)
	h.Add("Vary", "Accept-Encoding")
	if c.Request().Header.Get("If-None-Match") == a.etag {
		return c.NoContent(http.StatusNotModified)
	}
	// The files are compressed once at start: step around the page
	// compression middleware, which would compress them again per request.
	if u, ok := c.Response().Writer.(interface{ Unwrap() http.ResponseWriter }); ok {
		c.Response().Writer = u.Unwrap()
	}
	if a.gz != nil && strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		return c.Blob(http.StatusOK, a.ctype, a.gz)
	}
	return c.Blob(http.StatusOK, a.ctype, a.body)
}

// poster is GET /attachments/{id}/poster.png: the still shown before a
// video plays (404 for anything but a video).
func (h *viewerHandler) poster(c echo.Context) error {
	_, kind, err := h.load(c)
	if err != nil {
		return err
	}
	if kind != blob.KindMP4 {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, "image/png", h.assets.poster)
}

// captions is GET /attachments/{id}/captions.vtt: the WebVTT captions
// track of a video. The demo videos are silent, so the track names the
// video and says there is no speech; stored captions would be served here.
func (h *viewerHandler) captions(c echo.Context) error {
	a, kind, err := h.load(c)
	if err != nil {
		return err
	}
	if kind != blob.KindMP4 {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	ctx := c.Request().Context()
	cue := strings.NewReplacer("-->", "→", "\n", " ", "\r", " ").Replace(locales.T(ctx, "present.viewer.captions.silent", a.Name))
	vtt := "WEBVTT\n\n00:00:00.000 --> 00:00:10.000\n" + cue + "\n"
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, "text/vtt; charset=utf-8", []byte(vtt))
}

// posterImage is a 640×360 still: a dark frame with a light play mark.
func posterImage() []byte {
	const w, h = 640, 360
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg, fg := color.RGBA{0x26, 0x2b, 0x33, 0xff}, color.RGBA{0xf3, 0xf2, 0xf1, 0xff}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := bg
			// a triangle pointing right, centred
			dx, dy := x-(w/2-30), y-h/2
			if dx >= 0 && dx < 70 && abs(dy) < 40-dx*40/70 {
				c = fg
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img) // an in-memory RGBA image always encodes
	return b.Bytes()
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
