package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
)

// A page stitched from precompressed fragments and per-request parts must
// decode, with a strict gzip reader (CRC and length checked), to exactly the
// page a client without gzip gets.
func TestRenderStitchedDecodesToThePlainPage(t *testing.T) {
	head := web.NewFragment([]byte("<h1>居民身份证换领</h1>" + strings.Repeat("<p>申请材料：居民户口簿</p>", 200)))
	main := web.NewFragment([]byte(strings.Repeat("<li>常见问题 &amp; 答复</li>", 300)))
	empty := web.NewFragment(nil)
	page := templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		io.WriteString(w, "<!doctype html><html lang=\"zh-CN\"><body>")
		head.Component().Render(ctx, w)
		io.WriteString(w, "<form><input name=\"_csrf\" value=\"per-request-token\"></form>"+strings.Repeat("<nav>页脚</nav>", 20))
		main.Component().Render(ctx, w)
		empty.Component().Render(ctx, w)
		main.Component().Render(ctx, w) // the same fragment twice
		_, err := io.WriteString(w, "</body></html>")
		return err
	})
	e := echo.New()
	get := func(acceptGzip bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/matters/x", nil)
		if acceptGzip {
			req.Header.Set("Accept-Encoding", "gzip, deflate, br")
		}
		rec := httptest.NewRecorder()
		c := e.NewContext(req, rec)
		c.Set("csrf", "per-request-token")
		if err := web.RenderStitched(c, http.StatusOK, page); err != nil {
			t.Fatal(err)
		}
		return rec
	}
	plain, zipped := get(false), get(true)
	again := get(true) // the per-request chunks now come from the memo
	if !bytes.Equal(again.Body.Bytes(), zipped.Body.Bytes()) {
		t.Error("the same page encoded twice differs")
	}
	// The CSRF token is sent as stored bytes, outside every compression
	// context (no BREACH-style guessing through compressed lengths).
	if !bytes.Contains(zipped.Body.Bytes(), []byte("per-request-token")) {
		t.Error("the CSRF token went through the compressor")
	}
	if plain.Header().Get("Content-Encoding") != "" || zipped.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding: plain %q, gzip %q", plain.Header().Get("Content-Encoding"), zipped.Header().Get("Content-Encoding"))
	}
	if !strings.Contains(zipped.Header().Get("Vary"), "Accept-Encoding") {
		t.Error("a stitched answer must vary by Accept-Encoding")
	}
	want := "<!doctype html><html lang=\"zh-CN\"><body>" + string(head.HTML) +
		"<form><input name=\"_csrf\" value=\"per-request-token\"></form>" + strings.Repeat("<nav>页脚</nav>", 20) + string(main.HTML) + string(main.HTML) + "</body></html>"
	if plain.Body.String() != want {
		t.Fatalf("plain page differs from the rendered parts (%d bytes, want %d)", plain.Body.Len(), len(want))
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	zr.Multistream(false) // one member, as browsers expect
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gzip answer does not decode: %v", err)
	}
	if string(got) != want {
		t.Fatalf("decoded gzip answer differs from the plain page (%d bytes, want %d)", len(got), len(want))
	}
	if zipped.Body.Len() > len(want)/4 {
		t.Errorf("gzip answer is %d bytes for a %d-byte page: not compressed", zipped.Body.Len(), len(want))
	}
	// Outside RenderStitched a fragment is plain HTML.
	var b bytes.Buffer
	if err := main.Component().Render(context.Background(), &b); err != nil || b.String() != string(main.HTML) {
		t.Fatalf("fragment outside a stitched page = %q, %v", b.String()[:min(b.Len(), 40)], err)
	}
}
