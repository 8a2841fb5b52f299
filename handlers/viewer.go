package handlers

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // DecodeConfig of attachment pictures
	_ "image/png"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/blob"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/ofd"
	"github.com/zwfw/portal/views/components"
	"github.com/zwfw/portal/views/viewer"
	"github.com/zwfw/portal/views/viewer/pdfjs"
)

// viewerHandler is the attachment viewer (C 0103 6.1 c): GET
// /attachments/{id}/view reads a blank form or sample inside the page, with
// its poster and captions for videos and the pdf.js files for PDFs.
type viewerHandler struct {
	site   *web.Site
	repo   guideRepo
	assets *viewerAssets
}

func registerViewer(app *App, d Deps) {
	h := &viewerHandler{site: app.Site, repo: catalog.NewRepo(d.Store), assets: loadViewerAssets()}
	e := app.Echo
	e.GET("/attachments/:id/view", h.view)
	e.GET("/attachments/:id/poster.png", h.poster)
	e.GET("/attachments/:id/captions.vtt", h.captions)
	e.GET("/viewer/pdfjs/"+pdfjs.Version+"/*", h.assets.serve)
}

// load finds the attachment named by the :id parameter (404 otherwise).
func (h *viewerHandler) load(c echo.Context) (catalog.Attachment, blob.Kind, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return catalog.Attachment{}, "", echo.NewHTTPError(http.StatusNotFound)
	}
	a, err := h.repo.GetAttachment(c.Request().Context(), id)
	if err != nil {
		return a, "", err
	}
	return a, blob.Sniff(a.Data[:min(len(a.Data), 4096)]), nil
}

func (h *viewerHandler) view(c echo.Context) error {
	a, kind, err := h.load(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	href := attachmentHref(a.ID)
	p := viewer.Props{Title: a.Name, Download: href,
		DownText: locales.T(ctx, "present.viewer.download", attachmentMeta(ctx, a)),
		Crumbs:   []components.Crumb{{Text: locales.T(ctx, "nav.home"), Href: "/"}, {Text: a.Name}},
		Facts: []components.SummaryRow{
			{Key: locales.T(ctx, "present.viewer.name"), Value: a.Name},
			{Key: locales.T(ctx, "present.viewer.format"), Value: fileFormat(a)},
			{Key: locales.T(ctx, "present.viewer.size"), Value: humanSize(a.Size)},
		}}
	inline := href + "?inline=1"
	switch kind {
	case blob.KindPDF:
		p.Kind, p.PDF = viewer.KindPDF, viewer.PDF{Src: inline, Base: "/viewer/pdfjs/" + pdfjs.Version + "/"}
		switch {
		case blob.Check(kind, a.Data) != nil:
			p.Problem = locales.T(ctx, "present.viewer.corrupt", "PDF")
		case !pdfjs.Available():
			// Built without `npm ci`: no reader to load, the download stays.
			p.Kind = viewer.KindOther
		}
	case blob.KindOFD:
		p.Kind = viewer.KindOFD
		p.OFD, p.Problem = ofdPages(ctx, a.Data)
	case blob.KindPNG, blob.KindJPEG:
		p.Kind = viewer.KindImage
		p.Image, p.Problem = imageProps(c, a, inline)
	case blob.KindMP4:
		p.Kind = viewer.KindVideo
		p.Video = viewer.Video{Src: inline, Poster: href + "/poster.png", Captions: href + "/captions.vtt",
			CaptionsLang: locales.Lang(ctx), CaptionsLabel: locales.T(ctx, "present.viewer.captions"), Width: 640, Height: 360}
	default:
		p.Kind = viewer.KindOther
		// The name promises a format the content is not: a broken file.
		switch f := fileFormat(a); f {
		case "PDF", "OFD", "PNG", "JPG", "JPEG", "MP4":
			p.Problem = locales.T(ctx, "present.viewer.corrupt", f)
		}
	}
	ch := h.site.Chrome(c)
	ch.Description = locales.T(ctx, "present.viewer.description", a.Name)
	return web.Render(c, http.StatusOK, viewer.Page(ch, p))
}

// ofdPages draws an OFD on the server; a broken file gives the message.
func ofdPages(ctx context.Context, data []byte) ([]viewer.OFDPage, string) {
	doc, err := ofd.Render(data)
	if err != nil {
		return nil, locales.T(ctx, "present.viewer.corrupt", "OFD")
	}
	out := make([]viewer.OFDPage, 0, len(doc.Pages))
	for i, pg := range doc.Pages {
		label := locales.T(ctx, "present.viewer.page", i+1, len(doc.Pages))
		// The SVG names itself by page number; give it the full label.
		svg := strings.Replace(pg.SVG, `aria-label="`+strconv.Itoa(i+1)+`"`, `aria-label="`+label+`"`, 1)
		out = append(out, viewer.OFDPage{Label: label, SVG: svg, Text: pg.Text, Wide: pg.Width > pg.Height})
	}
	return out, ""
}

// imageProps reads the picture's size (for a stable layout) and the zoom
// step from ?zoom=1..3; the alt text is the attachment's name without its
// extension, which says what the sample shows.
func imageProps(c echo.Context, a catalog.Attachment, src string) (viewer.Image, string) {
	ctx := c.Request().Context()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(a.Data))
	if err != nil || blob.Check(blob.Sniff(a.Data[:min(len(a.Data), 4096)]), a.Data) != nil {
		return viewer.Image{}, locales.T(ctx, "present.viewer.corrupt", fileFormat(a))
	}
	zoom, _ := strconv.Atoi(c.QueryParam("zoom"))
	zoom = max(1, min(zoom, 3))
	step := func(z int) string {
		return c.Request().URL.Path + "?" + url.Values{"zoom": {strconv.Itoa(z)}}.Encode()
	}
	img := viewer.Image{Src: src, Alt: locales.T(ctx, "present.viewer.image.alt", strings.TrimSuffix(a.Name, "."+strings.ToLower(fileFormat(a)))),
		Width: cfg.Width, Height: cfg.Height, Zoom: zoom}
	if zoom < 3 {
		img.ZoomIn = step(zoom + 1)
	}
	if zoom > 1 {
		img.ZoomOut = step(zoom - 1)
	}
	return img, ""
}
