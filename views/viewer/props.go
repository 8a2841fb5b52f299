// Package viewer renders the attachment viewer (C 0103 6.1 c): every
// attachment shows its name, format and size and a download, and is read
// inside the page — PDF with pdf.js (only this page loads it), OFD as SVG
// drawn on the server, images with a text alternative and zoom, MP4 with
// controls, a poster and WebVTT captions. A file that cannot be read says
// so and still offers the download.
package viewer

import "github.com/zwfw/portal/views/components"

// Kind selects the reader.
type Kind string

// Readers.
const (
	KindPDF   Kind = "pdf"
	KindOFD   Kind = "ofd"
	KindImage Kind = "image"
	KindVideo Kind = "video"
	KindOther Kind = "other"
)

// Props is one attachment's viewer page.
// A11y: one h1 (the file name); the facts as a summary list; the reader
// sits in a region labelled by its h2; a file that cannot be read gets an
// error message in text, with the download link beside it (never a blank
// page); PDF pages are canvases named "第 n 页" followed by their text in a
// <details>; OFD pages are SVG images named by page with their text
// transcribed below; images carry the file's description as alt text and
// zoom through links (no JS needed); the video has native controls and a
// captions track; the download link says the format and size.
type Props struct {
	Title    string
	Crumbs   []components.Crumb
	Facts    []components.SummaryRow
	Download string // /attachments/{id}
	DownText string // "下载（PDF，12.3 KB）"
	Kind     Kind
	Problem  string // why the file cannot be shown; "" = fine
	PDF      PDF
	OFD      []OFDPage
	Image    Image
	Video    Video
}

// PDF is what viewer.mjs needs.
type PDF struct {
	Src  string // the file, served inline
	Base string // /viewer/pdfjs/<version>/
}

// OFDPage is one page drawn on the server.
type OFDPage struct {
	Label string   // "第 1 页，共 2 页"
	SVG   string   // from models/ofd: escaped, no scripts
	Text  []string // the page's lines in reading order
	Wide  bool     // landscape page
}

// Image is a picture with its text alternative and zoom steps.
type Image struct {
	Src           string
	Alt           string
	Width, Height int
	Zoom          int    // 1, 2 or 3
	ZoomIn        string // "" at the largest
	ZoomOut       string // "" at the smallest
}

// Video is an MP4 with poster and captions.
type Video struct {
	Src, Poster, Captions string
	CaptionsLang          string
	CaptionsLabel         string
	Width, Height         int
}
