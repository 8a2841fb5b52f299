package handlers_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
)

// casePDF is a minimal complete PDF; casePDF[:20] is a truncated one.
var casePDF = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

func caseJPEG() []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 8, 8)), nil) //nolint:errcheck
	return b.Bytes()
}

// postFile submits a multipart form with one file, with the CSRF token.
func postFile(t testing.TB, env *handlertest.Env, c *handlertest.Client, path string, fields map[string]string, field, name string, data []byte) *handlertest.Response {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("_csrf", c.CSRF()) //nolint:errcheck
	for k, v := range fields {
		w.WriteField(k, v) //nolint:errcheck
	}
	if field != "" {
		fw, _ := w.CreateFormFile(field, name)
		fw.Write(data) //nolint:errcheck
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

var draftPath = regexp.MustCompile(`^/cases/drafts/(\d+)/([a-z]+)$`)

// startDraft opens the apply page and starts the draft; it returns the
// draft's base path (/cases/drafts/{id}).
func startDraft(t testing.TB, c *handlertest.Client, code string) string {
	t.Helper()
	want(t, c.Get("/matters/"+code+"/apply"), http.StatusOK, "apply page")
	r := c.Post("/cases/apply", url.Values{"code": {code}})
	m := draftPath.FindStringSubmatch(r.Header.Get("Location"))
	if r.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("start: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	return "/cases/drafts/" + m[1]
}

// version reads the hidden version field of a step page.
func version(t testing.TB, c *handlertest.Client, path string) string {
	t.Helper()
	r := c.Get(path)
	want(t, r, http.StatusOK, path)
	v := r.Doc(t).Find(`main input[name="version"]`).First().AttrOr("value", "")
	if v == "" {
		t.Fatalf("%s has no version field", path)
	}
	return v
}

func mainText(t testing.TB, r *handlertest.Response) string {
	t.Helper()
	return strings.Join(strings.Fields(r.Doc(t).Find("main").Text()), " ")
}
