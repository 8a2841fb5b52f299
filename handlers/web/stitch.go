package web

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// Fragment is HTML that is the same for every visitor (a guide's text), with
// its deflate encoding made once by NewFragment. A page assembled from
// fragments and per-request parts by RenderStitched compresses only the
// per-request parts: compressing a 30 KB guide on every request cost more
// than everything else the request did (issue 3: guide throughput).
type Fragment struct {
	HTML []byte
	// Deflated is HTML as raw deflate blocks ending in a sync flush: byte
	// aligned, not final, and referring to nothing before its start, so it
	// can be placed between other such segments of one deflate stream.
	Deflated []byte
}

// NewFragment compresses html once, at the best level (it is served many
// times).
func NewFragment(html []byte) Fragment {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression) // the level is valid: no error
	w.Write(html)                                      // #nosec G104 -- writes to a bytes.Buffer do not fail
	w.Flush()                                          // #nosec G104 -- as above
	return Fragment{HTML: html, Deflated: bytes.Clone(b.Bytes())}
}

// Component writes the fragment. Under RenderStitched it leaves a marker
// that the renderer replaces by the fragment's precompressed bytes; anywhere
// else it writes the HTML.
func (f Fragment) Component() templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		set, ok := ctx.Value(fragmentsKey{}).(*fragmentSet)
		if !ok || len(set.list) >= 1<<16 {
			_, err := w.Write(f.HTML)
			return err
		}
		var m [len(fragmentMarker) + 2]byte
		copy(m[:], fragmentMarker)
		binary.BigEndian.PutUint16(m[len(fragmentMarker):], uint16(len(set.list))) // #nosec G115 -- len(set.list) < 1<<16, checked above
		set.list = append(set.list, f)
		_, err := w.Write(m[:])
		return err
	})
}

type fragmentsKey struct{}

type fragmentSet struct{ list []Fragment }

// fragmentMarker starts a fragment's placeholder (followed by its index as
// two bytes). NUL never comes out of templ's escaping of text or attributes.
const fragmentMarker = "\x00\x1dportal-fragment:"

// selfCompressed holds the route paths whose handlers answer with
// RenderStitched, which the gzip middleware must leave alone.
var selfCompressed sync.Map

// CompressesItself marks a route path (as registered, e.g. "/matters/:code")
// as answering with RenderStitched.
func CompressesItself(routePath string) { selfCompressed.Store(routePath, true) }

// IsSelfCompressed reports whether the matched route compresses its own
// answers (the gzip middleware's skipper).
func IsSelfCompressed(c echo.Context) bool {
	_, ok := selfCompressed.Load(c.Path())
	return ok
}

// RenderStitched renders comp like Render. When the client accepts gzip, the
// answer is one gzip member whose deflate stream is the fragments'
// precompressed segments between the per-request parts, which are cut at
// the CSRF token (sent as stored bytes) into chunks compressed once and kept
// by content (a page many visitors see — the home page, a hot query — is
// then not compressed again), with one CRC over the whole page. The route
// must be marked with CompressesItself so the gzip middleware leaves it.
func RenderStitched(c echo.Context, status int, comp templ.Component) error {
	set := &fragmentSet{}
	ctx := context.WithValue(c.Request().Context(), fragmentsKey{}, set)
	var page bytes.Buffer
	if err := comp.Render(ctx, &page); err != nil {
		return err
	}
	h := c.Response().Header()
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	if !strings.Contains(c.Request().Header.Get(echo.HeaderAcceptEncoding), "gzip") {
		var out bytes.Buffer
		out.Grow(page.Len() + fragmentsLen(set))
		eachSegment(page.Bytes(), set, func(dynamic []byte, f *Fragment) {
			if f != nil {
				out.Write(f.HTML)
			} else {
				out.Write(dynamic)
			}
		})
		return c.Blob(status, echo.MIMETextHTMLCharsetUTF8, out.Bytes())
	}
	out := stitchGzip(page.Bytes(), set, []string{CSRFToken(c)})
	h.Set(echo.HeaderContentEncoding, "gzip")
	return c.Blob(status, echo.MIMETextHTMLCharsetUTF8, out)
}

func fragmentsLen(set *fragmentSet) int {
	n := 0
	for _, f := range set.list {
		n += len(f.HTML)
	}
	return n
}

// eachSegment calls fn with the page's per-request parts (f nil) and its
// fragments, in order.
func eachSegment(page []byte, set *fragmentSet, fn func(dynamic []byte, f *Fragment)) {
	for {
		i := bytes.Index(page, []byte(fragmentMarker))
		if i < 0 || i+len(fragmentMarker)+2 > len(page) {
			if len(page) > 0 {
				fn(page, nil)
			}
			return
		}
		if i > 0 {
			fn(page[:i], nil)
		}
		n := int(binary.BigEndian.Uint16(page[i+len(fragmentMarker):]))
		page = page[i+len(fragmentMarker)+2:]
		if n < len(set.list) {
			fn(nil, &set.list[n])
		}
	}
}

