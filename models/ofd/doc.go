// Package ofd reads OFD documents (GB/T 33190-2016, 版式文档) and renders
// their pages as SVG, so the portal shows an OFD licence or invoice inside
// the page without a plug-in (C 0103 6.1 c).
//
// An OFD file is a zip archive of XML: OFD.xml names the document root,
// Document.xml lists pages, templates and resources, and each page's
// Content.xml holds layers of text, path and image objects positioned in
// millimetres. The renderer covers what common licences and invoices use:
// text (with per-glyph DeltaX/DeltaY), paths (AbbreviatedData), images
// (PNG, JPEG, GIF, BMP from the resource files), CTM transforms, colours
// with alpha, template pages (background and foreground), page blocks and
// composite objects are drawn as their children. Signatures and
// annotations are not drawn.
//
// It imports nothing from the portal. Render is safe on untrusted input:
// archive size, entry size, object count and nesting are bounded, every
// string reaching the SVG is escaped, and a broken file yields a
// *CorruptError, never a panic or a partial page.
package ofd
