package filing

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
)

// Details are the text fields of a filing: naming information (5.1, 5.3)
// and responsible-unit information (9.3).
type Details struct {
	Name            string // 5.1 name (名称, as in the app stores)
	FullName        string // 5.1 full name shown in the client's header (全称)
	Description     string // 5.3 b 应用描述
	ReleaseNotes    string // 5.3 c 版本说明
	RespUnit        string // 9.3 负责部门
	SupervisorUnit  string // 9.3 主管部门
	SupervisorPhone string // 9.3 主管部门联系电话
	ManagerName     string // 9.3 主管 联系人
	ManagerPhone    string // 9.3 主管 联系电话
	TechUnit        string // 9.3 技术联系单位
	TechContact     string // 9.3 技术联系人
	TechPhone       string // 9.3 技术联系电话
}

// Form is what the organisation types: who files and the details.
type Form struct {
	Level      string // LevelLocal | LevelDept
	RegionCode string // for LevelLocal
	DeptCode   string // for LevelDept
	OrgName    string
	Details
}

// MinScreenshots is 5.3 a: at least three screenshots.
const MinScreenshots = 3

var (
	mobileRe   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	landlineRe = regexp.MustCompile(`^0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?$`)
	hotlineRe  = regexp.MustCompile(`^(12345|95[0-9]{3}|400-?[0-9]{3}-?[0-9]{4})$`)
)

// normalizePhone drops spaces and a +86 prefix.
func normalizePhone(s string) string {
	s = strings.NewReplacer(" ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	return strings.TrimPrefix(s, "+86")
}

// fieldLimits are the longest values accepted, in characters (form order).
var fieldLimits = []struct {
	name string
	max  int
	get  func(*Form) *string
}{
	{"org_name", 100, func(f *Form) *string { return &f.OrgName }},
	{"name", 20, func(f *Form) *string { return &f.Name }},
	{"full_name", 40, func(f *Form) *string { return &f.FullName }},
	{"description", 1000, func(f *Form) *string { return &f.Description }},
	{"release_notes", 2000, func(f *Form) *string { return &f.ReleaseNotes }},
	{"resp_unit", 100, func(f *Form) *string { return &f.RespUnit }},
	{"supervisor_unit", 100, func(f *Form) *string { return &f.SupervisorUnit }},
	{"supervisor_phone", 20, func(f *Form) *string { return &f.SupervisorPhone }},
	{"manager_name", 30, func(f *Form) *string { return &f.ManagerName }},
	{"manager_phone", 20, func(f *Form) *string { return &f.ManagerPhone }},
	{"tech_unit", 100, func(f *Form) *string { return &f.TechUnit }},
	{"tech_contact", 30, func(f *Form) *string { return &f.TechContact }},
	{"tech_phone", 20, func(f *Form) *string { return &f.TechPhone }},
}

var phoneFields = map[string]bool{"supervisor_phone": true, "manager_phone": true, "tech_phone": true}

// Clean trims every field and checks the formats of what was given. A
// draft may be incomplete: missing values are checked by Missing at
// submission (9.4 a), but a value that is given must be valid (9.4 g).
func (f *Form) Clean(ref *refdata.Catalog) error {
	v := &models.ValidationError{}
	f.Level = strings.TrimSpace(f.Level)
	f.RegionCode, f.DeptCode = strings.TrimSpace(f.RegionCode), strings.TrimSpace(f.DeptCode)
	switch f.Level {
	case LevelLocal:
		f.DeptCode = ""
		if f.RegionCode == "" {
			v.Add("region_code", "filing.err.region_code.required")
		} else if _, ok := ref.Region(f.RegionCode); !ok || f.RegionCode == refdata.National {
			v.Add("region_code", "filing.err.region_code.unknown")
		}
	case LevelDept:
		d, ok := ref.Department(f.DeptCode)
		switch {
		case f.DeptCode == "":
			v.Add("dept_code", "filing.err.dept_code.required")
		case !ok:
			v.Add("dept_code", "filing.err.dept_code.unknown")
		default:
			f.RegionCode = d.RegionCode
		}
	default:
		v.Add("level", "filing.err.level.required")
	}
	for _, l := range fieldLimits {
		p := l.get(f)
		*p = strings.TrimSpace(*p)
		if phoneFields[l.name] {
			*p = normalizePhone(*p)
		}
		switch {
		case *p == "":
		case !utf8.ValidString(*p) || strings.ContainsAny(*p, "<>\x00"):
			v.Add(l.name, "filing.err.chars")
		case utf8.RuneCountInString(*p) > l.max:
			v.Add(l.name, "filing.err."+l.name+".long")
		case phoneFields[l.name] && !mobileRe.MatchString(*p) && !landlineRe.MatchString(*p) && !hotlineRe.MatchString(*p):
			v.Add(l.name, "filing.err.phone.format")
		}
	}
	return v.Err()
}

// Missing lists what a complete filing still lacks (9.4 a: 备案信息应完整),
// as a ValidationError whose fields link to the form, or nil.
func (f Filing) Missing(screenshots int) error {
	v := &models.ValidationError{}
	form := Form{Level: f.Level, RegionCode: f.RegionCode, DeptCode: f.DeptCode, OrgName: f.OrgName, Details: f.Details}
	if f.Level == "" {
		v.Add("level", "filing.err.level.required")
	}
	for _, l := range fieldLimits {
		if *l.get(&form) == "" {
			v.Add(l.name, "filing.missing."+l.name)
		}
	}
	if f.IconKey == "" {
		v.Add("icon", "filing.missing.icon")
	}
	if screenshots < MinScreenshots {
		v.Add("screenshot", "filing.missing.screenshots")
	}
	if f.PackageKey == "" {
		v.Add("package", "filing.missing.package")
	}
	return v.Err()
}
