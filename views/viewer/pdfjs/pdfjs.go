// Package pdfjs embeds the PDF reader of the attachment viewer (C 0103
// 6.1 c: attachments are read in the page, without a plug-in): Mozilla's
// pdf.js legacy build (pdfjs-dist, pinned in package.json and
// package-lock.json; the legacy build also runs in the older Chromium of
// WeChat and Alipay web-views), its Chinese (GB) character maps, and our
// viewer.mjs that drives it. handlers/viewer_assets.go serves them under
// /viewer/pdfjs/<Version>/, and only the PDF viewer page references them,
// so no other page downloads any of it.
//
// Third-party code is never committed: `make generate` copies pdf.js from
// node_modules into dist/ (git-ignored) before every build. A build made
// without `npm ci` has no pdf.js; Available then reports false and the
// viewer offers the download only.
package pdfjs

import (
	"embed"
	"io/fs"
	"strings"
)

// Version is the pinned pdfjs-dist version; it is part of the URL, so a new
// version is a new URL and the files can be cached for a year.
const Version = "6.5.438"

//go:embed viewer.mjs all:dist
var embedded embed.FS

// Available reports whether this build carries pdf.js.
func Available() bool {
	_, err := fs.Stat(embedded, "dist/pdf.min.mjs")
	return err == nil
}

// Each calls fn for every file the viewer serves, named as viewer.mjs
// requests it (viewer.mjs, pdf.min.mjs, pdf.worker.min.mjs, LICENSE,
// cmaps/*.bcmap).
func Each(fn func(name string, body []byte)) {
	_ = fs.WalkDir(embedded, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "dist/README.md" {
			return err
		}
		body, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		fn(strings.TrimPrefix(p, "dist/"), body)
		return nil
	}) // an embedded tree is fixed at build time and always walks
}
