package gateway

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/zwfw/portal/models/masking"
)

// Param is one request or response parameter of an interface's
// specification (C 0103 8.3.4.2, example 7: 名称 必填 类型 说明).
type Param struct {
	Name        string `json:"name"`
	Required    bool   `json:"required"`
	Type        string `json:"type"` // string | number | integer | boolean | object | array
	Description string `json:"description"`
}

// ParamTypes are the types a parameter may declare.
var ParamTypes = []string{"string", "number", "integer", "boolean", "object", "array"}

// StandardRequestParams are example 7's request parameters, offered when
// an interface is registered.
var StandardRequestParams = []Param{
	{Name: "region", Required: true, Type: "string", Description: "行政区划代码，见 C 0109.1-2018 的 4.3"},
	{Name: "pf", Required: true, Type: "string", Description: "可兼容的访问渠道，如 gov–中国政务服务、all–全端支持"},
	{Name: "auth_code", Required: true, Type: "string", Description: "业务代码，作为请求唯一标识"},
	{Name: "name", Required: true, Type: "string", Description: "用户姓名"},
	{Name: "code", Required: true, Type: "string", Description: "编码"},
}

// StandardResponseParams are the fields of the process_response envelope.
var StandardResponseParams = []Param{
	{Name: "result_code", Required: true, Type: "string", Description: "结果状态码：100 处理成功，102 处理失败，103 处理中"},
	{Name: "error_code", Required: true, Type: "string", Description: "结果状态码为 102 时接入单位接口返回的错误码"},
	{Name: "error_msg", Required: true, Type: "string", Description: "结果状态码为 102 时接入单位接口返回的错误消息"},
	{Name: "date", Required: true, Type: "string", Description: "当前操作日期 YYYY-MM-DD"},
}

var paramNameRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{0,63}$`)

// SpecError names what is wrong in a parameter specification.
type SpecError struct {
	Line   int // 1-based line of the text form; 0 for JSON
	Reason string
}

func (e *SpecError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
	}
	return e.Reason
}

// ParseParams reads a specification in its text form, one parameter per
// line: "name|required|type|description" (required: 是/否, yes/no, true/
// false, 1/0), or a JSON array of Param. Blank lines are skipped; a
// duplicate name, an unknown type or a malformed line is a *SpecError.
func ParseParams(text string) ([]Param, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	var out []Param
	if strings.HasPrefix(text, "[") {
		if err := json.Unmarshal([]byte(text), &out); err != nil {
			return nil, &SpecError{Reason: "not a JSON array of parameters"}
		}
		return out, checkParams(out, 0)
	}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		f := strings.SplitN(line, "|", 4)
		if len(f) < 3 {
			return nil, &SpecError{Line: i + 1, Reason: "expected name|required|type|description"}
		}
		req, ok := parseBool(strings.TrimSpace(f[1]))
		if !ok {
			return nil, &SpecError{Line: i + 1, Reason: "required must be 是 or 否"}
		}
		p := Param{Name: strings.TrimSpace(f[0]), Required: req, Type: strings.ToLower(strings.TrimSpace(f[2]))}
		if len(f) == 4 {
			p.Description = strings.TrimSpace(f[3])
		}
		if err := checkParams(append(out, p), i+1); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "是", "yes", "y", "true", "1", "必填":
		return true, true
	case "否", "no", "n", "false", "0", "":
		return false, true
	}
	return false, false
}

func checkParams(ps []Param, line int) error {
	seen := map[string]bool{}
	for _, p := range ps {
		if !paramNameRe.MatchString(p.Name) {
			return &SpecError{Line: line, Reason: fmt.Sprintf("parameter name %q is not valid", p.Name)}
		}
		if seen[p.Name] {
			return &SpecError{Line: line, Reason: fmt.Sprintf("parameter %q is listed twice", p.Name)}
		}
		seen[p.Name] = true
		if !contains(ParamTypes, p.Type) {
			return &SpecError{Line: line, Reason: fmt.Sprintf("type %q is not one of %s", p.Type, strings.Join(ParamTypes, ", "))}
		}
		if len(p.Description) > 500 {
			return &SpecError{Line: line, Reason: "description longer than 500 characters"}
		}
	}
	return nil
}

// FormatParams is the text form ParseParams reads.
func FormatParams(ps []Param) string {
	var b strings.Builder
	for _, p := range ps {
		req := "否"
		if p.Required {
			req = "是"
		}
		fmt.Fprintf(&b, "%s|%s|%s|%s\n", p.Name, req, p.Type, p.Description)
	}
	return b.String()
}

// MaskRule masks one response field outbound (8.3.4.5).
type MaskRule struct {
	Field string
	Kind  masking.Kind
}

var maskKinds = []masking.Kind{masking.Name, masking.IDNumber, masking.Mobile, masking.Landline, masking.Email,
	masking.Address, masking.BankCard, masking.CreditCode, masking.Secret}

// ParseMaskRules reads "field:kind" entries separated by commas or lines.
func ParseMaskRules(text string) ([]MaskRule, error) {
	var out []MaskRule
	for _, e := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '\n' || r == '，' }) {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		f, k, ok := strings.Cut(e, ":")
		kind := masking.Kind(strings.TrimSpace(k))
		if !ok || !paramNameRe.MatchString(strings.TrimSpace(f)) || !contains(maskKinds, kind) {
			return nil, &SpecError{Reason: fmt.Sprintf("mask rule %q: want field:kind, kind one of name, id_number, mobile, landline, email, address, bank_card, credit_code, secret", e)}
		}
		out = append(out, MaskRule{Field: strings.TrimSpace(f), Kind: kind})
	}
	return out, nil
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
