package messaging

import (
	"fmt"
	"strings"
	"text/template"
)

// Template is one kind of message with its fixed wording.
type Template struct {
	Key    string
	Kind   string // usercenter message kind (notice, case, security …)
	Urgent bool   // delivered even in quiet hours
	Params []string
	title  *template.Template
	body   *template.Template
	link   *template.Template
}

var decisionText = map[string]string{"approve": "已通过", "refuse": "未通过", "changes": "需要修改后重新提交"}

func tpl(key, title, body, link string, kind string, urgent bool, params ...string) *Template {
	funcs := template.FuncMap{"decision": func(d string) string { return decisionText[d] }}
	mk := func(part, s string) *template.Template {
		return template.Must(template.New(key + "." + part).Funcs(funcs).Option("missingkey=error").Parse(s))
	}
	return &Template{Key: key, Kind: kind, Urgent: urgent, Params: params, title: mk("title", title), body: mk("body", body), link: mk("link", link)}
}

// Templates are every message the portal sends by rule.
var Templates = map[string]*Template{
	"filing_decided": tpl("filing_decided", "移动端备案审核结果：{{.name}}",
		"您提交的政务服务移动端备案“{{.name}}”审核结果：{{decision .decision}}。请查看审核意见。",
		"/developer/filings/{{.id}}", "notice", false, "name", "decision", "id"),
	"filing_submitted": tpl("filing_submitted", "移动端备案已提交：{{.name}}",
		"您的政务服务移动端备案“{{.name}}”已提交审核，审核结果将通过消息告知。",
		"/developer/filings/{{.id}}", "notice", false, "name", "id"),
	"security_alert": tpl("security_alert", "账号安全提醒",
		"您的账号于 {{.time}} 发生了{{.event}}。如非本人操作，请立即修改密码。",
		"/me/password", "notice", true, "time", "event"),
}

// Rendered is a message ready for the inbox.
type Rendered struct{ Title, Body, Link string }

// Render fills the template; a missing or unknown parameter is an error,
// so a message never goes out half-written.
func (t *Template) Render(params map[string]string) (Rendered, error) {
	for k := range params {
		if !contains(t.Params, k) {
			return Rendered{}, fmt.Errorf("messaging: template %s has no parameter %q", t.Key, k)
		}
	}
	var r Rendered
	for _, p := range []struct {
		t   *template.Template
		out *string
	}{{t.title, &r.Title}, {t.body, &r.Body}, {t.link, &r.Link}} {
		var b strings.Builder
		if err := p.t.Execute(&b, params); err != nil {
			return Rendered{}, fmt.Errorf("messaging: template %s: %w", t.Key, err)
		}
		*p.out = b.String()
	}
	return r, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
