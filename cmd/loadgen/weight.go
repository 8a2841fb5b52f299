package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// resource is one file of the home page as it crosses the network.
type resource struct {
	kind  string // html, css, js
	url   string
	bytes int // gzip-compressed size
	gzip  bool
}

// weight is the home page's transfer size: the HTML and the stylesheets and
// scripts it links (images are left out: they load lazily or are tiny SVGs).
type weight []resource

func (w weight) total() int {
	n := 0
	for _, r := range w {
		n += r.bytes
	}
	return n
}

func (w weight) print(out io.Writer) {
	fmt.Fprintf(out, "home page weight (gzip): %d bytes (%.1f KiB)\n", w.total(), float64(w.total())/1024)
	for _, r := range w {
		note := ""
		if !r.gzip {
			note = " (served uncompressed; counted as gzip -6 would make it)"
		}
		fmt.Fprintf(out, "  %-4s %7d  %s%s\n", r.kind, r.bytes, r.url, note)
	}
}

// pageWeight fetches page with Accept-Encoding: gzip, then every stylesheet
// and script it links on the same origin, and sums their compressed sizes.
func pageWeight(ctx context.Context, client *http.Client, page string) (weight, error) {
	body, first, err := fetchGzip(ctx, client, page)
	if err != nil {
		return nil, err
	}
	first.kind = "html"
	w := weight{first}
	base, _ := url.Parse(page)
	for _, ref := range assetRefs(body) {
		u, err := base.Parse(ref.href)
		if err != nil {
			return nil, fmt.Errorf("bad asset URL %q: %w", ref.href, err)
		}
		if u.Host != base.Host {
			return nil, fmt.Errorf("the home page links %s from another origin", u)
		}
		_, r, err := fetchGzip(ctx, client, u.String())
		if err != nil {
			return nil, err
		}
		r.kind = ref.kind
		w = append(w, r)
	}
	return w, nil
}

// fetchGzip returns the decoded body and the compressed size of url.
func fetchGzip(ctx context.Context, client *http.Client, u string) ([]byte, resource, error) {
	r := resource{url: u}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, r, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := client.Do(req)
	if err != nil {
		return nil, r, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, r, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, r, fmt.Errorf("GET %s: %s", u, res.Status)
	}
	r.bytes = len(raw)
	if strings.EqualFold(res.Header.Get("Content-Encoding"), "gzip") {
		r.gzip = true
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, r, fmt.Errorf("GET %s: bad gzip: %w", u, err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			return nil, r, fmt.Errorf("GET %s: bad gzip: %w", u, err)
		}
		return plain, r, nil
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(raw) // #nosec G104 -- gzip into a bytes.Buffer cannot fail
	zw.Close()    // #nosec G104 -- gzip into a bytes.Buffer cannot fail
	r.bytes = b.Len()
	return raw, r, nil
}

type assetRef struct{ kind, href string }

// assetRefs lists <link rel=stylesheet href> and <script src> in document order.
func assetRefs(doc []byte) []assetRef {
	var refs []assetRef
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return refs
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attr := map[string]string{}
		for _, a := range tok.Attr {
			attr[strings.ToLower(a.Key)] = a.Val
		}
		switch {
		case tok.Data == "link" && hasToken(attr["rel"], "stylesheet") && attr["href"] != "":
			refs = append(refs, assetRef{"css", attr["href"]})
		case tok.Data == "script" && attr["src"] != "":
			refs = append(refs, assetRef{"js", attr["src"]})
		}
	}
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}
