package gateway

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/zwfw/portal/models"
)

// Form is the registration or edit form as typed (console, CLI). Every
// validation message is the locale key "gateway.err.<field>".
type Form struct {
	App              string // owner app: its app_id (zwa…) — registration only
	Code             string // registration only
	Name             string
	Org              string
	SourceURL        string
	Method           string
	Auth             string
	Remark           string
	RequestParams    string // text or JSON form of ParseParams
	ResponseParams   string
	MaskFields       string
	Consumers        string
	RatePerMin       string
	TimeoutMs        string
	MaxResponseBytes string
	CheckIntervalS   string
	SlowMs           string
	Secret           string // new upstream credential; "" keeps the current one
}

var codeRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

var appKeyRe = regexp.MustCompile(`^zwa[0-9a-f]{16}$`)

// Defaults of the numeric fields.
const (
	DefaultRate     = 600
	DefaultTimeout  = 3000
	DefaultMaxBytes = 1 << 20
)

func intField(v *models.ValidationError, field, s string, def, lo, hi int64) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return def
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < lo || n > hi {
		v.Add(field, "gateway.err."+field)
		return def
	}
	return n
}

// spec validates the form into a Spec (secret sealed for code).
func (s *Service) spec(ctx context.Context, f Form, code string, v *models.ValidationError) Spec {
	sp := Spec{Name: strings.TrimSpace(f.Name), Org: strings.TrimSpace(f.Org), Method: strings.ToUpper(strings.TrimSpace(f.Method)),
		Auth: strings.TrimSpace(f.Auth), Remark: strings.TrimSpace(f.Remark), MaskFields: strings.TrimSpace(f.MaskFields),
		Consumers: strings.TrimSpace(f.Consumers)}
	if sp.Name == "" || len([]rune(sp.Name)) > 60 {
		v.Add("name", "gateway.err.name")
	}
	if len([]rune(sp.Org)) > 80 {
		v.Add("org", "gateway.err.org")
	}
	if u, err := s.Guard.CheckURL(ctx, f.SourceURL); err != nil {
		v.Add("source_url", urlErrKey(err))
	} else {
		sp.SourceURL = u.String()
	}
	if sp.Method != "GET" && sp.Method != "POST" {
		v.Add("method", "gateway.err.method")
	}
	if sp.Auth != AuthSM2 && sp.Auth != AuthWhitelist {
		v.Add("auth", "gateway.err.auth")
	}
	if len([]rune(sp.Remark)) > 500 {
		v.Add("remark", "gateway.err.remark")
	}
	var err error
	if sp.Request, err = ParseParams(f.RequestParams); err != nil {
		v.Add("request_params", "gateway.err.request_params")
	}
	if sp.Response, err = ParseParams(f.ResponseParams); err != nil {
		v.Add("response_params", "gateway.err.response_params")
	}
	if _, err := ParseMaskRules(sp.MaskFields); err != nil {
		v.Add("mask_fields", "gateway.err.mask_fields")
	}
	for _, c := range strings.FieldsFunc(sp.Consumers, func(r rune) bool { return r == '\n' || r == ',' || r == ' ' }) {
		if c = strings.TrimSpace(c); c != "*" && !appKeyRe.MatchString(c) {
			v.Add("consumers", "gateway.err.consumers")
			break
		}
	}
	sp.RatePerMin = int(intField(v, "rate_per_min", f.RatePerMin, DefaultRate, 1, 1_000_000))
	sp.TimeoutMs = int(intField(v, "timeout_ms", f.TimeoutMs, DefaultTimeout, 100, 60_000))
	sp.MaxResponseBytes = intField(v, "max_response_bytes", f.MaxResponseBytes, DefaultMaxBytes, 1024, 16<<20)
	sp.CheckIntervalS = int(intField(v, "check_interval_s", f.CheckIntervalS, 60, 10, 86_400))
	sp.SlowMs = int(intField(v, "slow_ms", f.SlowMs, 1000, 10, 60_000))
	if sec := strings.TrimSpace(f.Secret); sec != "" {
		if len(sec) > 512 || strings.ContainsAny(sec, "\r\n") {
			v.Add("secret", "gateway.err.secret")
		} else if sp.SecretSealed, err = s.SealSecret(code, sec); err != nil {
			v.Add("secret", "gateway.err.secret")
		}
	}
	return sp
}

func urlErrKey(err error) string {
	switch {
	case errors.Is(err, ErrURLScheme):
		return "gateway.err.source_url_https"
	case errors.Is(err, ErrURLResolve):
		return "gateway.err.source_url_resolve"
	case errors.Is(err, ErrURLInternal):
		return "gateway.err.source_url_internal"
	}
	return "gateway.err.source_url"
}