// gzipHeader is a gzip member header: deflate, no name, no time, unknown OS.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// finalBlock is an empty, final stored deflate block: it ends the stream
// after the last sync-flushed segment.
var finalBlock = []byte{0x01, 0x00, 0x00, 0xff, 0xff}

// speedWriters are deflate writers for the per-request segments (the
// gzip middleware's level, 1).
var speedWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed) // the level is valid: no error
	return w
}}

func stitchGzip(page []byte, set *fragmentSet, volatile []string) []byte {
	var z gzipStitcher
	z.out.Grow(len(page)/3 + 64)
	for _, f := range set.list {
		z.out.Grow(len(f.Deflated))
	}
	z.out.Write(gzipHeader)
	eachSegment(page, set, func(dynamic []byte, f *Fragment) {
		if f != nil {
			z.out.Write(f.Deflated)
			z.sum(f.HTML)
			return
		}
		// The per-request parts are mostly the same for every visitor of
		// the page (header, footer, actions) but for a few volatile strings
		// (the CSRF token): those go out as stored bytes, the rest through
		// the memo of compressed chunks. Keeping the token out of every
		// compression context also denies BREACH-style guessing of it.
		for len(dynamic) > 0 {
			i, n := nextVolatile(dynamic, volatile)
			z.chunk(dynamic[:i])
			z.stored(dynamic[i : i+n])
			dynamic = dynamic[i+n:]
		}
	})
	z.out.Write(finalBlock)
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], z.crc)
	binary.LittleEndian.PutUint32(trailer[4:], z.size)
	z.out.Write(trailer[:])
	return z.out.Bytes()
}

// nextVolatile returns where the first volatile string in b starts and its
// length (len(b), 0 when there is none).
func nextVolatile(b []byte, volatile []string) (int, int) {
	at, n := len(b), 0
	for _, v := range volatile {
		if v == "" {
			continue
		}
		if i := bytes.Index(b[:at], []byte(v)); i >= 0 {
			at, n = i, len(v)
		}
	}
	return at, n
}

type gzipStitcher struct {
	out  bytes.Buffer
	crc  uint32
	size uint32
}

func (z *gzipStitcher) sum(b []byte) {
	z.crc = crc32.Update(z.crc, crc32.IEEETable, b)
	z.size += uint32(len(b)) // #nosec G115 -- gzip ISIZE is the length modulo 2^32 (RFC 1952 2.3.1): wrapping is the format
}

// stored writes b as stored (uncompressed) deflate blocks.
func (z *gzipStitcher) stored(b []byte) {
	z.sum(b)
	for len(b) > 0 {
		n := min(len(b), 0xffff)
		z.out.Write([]byte{0x00, byte(n), byte(n >> 8), ^byte(n), ^byte(n >> 8)}) // #nosec G115 G104 -- n <= 0xffff: LEN and NLEN as two little-endian bytes (RFC 1951 3.2.4); writes to a bytes.Buffer do not fail
		z.out.Write(b[:n])
		b = b[n:]
	}
}

// minChunk is the size below which a per-request chunk is not worth a
// compressed block (its Huffman tables cost more than they save).
const minChunk = 128

// chunk writes b compressed, from the memo when the same bytes were
// compressed before.
func (z *gzipStitcher) chunk(b []byte) {
	if len(b) < minChunk {
		z.stored(b)
		return
	}
	key := uint64(crc32.ChecksumIEEE(b))<<32 | uint64(len(b))
	if d, ok := chunks.get(key, b); ok {
		z.out.Write(d)
		z.sum(b)
		return
	}
	fw := speedWriters.Get().(*flate.Writer)
	defer speedWriters.Put(fw)
	start := z.out.Len()
	fw.Reset(&z.out)
	fw.Write(b) // #nosec G104 -- writes to a bytes.Buffer do not fail
	fw.Flush()  // #nosec G104 -- as above
	z.sum(b)
	chunks.put(key, b, z.out.Bytes()[start:])
}

// chunkMemo keeps the deflate encoding of recently sent per-request chunks
// by content; it is emptied when it reaches its bounds.
type chunkMemo struct {
	mu    sync.RWMutex
	m     map[uint64]memoChunk
	bytes int
}

type memoChunk struct{ html, deflated []byte }

const (
	maxMemoChunks = 1024
	maxMemoBytes  = 8 << 20
)

var chunks chunkMemo

func (c *chunkMemo) get(key uint64, b []byte) ([]byte, bool) {
	c.mu.RLock()
	e, ok := c.m[key]
	c.mu.RUnlock()
	if !ok || !bytes.Equal(e.html, b) {
		return nil, false
	}
	return e.deflated, true
}

func (c *chunkMemo) put(key uint64, html, deflated []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxMemoChunks || c.bytes >= maxMemoBytes {
		c.m, c.bytes = map[uint64]memoChunk{}, 0
	}
	c.m[key] = memoChunk{html: bytes.Clone(html), deflated: bytes.Clone(deflated)}
	c.bytes += len(html) + len(deflated)
}
