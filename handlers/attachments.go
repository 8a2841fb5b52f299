package handlers

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/models/blob"
)

// attachment serves the stored bytes of a blank form or sample with the
// Content-Type recorded (sniffed) when it was stored, as a download named
// like the file (RFC 6266 / RFC 5987 for Chinese names). With ?inline=1 a
// PDF, picture or video is served for display in the viewer page
// (handlers/viewer.go) instead; Range requests are answered, so a video
// can seek.
func (h *mattersHandler) attachment(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	a, err := h.repo.GetAttachment(c.Request().Context(), id)
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	disp := contentDisposition(a.Name)
	if c.QueryParam("inline") == "1" && inlineKind(a.Data) {
		disp = "inline" + strings.TrimPrefix(disp, "attachment")
	}
	hd.Set("Content-Disposition", disp)
	hd.Set("X-Content-Type-Options", "nosniff")
	// The bytes behind an id never change (a new file is a new row).
	hd.Set("Cache-Control", "public, max-age=86400")
	ct := a.MIME
	if ct == "" {
		ct = "application/octet-stream"
	}
	hd.Set(echo.HeaderContentType, ct)
	http.ServeContent(c.Response(), c.Request(), "", time.Time{}, bytes.NewReader(a.Data))
	return nil
}

// inlineKind reports whether a file may be shown in the page: PDF, PNG,
// JPEG or MP4 by content (never HTML, SVG or anything a browser would run).
func inlineKind(data []byte) bool {
	switch blob.Sniff(data[:min(len(data), 4096)]) {
	case blob.KindPDF, blob.KindPNG, blob.KindJPEG, blob.KindMP4:
		return true
	}
	return false
}

// contentDisposition names the download (RFC 6266): an ASCII fallback in
// filename for old clients and, for Chinese names, the UTF-8 name in
// filename* with RFC 5987 percent-encoding.
func contentDisposition(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '/' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	if name == "" {
		name = "attachment"
	}
	ascii := true
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
			return v
		}
	}
	fallback := "attachment" + path.Ext(name)
	if !isToken(fallback) {
		fallback = "attachment"
	}
	return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + rfc5987(name)
}

// rfc5987 percent-encodes every byte outside attr-char (RFC 5987 §3.2.1).
func rfc5987(s string) string {
	const attr = "!#$&+-.^_`|~"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attr, c) >= 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// isToken reports whether s can be quoted as an ASCII file name as is.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
