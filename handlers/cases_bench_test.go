package handlers_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/usercenter"
)

// Issue 7 asks for submitting with three 2 MB files at p95 < 500 ms on
// PostgreSQL. Each iteration walks a fresh draft through the question pages
// (not timed), then times the three 2 MB uploads (through the router:
// multipart parsing, content sniffing, corruption check, blob store) and
// the submission itself:
//
//	TEST_DATABASE_URL=postgres://… go test ./handlers -run '^$' -bench CaseSubmit -benchtime 30x
//
// upload3-p95-ms is the three uploads, submit-p95-ms the submit POST, and
// total-p95-ms both together, wall clock.
func BenchmarkCaseSubmitThree2MBFiles(b *testing.B) {
	env := handlertest.NewWithDemo(b)
	c := signIn(b, env, usercenter.DemoPhone, usercenter.DemoPassword)
	var mats []string
	env.Store.DB.Raw(`SELECT m.id FROM item_materials m JOIN matter_items i ON i.id = m.item_id
		WHERE i.code = ? AND m.name <> '居民身份证相片' ORDER BY m.position`, renewCode).Scan(&mats)
	if len(mats) != 3 {
		b.Fatalf("want three PDF materials, got %v", mats)
	}
	var up, sub, tot []time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		base := startDraft(b, c, renewCode)
		for _, s := range []struct {
			step string
			form url.Values
		}{{"applicant", url.Values{}}, {"details", url.Values{"renew_reason": {"expired"}}},
			{"delivery", url.Values{"method": {"window"}, "phone": {usercenter.DemoPhone}}}} {
			s.form.Set("version", version(b, c, base+"/"+s.step))
			if r := c.Post(base+"/"+s.step, s.form); r.StatusCode != http.StatusSeeOther {
				b.Fatalf("%s: %d", s.step, r.StatusCode)
			}
		}
		files := make([][]byte, 3)
		for i := range files {
			n++
			files[i] = pdfOfSize(2<<20, n)
		}
		b.StartTimer()
		t0 := time.Now()
		for i, m := range mats {
			if r := postFile(b, env, c, base+"/materials/upload", map[string]string{"material_id": m}, "file", "m.pdf", files[i]); r.StatusCode != http.StatusSeeOther {
				b.Fatalf("upload: %d %s", r.StatusCode, snippet(r.Body))
			}
		}
		t1 := time.Now()
		b.StopTimer()
		v := version(b, c, base+"/materials")
		if r := c.Post(base+"/materials", url.Values{"version": {v}}); r.StatusCode != http.StatusSeeOther {
			b.Fatalf("materials: %d", r.StatusCode)
		}
		token := c.Get(base+"/check").Doc(b).Find(`input[name="token"]`).AttrOr("value", "")
		b.StartTimer()
		t2 := time.Now()
		if r := c.Post(base+"/submit", url.Values{"token": {token}}); r.StatusCode != http.StatusSeeOther {
			b.Fatalf("submit: %d", r.StatusCode)
		}
		t3 := time.Now()
		up, sub, tot = append(up, t1.Sub(t0)), append(sub, t3.Sub(t2)), append(tot, t1.Sub(t0)+t3.Sub(t2))
	}
	b.ReportMetric(p95(up), "upload3-p95-ms")
	b.ReportMetric(p95(sub), "submit-p95-ms")
	b.ReportMetric(p95(tot), "total-p95-ms")
}

// pdfOfSize is a valid PDF of about size bytes, unique per n (the blob
// store is content-addressed, so every iteration writes new files).
func pdfOfSize(size, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-1.4\n%% iteration %d\n", n)
	pad := bytes.Repeat([]byte("0123456789abcdef"), (size-64)/16)
	b.Write(pad)
	b.WriteString("\n%%EOF\n")
	return b.Bytes()
}

func p95(d []time.Duration) float64 {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return float64(s[int(0.95*float64(len(s)-1))].Microseconds()) / 1000
}
