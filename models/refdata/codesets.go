package refdata

// Code sets of reference.md §2 (GB/T 39046-2020 Annex A, the same drafting
// body as C 0109). They are Go data, not database rows: they change only
// with the standard, and every process needs them without a query.

// MatterTypes is 事项类型 (n2). Codes 01–10 are 行政权力事项, 20 公共服务事项
// (C 0103 6.3.1).
var MatterTypes = newCodeSet(
	Code{"01", "行政许可", "Administrative licensing"},
	Code{"02", "行政处罚", "Administrative penalty"},
	Code{"03", "行政强制", "Administrative enforcement"},
	Code{"04", "行政征收", "Administrative levy"},
	Code{"05", "行政给付", "Administrative payment"},
	Code{"06", "行政检查", "Administrative inspection"},
	Code{"07", "行政确认", "Administrative confirmation"},
	Code{"08", "行政奖励", "Administrative reward"},
	Code{"09", "行政裁决", "Administrative adjudication"},
	Code{"10", "其他行政权力", "Other administrative power"},
	Code{"20", "公共服务", "Public service"},
)

// Matter-type groups of C 0103 6.3.1. The codes are the search facet values
// ("group"); GroupTypeCode gives the 事项类型 code that stands for the group
// (00 = 行政权力事项 as a whole, 20 = 公共服务).
const (
	GroupPower  = "power"
	GroupPublic = "public"
	// TypePowerGroup is the code 00 that names all of 01–10 at once.
	TypePowerGroup = "00"
)

// MatterTypeGroups is 行政权力事项 / 公共服务事项.
var MatterTypeGroups = newCodeSet(
	Code{GroupPower, "行政权力事项", "Administrative power matters"},
	Code{GroupPublic, "公共服务事项", "Public service matters"},
)

// MatterTypeGroup returns the group ("power" or "public") of a 事项类型 code,
// accepting 00 for the power group; "" when the code is unknown.
func MatterTypeGroup(typeCode string) string {
	switch {
	case typeCode == TypePowerGroup:
		return GroupPower
	case typeCode == "20":
		return GroupPublic
	case MatterTypes.Has(typeCode):
		return GroupPower
	}
	return ""
}

// MatterTypesOf lists the 事项类型 codes in a group, in order.
func MatterTypesOf(group string) []Code {
	var out []Code
	for _, c := range MatterTypes.items {
		if MatterTypeGroup(c.Code) == group {
			out = append(out, c)
		}
	}
	return out
}

// GroupTypeCode returns 00 for the power group and 20 for public services.
func GroupTypeCode(group string) string {
	switch group {
	case GroupPower:
		return TypePowerGroup
	case GroupPublic:
		return "20"
	}
	return ""
}

// MatterLevels is 行使层级 (n1); C 0103 6.3.5 navigates by 1–6.
var MatterLevels = newCodeSet(
	Code{"1", "国家级", "National"},
	Code{"2", "省级", "Provincial"},
	Code{"3", "市级", "Municipal"},
	Code{"4", "县级", "County"},
	Code{"5", "乡(镇、街道)级", "Township (town, sub-district)"},
	Code{"6", "村(社区)级", "Village (community)"},
	Code{"7", "分级管理", "Managed at several levels"},
)

// BodyNatures is 实施主体性质.
var BodyNatures = newCodeSet(
	Code{"1", "法定机关", "Statutory authority"},
	Code{"2", "授权组织", "Authorized organization"},
	Code{"3", "受委托组织", "Entrusted organization"},
	Code{"9", "其他", "Other"},
)

// Audiences is 服务对象.
var Audiences = newCodeSet(
	Code{"1", "自然人", "Natural person"},
	Code{"2", "企业法人", "Enterprise legal person"},
	Code{"3", "事业法人", "Public institution legal person"},
	Code{"4", "社会组织法人", "Social organization legal person"},
	Code{"5", "行政机关", "Administrative authority"},
	Code{"6", "其他组织", "Other organization"},
)

