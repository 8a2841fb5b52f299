package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// account is who login: and jssdk: rows sign in as (a demo account of
// models/usercenter by default).
type account struct{ login, password string }

// session is one connection's browser: its own cookie jar over the shared
// transport, signed in once before the clock starts.
type session struct {
	client *http.Client
	base   string
	csrf   string
}

// signIn does what a browser does: GET /login for the CSRF token (and its
// cookie), then POST the credentials; the portal answers 303 with the
// session cookie.
func signIn(ctx context.Context, shared *http.Client, base string, a account) (*session, error) {
	jar, _ := cookiejar.New(nil)
	s := &session{client: &http.Client{Transport: shared.Transport, Jar: jar, Timeout: shared.Timeout, CheckRedirect: noRedirect}, base: base}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/login", nil)
	res, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, 4<<20))
	res.Body.Close() // #nosec G104 -- load generator: closing a response already read, nothing to do on error
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /login: %s", res.Status)
	}
	if s.csrf = csrfToken(body); s.csrf == "" {
		return nil, fmt.Errorf("GET /login: no _csrf field in the form")
	}
	form := url.Values{"login": {a.login}, "password": {a.password}, "_csrf": {s.csrf}}
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = s.client.Do(req)
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, res.Body) // #nosec G104 -- load generator: draining the sign-in answer, only its status counts
	res.Body.Close()              // #nosec G104 -- load generator: closing a drained response, nothing to do on error
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("POST /login as %s: %s (wrong password, throttled, or PORTAL_POST_RATE too low)", a.login, res.Status)
	}
	return s, nil
}

// csrfToken finds the hidden _csrf field of a page's form.
func csrfToken(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.Data != "input" {
				continue
			}
			var name, value string
			for _, a := range t.Attr {
				switch a.Key {
				case "name":
					name = a.Val
				case "value":
					value = a.Val
				}
			}
			if name == "_csrf" {
				return value
			}
		}
	}
}

// postJSON sends a same-origin JSON POST with the CSRF header, as the
// app container's script does, and decodes the answer.
func (s *session) postJSON(ctx context.Context, path string, in, out any) error {
	b, _ := json.Marshal(in)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", s.csrf)
	res, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("POST %s: %s", path, res.Status)
	}
	return json.Unmarshal(raw, out)
}
