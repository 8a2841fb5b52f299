package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/zwfw/portal/models/gmcrypto"
)

// upstream is what one forward to a source interface produced.
type upstream struct {
	status   int
	body     []byte        // the source's reply (masked when asked)
	raw      []byte        // the reply as received (console only)
	took     time.Duration // time spent waiting for the source
	result   string        // process_response.result_code
	failure  *Failure
	url      string
	rawQuery string
}

// request is a call to forward: the parameters as query (GET) or body (POST).
type request struct {
	query     url.Values
	body      []byte
	requestID string
	consumer  string
}

// forward sends r to it's source and checks the reply: time limit, size
// limit, JSON, the process_response envelope; it masks configured fields.
func (s *Service) forward(ctx context.Context, it Interface, r request, keepRaw bool) upstream {
	out := upstream{}
	now := s.now()
	if !s.breakers.allow(it.ID, now) {
		out.failure = ErrCircuitOpen
		return out
	}
	req, err := s.upstreamRequest(ctx, it, r, &out)
	if err != nil {
		out.failure = ErrUpstreamDown
		return out
	}
	caller := ctx
	ctx, cancel := context.WithTimeout(ctx, it.Timeout())
	defer cancel()
	start := time.Now()
	res, err := s.client.Do(req.WithContext(ctx))
	if err == nil {
		defer res.Body.Close()
		out.status = res.StatusCode
		limit := it.MaxResponseBytes
		if limit <= 0 {
			limit = DefaultMaxBytes
		}
		if res.ContentLength > limit {
			out.failure = ErrUpstreamTooLarge
		} else {
			out.raw, err = io.ReadAll(io.LimitReader(res.Body, limit+1))
			if err == nil && int64(len(out.raw)) > limit {
				out.failure = ErrUpstreamTooLarge
			}
		}
	}
	out.took = time.Since(start)
	if err != nil {
		out.failure = classify(ctx, err)
	} else if out.failure == nil {
		s.checkReply(it, &out)
	}
	failed := out.failure != nil && (out.failure == ErrUpstreamTimeout || out.failure == ErrUpstreamDown ||
		(out.failure == ErrUpstreamStatus && out.status >= 500))
	if err != nil && errors.Is(caller.Err(), context.Canceled) {
		// The consumer went away (closed the connection): the call says
		// nothing about the source, and must not open its circuit.
		s.breakers.abandon(it.ID)
	} else {
		s.breakers.done(it.ID, failed, s.now())
	}
	if !keepRaw {
		out.raw = nil
	}
	return out
}

func (s *Service) upstreamRequest(ctx context.Context, it Interface, r request, out *upstream) (*http.Request, error) {
	u, err := url.Parse(it.SourceURL)
	if err != nil {
		return nil, err
	}
	var body io.Reader
	if it.Method == http.MethodGet {
		q := url.Values{}
		for k, v := range r.query {
			q[k] = v
		}
		for k, v := range u.Query() { // the source's own fixed parameters win
			q[k] = v
		}
		u.RawQuery = q.Encode()
		out.rawQuery = u.RawQuery
	} else {
		body = bytes.NewReader(r.body)
	}
	out.url = u.Scheme + "://" + u.Host + u.Path
	req, err := http.NewRequestWithContext(ctx, it.Method, u.String(), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "zwfw-portal-gateway/1")
	if body != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	if r.requestID != "" {
		req.Header.Set("X-Request-Id", r.requestID)
	}
	if r.consumer != "" {
		req.Header.Set("X-Gateway-Consumer", r.consumer)
	}
	secret, err := s.openSecret(it)
	if err != nil {
		return nil, err
	}
	if secret != "" {
		req.Header.Set("Authorization", secret)
	}
	return req, nil
}

func classify(ctx context.Context, err error) *Failure {
	var ne net.Error
	switch {
	case errors.Is(err, ErrURLInternal):
		return ErrUpstreamBlocked
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return ErrUpstreamTimeout
	}
	return ErrUpstreamDown
}

// checkReply requires a 2xx JSON object holding process_response with a
// known result_code, and masks the configured fields.
func (s *Service) checkReply(it Interface, out *upstream) {
	if out.status < 200 || out.status > 299 {
		out.failure = ErrUpstreamStatus
		return
	}
	dec := json.NewDecoder(bytes.NewReader(out.raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil || dec.More() {
		out.failure = ErrUpstreamNotJSON
		return
	}
	pr, _ := doc["process_response"].(map[string]any)
	code := ""
	switch v := pr["result_code"].(type) {
	case string:
		code = v
	case json.Number:
		code = v.String()
	}
	if code != ResultOK && code != ResultFailed && code != ResultProcessing {
		out.failure = ErrUpstreamEnvelope
		return
	}
	out.result = code
	rules := it.Masks()
	if len(rules) == 0 {
		out.body = out.raw
		return
	}
	maskJSON(doc, rules)
	out.body, _ = json.Marshal(doc)
}

// validateCall checks the call's parameters against the specification.
func validateCall(it Interface, method string, query url.Values, body []byte) (url.Values, *Failure) {
	spec := it.Requests()
	if method == http.MethodGet {
		for _, p := range spec {
			v, ok := query[p.Name]
			if !ok || len(v) == 0 || v[0] == "" {
				if p.Required {
					return nil, ErrParamMissing
				}
				continue
			}
			if !stringFits(p.Type, v[0]) {
				return nil, ErrParamType
			}
		}
		return query, nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return nil, ErrBadJSON
	}
	for _, p := range spec {
		raw, ok := obj[p.Name]
		if !ok || string(raw) == "null" {
			if p.Required {
				return nil, ErrParamMissing
			}
			continue
		}
		if !jsonFits(p.Type, raw) {
			return nil, ErrParamType
		}
	}
	return nil, nil
}

// requestDigest is the SM3 of what the consumer sent.
func requestDigest(method, rawQuery string, body []byte) string {
	h := gmcrypto.NewSM3()
	h.Write([]byte(method + "\n" + rawQuery + "\n"))
	h.Write(body)
	return strings.ToLower(hexString(h.Sum(nil)))
}
