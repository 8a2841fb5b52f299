package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/audit"
)

// TestResult is what the test console shows (figure 3): the request as
// sent, the reply pretty-printed with personal fields masked, status,
// latency and the sensitive words found (8.3.4.3 a, b).
type TestResult struct {
	URL       string
	Params    string // the query string or JSON body sent
	Method    string
	Status    int
	Latency   time.Duration
	Pretty    string // indented JSON, masked; or the gateway's envelope
	Failure   *Failure
	Sensitive []string // words found in the parameters or the reply
}

// TestCall sends params to an interface's source through the gateway's
// forward path (breaker, timeout, size and JSON checks, masking) on behalf
// of a console user; it works for a version under review too (spec). The
// call is logged with consumer 0 and actor "console:<name>".
func (s *Service) TestCall(ctx context.Context, it Interface, by audit.Actor, params url.Values) TestResult {
	start := time.Now()
	r := request{requestID: "console"}
	res := TestResult{Method: it.Method}
	if it.Method == http.MethodGet {
		r.query = params
		res.Params = params.Encode()
	} else {
		obj := map[string]any{}
		for k, v := range params {
			if len(v) > 0 && v[0] != "" {
				obj[k] = typed(it, k, v[0])
			}
		}
		r.body, _ = json.Marshal(obj)
		res.Params = string(r.body)
	}
	it.MaskFields = withConsoleMasks(it.MaskFields)
	up := s.forward(ctx, it, r, true)
	res.URL, res.Status, res.Latency, res.Failure = up.url, up.status, time.Since(start), up.failure
	shown := up.body
	if up.failure != nil {
		shown = up.failure.JSON(s.now())
		if len(up.raw) > 0 && (up.failure == ErrUpstreamEnvelope || up.failure == ErrUpstreamStatus) {
			// A reply the gateway refuses is still worth seeing, masked.
			shown = maskedOrRaw(it, up.raw)
		}
		if res.Status == 0 {
			res.Status = up.failure.Status
		}
	}
	res.Pretty = pretty(shown)
	words, _ := s.SensitiveWords(ctx)
	res.Sensitive = findWords(words, res.Params+"\n"+string(up.raw))
	if len(res.Sensitive) > 0 {
		_ = s.St.DB.WithContext(ctx).Create(&Alert{InterfaceID: it.ID, Kind: "sensitive",
			Detail: by.Name + ": " + strings.Join(res.Sensitive, "、"), CreatedAt: s.now()}).Error
	}
	result := up.result
	s.logCall(it, Call{Method: it.Method, RawQuery: r.query.Encode(), Body: r.body, RemoteIP: nil},
		apps.App{}, nil, Result{Status: res.Status, Body: shown, Failure: up.failure, Upstream: up.took}, result, start)
	return res
}

func typed(it Interface, name, v string) any {
	for _, p := range it.Requests() {
		if p.Name == name && p.Type != "string" {
			var x any
			if json.Unmarshal([]byte(v), &x) == nil {
				return x
			}
		}
	}
	return v
}

func maskedOrRaw(it Interface, raw []byte) []byte {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&doc) != nil {
		return raw
	}
	maskJSON(doc, it.Masks())
	b, _ := json.Marshal(doc)
	return b
}

func pretty(b []byte) string {
	var out bytes.Buffer
	if json.Indent(&out, b, "", "  ") != nil {
		return string(b)
	}
	return out.String()
}

// SensitiveWords are the banned words of the search vocabulary (kept by
// the console's vocabulary section): one list for the whole portal.
func (s *Service) SensitiveWords(ctx context.Context) ([]string, error) {
	var words []string
	err := s.St.DB.WithContext(ctx).Raw("SELECT word FROM banned_words ORDER BY word").Scan(&words).Error
	return words, err
}

// findWords returns the words contained in text, sorted, once each.
func findWords(words []string, text string) []string {
	var out []string
	for _, w := range words {
		if w != "" && strings.Contains(text, w) {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// Highlight splits text into runs, marking the runs that are one of words
// (the console wraps them in <mark>).
func Highlight(text string, words []string) []Run {
	if len(words) == 0 {
		return []Run{{Text: text}}
	}
	var out []Run
	for len(text) > 0 {
		at, w := -1, ""
		for _, x := range words {
			if i := strings.Index(text, x); i >= 0 && (at < 0 || i < at || (i == at && len(x) > len(w))) {
				at, w = i, x
			}
		}
		if at < 0 {
			out = append(out, Run{Text: text})
			break
		}
		if at > 0 {
			out = append(out, Run{Text: text[:at]})
		}
		out = append(out, Run{Text: w, Mark: true})
		text = text[at+len(w):]
	}
	return out
}

// Run is a piece of highlighted text.
type Run struct {
	Text string
	Mark bool
}

// consoleMasks mask the usual personal fields on the console's screen even
// when the interface masks nothing outbound (8.3.4.5; reference.md §6).
var consoleMasks = []MaskRule{{"name", "name"}, {"xm", "name"}, {"id_number", "id_number"}, {"sfzh", "id_number"},
	{"idcard", "id_number"}, {"mobile", "mobile"}, {"phone", "mobile"}, {"sjhm", "mobile"}, {"email", "email"},
	{"address", "address"}, {"bank_card", "bank_card"}, {"credit_code", "credit_code"}, {"password", "secret"}}

func withConsoleMasks(rules string) string {
	have := map[string]bool{}
	list, _ := ParseMaskRules(rules)
	for _, r := range list {
		have[r.Field] = true
	}
	out := strings.TrimSpace(rules)
	for _, r := range consoleMasks {
		if !have[r.Field] {
			if out != "" {
				out += ","
			}
			out += r.Field + ":" + string(r.Kind)
		}
	}
	return out
}
