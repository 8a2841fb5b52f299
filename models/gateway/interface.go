package gateway

import (
	"encoding/json"
	"strings"
	"time"
)

// Interface states.
const (
	StatusDraft    = "draft"    // registered, never approved: not callable
	StatusActive   = "active"   // an approved version is live
	StatusDisabled = "disabled" // switched off by the admin
)

// Authentication modes (8.3.4.4).
const (
	AuthSM2       = "sm2"       // a) 安全鉴权: SM2 request signature
	AuthWhitelist = "whitelist" // b) 白名单鉴权
)

// Interface is one registered interface with its live configuration.
type Interface struct {
	ID               int64
	Code             string
	AppID            int64
	Org              string
	RegionCode       string
	Name             string
	Status           string
	Version          int
	SourceURL        string
	Method           string
	Auth             string
	Remark           string
	RequestParams    string // JSON []Param
	ResponseParams   string // JSON []Param
	MaskFields       string // "field:kind" rules
	Consumers        string // app keys besides the owner, one per line; "*" = any
	RatePerMin       int
	TimeoutMs        int
	MaxResponseBytes int64
	CheckIntervalS   int
	SlowMs           int
	SecretSealed     string // never leaves this package in clear
	HealthState      string
	HealthChangedAt  *time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// TableName keeps the table name explicit.
func (Interface) TableName() string { return "interfaces" }

// Requests returns the request parameters.
func (i Interface) Requests() []Param { return decodeParams(i.RequestParams) }

// Responses returns the response parameters.
func (i Interface) Responses() []Param { return decodeParams(i.ResponseParams) }

// HasSecret reports whether an upstream credential is stored (its value
// is never shown).
func (i Interface) HasSecret() bool { return i.SecretSealed != "" }

// Masks returns the outbound masking rules (malformed ones were refused
// on registration).
func (i Interface) Masks() []MaskRule {
	r, _ := ParseMaskRules(i.MaskFields)
	return r
}

// ConsumerList returns the extra consumer app keys.
func (i Interface) ConsumerList() []string {
	var out []string
	for _, l := range strings.FieldsFunc(i.Consumers, func(r rune) bool { return r == '\n' || r == ',' || r == ' ' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Timeout is the upstream timeout.
func (i Interface) Timeout() time.Duration {
	if i.TimeoutMs <= 0 {
		return 3 * time.Second
	}
	return time.Duration(i.TimeoutMs) * time.Millisecond
}

func decodeParams(s string) []Param {
	var out []Param
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

func encodeParams(ps []Param) string {
	if ps == nil {
		ps = []Param{}
	}
	b, _ := json.Marshal(ps)
	return string(b)
}

// Version is one submitted version of an interface and its review.
type Version struct {
	ID          int64
	InterfaceID int64
	Version     int
	Status      string // pending | approved | rejected | superseded
	Spec        string // JSON Spec
	SubmittedBy string
	ReviewerID  int64
	Reviewer    string
	ReviewNote  string
	CreatedAt   time.Time
	ReviewedAt  *time.Time
}

// TableName keeps the table name explicit.
func (Version) TableName() string { return "interface_versions" }

// Version review states.
const (
	VersionPending    = "pending"
	VersionApproved   = "approved"
	VersionRejected   = "rejected"
	VersionSuperseded = "superseded"
)

// Spec is the editable part of an interface, as submitted for review.
type Spec struct {
	Name             string  `json:"name"`
	Org              string  `json:"org"`
	SourceURL        string  `json:"source_url"`
	Method           string  `json:"method"`
	Auth             string  `json:"auth"`
	Remark           string  `json:"remark"`
	Request          []Param `json:"request"`
	Response         []Param `json:"response"`
	MaskFields       string  `json:"mask_fields"`
	Consumers        string  `json:"consumers"`
	RatePerMin       int     `json:"rate_per_min"`
	TimeoutMs        int     `json:"timeout_ms"`
	MaxResponseBytes int64   `json:"max_response_bytes"`
	CheckIntervalS   int     `json:"check_interval_s"`
	SlowMs           int     `json:"slow_ms"`
	// SecretSealed is the new upstream credential, already sealed; ""
	// keeps the current one.
	SecretSealed string `json:"secret_sealed,omitempty"`
}

// SpecValue decodes a version's spec.
func (v Version) SpecValue() Spec {
	var s Spec
	_ = json.Unmarshal([]byte(v.Spec), &s)
	return s
}
