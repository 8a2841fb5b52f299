package catalog

import "time"

// Item statuses: only published items are shown and indexed.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
)

// Material necessities (材料必要性, reference.md §3). 容缺 means the case is
// accepted without it and the material is supplied later.
const (
	NecessityRequired = "必要"
	NecessityOptional = "非必要"
	NecessityDeferred = "容缺"
)

// DefaultTrustLevel is the minimum real-name level of C 0103 7.2.
const DefaultTrustLevel = 3

// NationalRegion is the region code of national bodies.
const NationalRegion = "000000"

// Matter is one entry of the 基本目录: the same matter everywhere it is
// implemented.
type Matter struct {
	ID       int64
	Code     string // 基本编码
	Name     string
	Type     string // 事项类型 01–10, 20
	DeptCode string // managing department (refdata)
}

// TimeLimit is a 法定/承诺办结时限: a number of days in a unit plus a note.
// Value 0 means "not set" (or 即办 when the note says so).
type TimeLimit struct {
	Value int
	Unit  string // refdata.TimeUnits: "1" 工作日, "2" 自然日
	Note  string
}

// Body is the 实施主体 of an item.
type Body struct {
	Name       string
	CreditCode string // 统一社会信用代码 (GB 32100)
	Nature     string // refdata.BodyNatures: 1 法定机关, 2 授权组织, 3 受委托组织, 9 其他
}

// Item is one 实施清单 entry: a matter as implemented by one body in one
// region (C 0103 7.1).
type Item struct {
	ID          int64
	Code        string // 实施编码, unique
	MatterID    int64
	MatterCode  string // 基本编码 of the matter (filled by queries)
	Name        string
	Type        string // 事项类型
	LegalBasis  string // 设定依据
	Level       int    // 行使层级 1–7
	RegionCode  string
	DeptCode    string
	Body        Body
	Statutory   TimeLimit // 法定办结时限
	Promised    TimeLimit // 承诺办结时限
	Visits      int       // 到办事现场次数
	Conditions  string    // 受理条件
	Charged     bool      // 是否收费
	Audiences   []string  // 服务对象 codes 1–6
	CaseType    string    // 办件类型 1, 2, 9
	Forms       []string  // 办理形式 codes
	Location    string    // 办理地点
	Hours       string    // 办理时间
	Consult     string    // 咨询方式
	Complaint   string    // 监督投诉方式
	ThemesN     []string  // 自然人 theme codes
	ThemesL     []string  // 法人 theme codes
	LocalThemes []string  // 地方特色 theme names
	Scope       string    // 通办范围: "" 定点办理, national, cross_province, cross_city, cross_county
	Online      bool      // 是否网办
	OnlineURL   string
	MobileURL   string // 移动端办理地址
	TrustLevel  int    // required 实名认证等级 (C 0103 7.2)
	Status      string
	Version     int
	Popularity  float64 // 0..1
	UpdatedAt   time.Time
}

// Material is one entry of an item's 材料目录, in display order.
type Material struct {
	ID          int64
	Position    int
	Name        string
	Necessity   string // 必要 / 非必要 / 容缺
	Form        string // 纸质 / 电子 / 纸质/电子
	Kind        string // 原件 / 复印件 / 原件和复印件
	Copies      int    // 纸质份数
	Source      string // 来源渠道
	BlankFormID int64  // 空白表格 attachment (0 = none)
	SampleID    int64  // 示例样表 attachment (0 = none)
	Notes       string // 填报须知
	Standard    string // 受理标准
	Basis       string // 依据
}

// Fee is one 收费项目.
type Fee struct {
	Position int
	Name     string // 收费项目名称
	Standard string // 收费标准
	Basis    string // 收费依据
	Waivable bool   // 是否允许减免
}

// Step is one step of the 办理流程, in order.
type Step struct {
	Position int
	Name     string
	Detail   string
}

// FAQ is one 常见问题.
type FAQ struct {
	Position int
	Question string
	Answer   string
}

// Attachment is a stored file: a blank form or a sample. Data is only
// loaded by GetAttachment.
type Attachment struct {
	ID   int64
	Name string // file name shown to users, with extension
	MIME string
	Size int64
	Data []byte
}

// ItemDetail is everything a guide page shows about one item.
type ItemDetail struct {
	Item
	Matter      Matter
	Materials   []Material
	Fees        []Fee
	Steps       []Step
	FAQs        []FAQ
	Attachments map[int64]Attachment // by ID, metadata only (no Data)
}

// RegionItem is the same matter implemented in another region.
type RegionItem struct {
	Code       string
	RegionCode string
	BodyName   string
}