// Audience groups of C 0103 6.3.2 (search facet "audience").
const (
	AudienceNatural = "natural"
	AudienceLegal   = "legal"
)

// AudienceGroups is 自然人 / 法人和其他组织 (C 0103 6.3.2).
var AudienceGroups = newCodeSet(
	Code{AudienceNatural, "自然人", "Natural persons"},
	Code{AudienceLegal, "法人和其他组织", "Legal persons and other organizations"},
)

// AudienceGroup maps a 服务对象 code to its group: 1 → natural, 2–6 → legal.
func AudienceGroup(code string) string {
	switch {
	case code == "1":
		return AudienceNatural
	case Audiences.Has(code):
		return AudienceLegal
	}
	return ""
}

// HandlingForms is 办理形式.
var HandlingForms = newCodeSet(
	Code{"1", "窗口办理", "At a service window"},
	Code{"2", "电脑端网上办理", "Online on a computer"},
	Code{"3", "移动端网上申请", "Online on a mobile device"},
	Code{"4", "快递申请", "By post or courier"},
	Code{"9", "其他", "Other"},
)

// CaseTypes is 办件类型.
var CaseTypes = newCodeSet(
	Code{"1", "即办件", "Handled immediately"},
	Code{"2", "承诺件", "Handled within a committed time"},
	Code{"9", "其他", "Other"},
)

// Jurisdiction scopes (通办范围, C 0103 6.3.6); the codes are the search
// facet values. ScopeFixed stands for "no 通办范围" (定点办理).
const (
	ScopeFixed         = "fixed"
	ScopeNational      = "national"
	ScopeCrossProvince = "cross_province"
	ScopeCrossCity     = "cross_city"
	ScopeCrossCounty   = "cross_county"
)

// Scopes is 定点办理 followed by the four 跨地区通办 ranges.
var Scopes = newCodeSet(
	Code{ScopeFixed, "定点办理", "At a designated place"},
	Code{ScopeNational, "全国通办", "Anywhere in the country"},
	Code{ScopeCrossProvince, "跨省通办", "Across provinces"},
	Code{ScopeCrossCity, "跨市通办", "Across cities"},
	Code{ScopeCrossCounty, "跨县通办", "Across counties"},
)

// IsCrossRegion reports whether a scope is one of the 跨地区通办 ranges.
func IsCrossRegion(scope string) bool {
	return scope != ScopeFixed && Scopes.Has(scope)
}

// TimeUnits is the unit of 法定/承诺办结时限 ([decision] codes 1 and 2).
var TimeUnits = newCodeSet(
	Code{"1", "工作日", "working days"},
	Code{"2", "自然日", "calendar days"},
)

// YesNo is the 1 是 / 0 否 flag used by 是否收费, 是否网办 ….
var YesNo = newCodeSet(
	Code{"1", "是", "Yes"},
	Code{"0", "否", "No"},
)

// RegionLevels names the levels of the administrative divisions.
var RegionLevels = newCodeSet(
	Code{"1", "省级", "Province"},
	Code{"2", "市级", "City"},
	Code{"3", "县级", "County"},
	Code{"4", "乡级", "Township"},
	Code{"5", "村级", "Village"},
)

// Department kinds (departments.kind), after the State Council's structure.
const (
	DeptMinistry    = "ministry"    // 国务院组成部门
	DeptSpecial     = "special"     // 国务院直属特设机构
	DeptAgency      = "agency"      // 国务院直属机构
	DeptBureau      = "bureau"      // 部委管理的国家局
	DeptInstitution = "institution" // 国务院直属事业单位
)

// DepartmentKinds names the kinds of departments.
var DepartmentKinds = newCodeSet(
	Code{DeptMinistry, "国务院组成部门", "Constituent department of the State Council"},
	Code{DeptSpecial, "国务院直属特设机构", "Special organization directly under the State Council"},
	Code{DeptAgency, "国务院直属机构", "Organization directly under the State Council"},
	Code{DeptBureau, "部委管理的国家局", "National administration under a ministry"},
	Code{DeptInstitution, "国务院直属事业单位", "Institution directly under the State Council"},
)
