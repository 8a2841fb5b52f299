// Package gallery renders the dev-only component gallery at /_components:
// every design-system component with realistic Chinese examples, valid and
// failed, so the look and the markup can be reviewed in one place.
package gallery

import (
	"net/url"

	c "github.com/zwfw/portal/views/components"
)

// section is one entry of the gallery's contents list.
type section struct{ ID, Name string }

var sections = []section{
	{"button", "Button"}, {"link-button", "LinkButton"}, {"text-input", "TextInput"}, {"textarea", "Textarea"},
	{"select", "Select"}, {"radios", "Radios"}, {"checkboxes", "Checkboxes"}, {"date-input", "DateInput"},
	{"file-upload", "FileUpload"}, {"error-summary", "ErrorSummary · ErrorMessage · Form"},
	{"breadcrumbs", "Breadcrumbs"}, {"pagination", "Pagination"}, {"tag", "Tag"},
	{"notification-banner", "NotificationBanner"}, {"summary-list", "SummaryList"}, {"details", "Details"},
	{"table", "Table"}, {"icon", "Icon"},
}

// failedForm is a consultation form as re-rendered after a 422: values
// kept, one message per field, the summary linking to each.
func failedForm() *c.Form {
	f := c.NewForm(url.Values{
		"ex-phone": {"1380013800"}, "ex-content": {""}, "ex-dob-year": {"2099"}, "ex-dob-month": {"13"},
		"ex-dob-day": {"1"}, "ex-channel": {"sms"},
	})
	f.Fail("ex-phone", "手机号码应为 11 位数字")
	f.Fail("ex-audience", "请选择您以什么身份办理")
	f.Fail("ex-dob", "出生日期必须是一个真实存在的过去日期")
	f.Fail("ex-content", "请输入咨询内容")
	f.Fail("ex-agree", "请阅读并同意隐私政策后再提交")
	return f
}

var departments = []c.SelectOption{
	{Value: "", Text: "请选择"}, {Value: "gongan", Text: "公安厅"}, {Value: "minzheng", Text: "民政厅"},
	{Value: "renshe", Text: "人力资源和社会保障厅"}, {Value: "shichang", Text: "市场监督管理局"},
}

var audiences = []c.RadioItem{
	{Value: "natural", Text: "个人", Hint: "以自己的名义办理"},
	{Value: "legal", Text: "法人或其他组织", Hint: "企业、事业单位、社会组织等"},
}

var channels = []c.CheckboxItem{
	{Value: "sms", Text: "短信"}, {Value: "app", Text: "站内消息", Hint: "登录后在“我的消息”中查看"}, {Value: "mail", Text: "电子邮件"},
}

var caseRows = []c.SummaryRow{
	{Key: "办件编号", Value: "11010520240315000123"},
	{Key: "事项名称", Value: "居民身份证换领"},
	{Key: "申请人", Value: "张*", ActionText: "修改", ActionHref: "#summary-list"},
	{Key: "办理地点", Value: "北京市朝阳区公安分局户政服务大厅\n朝阳路 1 号", ActionText: "修改", ActionHref: "#summary-list"},
}

var feeTable = c.TableProps{
	Caption: "收费标准",
	Head:    []c.TableHead{{Text: "收费项目"}, {Text: "依据"}, {Text: "金额（元）", Numeric: true}},
	Rows: [][]c.TableCell{
		{{Text: "居民身份证工本费"}, {Text: "发改价格〔2003〕2322号"}, {Text: "20.00", Numeric: true}},
		{{Text: "临时居民身份证工本费"}, {Text: "发改价格〔2003〕2322号"}, {Text: "10.00", Numeric: true}},
		{{Text: "补领（丢失）"}, {Text: "发改价格〔2003〕2322号"}, {Text: "40.00", Numeric: true}},
	},
	RowHeaders: true,
}

var caseTable = c.TableProps{
	Caption: "我的办件",
	Head:    []c.TableHead{{Text: "事项"}, {Text: "提交日期"}, {Text: "状态"}},
	Rows: [][]c.TableCell{
		{{Text: "居民身份证换领", Href: "#table"}, {Text: "2024-03-15"}, {Text: "办理中"}},
		{{Text: "婚姻登记预约", Href: "#table"}, {Text: "2024-02-02"}, {Text: "已办结"}},
	},
	RowHeaders: true,
	Layout:     c.TableStack,
}

var pagination = c.PaginationProps{BaseURL: "/search", Query: url.Values{"q": {"社保"}}, Page: 4, Total: 9}

var tags = []c.TagProps{
	{Text: "草稿"}, {Text: "已受理", Colour: c.TagBlue}, {Text: "待补正", Colour: c.TagYellow},
	{Text: "已办结", Colour: c.TagGreen}, {Text: "不予受理", Colour: c.TagRed},
}
