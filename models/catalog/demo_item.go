package catalog

import (
	"github.com/zwfw/portal/models/refdata"
)

// demoVillages names the villages of the @villages shortcut, so level-6 demo
// items work before `portal seed regions --villages` has loaded the 620k
// villages (NBS 统计用区划代码 2023 names).
var demoVillages = map[string]string{
	"330106005001": "宋江苑社区",
	"320102003001": "香铺营社区居委会",
	"440106002008": "新街社区居委会",
	"110105002024": "体东社区居委会",
	"510107005001": "玉林北路社区居委会",
	"310115005001": "梅园一村居委会",
}

// placeOf is PlaceOf with the demo villages as a fallback.
func placeOf(ref *refdata.Catalog, code string) (Place, bool) {
	if p, ok := PlaceOf(ref, code); ok {
		return p, true
	}
	name, ok := demoVillages[code]
	if !ok {
		return Place{}, false
	}
	p, ok := PlaceOf(ref, code[:9])
	if !ok {
		return Place{}, false
	}
	p.Code, p.Level, p.Village = code, refdata.LevelVillage, name
	p.Full += name
	return p, true
}

// regionPath is refdata's RegionPath with the same village fallback.
func regionPath(ref *refdata.Catalog, code string) []string {
	if path := ref.RegionPath(code); path != nil {
		return path
	}
	if len(code) == 12 {
		if up := ref.RegionPath(code[:9]); up != nil {
			return append([]string{code}, up...)
		}
	}
	return []string{code}
}

// provincePortals are the real provincial 政务服务网 home pages, used as the
// online address (在线办理地址) of demo items; national items use the national
// platform.
var provincePortals = map[string]string{
	"330000": "https://www.zjzwfw.gov.cn/",
	"320000": "https://www.jszwfw.gov.cn/",
	"440000": "https://www.gdzwfw.gov.cn/",
	"110000": "https://banshi.beijing.gov.cn/",
	"510000": "https://www.sczwfw.gov.cn/",
	"310000": "https://zwdt.sh.gov.cn/",
}

const nationalPortal = "https://gjzwfw.www.gov.cn/"

func onlineURL(regionCode string) string {
	if len(regionCode) >= 6 && regionCode != NationalRegion {
		if u, ok := provincePortals[regionCode[:2]+"0000"]; ok {
			return u
		}
	}
	return nationalPortal
}

// Default templates of the guide's practical fields (demodata/README.md).
const (
	defaultHours     = "工作日上午9:00—12:00，下午13:30—17:00（法定节假日除外）"
	defaultConsult   = "窗口咨询：{body}办事窗口；电话咨询：12345政务服务便民热线；网上咨询：本平台“咨询”栏目"
	defaultComplaint = "12345政务服务便民热线；{gov}政务服务“好差评”渠道；本平台“投诉”栏目"
)

func defaultLocation(p Place) string {
	switch p.Level {
	case 0:
		return "国家政务服务平台（网上办理）"
	case refdata.LevelTownship:
		return "{place}便民服务中心"
	case refdata.LevelVillage:
		return trimAny(p.Village, "居委会", "村委会", "居民委员会", "村民委员会") + "党群服务中心便民服务站"
	}
	return "{place}政务服务中心（{body}窗口）"
}

// government names the people's government answerable for a place, for
// complaints: the county (or city, province) above townships and villages.
func government(p Place) string {
	switch p.Level {
	case 0:
		return "国务院办公厅"
	case refdata.LevelProvince:
		return p.Province + "人民政府"
	case refdata.LevelCity:
		return p.City + "人民政府"
	}
	return p.City + p.County + "人民政府"
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// demoItem builds the item of matter m in place p.
func demoItem(m DemoMatter, dept refdata.Department, p Place) Item {
	nature := m.BodyNature
	if nature == "" {
		nature = "1"
		if p.Level == refdata.LevelVillage {
			nature = "9"
		}
	}
	body := BodyName(dept.Name, p)
	if m.Body != "" {
		body = p.Expand(m.Body)
	}
	extra := []string{"body", body, "gov", government(p)}
	trust := m.TrustLevel
	if trust == 0 {
		trust = DefaultTrustLevel
	}
	code := ItemCode(m.Code, p.Code)
	it := Item{
		Code: code, Name: m.Name, Type: m.Type, LegalBasis: m.LegalBasis, Level: m.Level,
		RegionCode: p.Code, DeptCode: dept.Code,
		Body:      Body{Name: body, CreditCode: MakeCreditCode(nature, p.Code, body), Nature: nature},
		Statutory: TimeLimit{Value: m.Statutory.Value, Unit: unitCodes[m.Statutory.Unit], Note: m.Statutory.Note},
		Promised:  TimeLimit{Value: m.Promised.Value, Unit: unitCodes[m.Promised.Unit], Note: m.Promised.Note},
		Visits:    m.Visits, Conditions: m.Conditions, Charged: len(m.Fees) > 0,
		Audiences: m.Audiences, CaseType: m.CaseType, Forms: m.Forms,
		Location:  p.Expand(orDefault(m.Location, defaultLocation(p)), extra...),
		Hours:     p.Expand(orDefault(m.Hours, defaultHours), extra...),
		Consult:   p.Expand(orDefault(m.Consult, defaultConsult), extra...),
		Complaint: p.Expand(orDefault(m.Complaint, defaultComplaint), extra...),
		ThemesN:   m.ThemesNatural, ThemesL: m.ThemesLegal, LocalThemes: m.LocalThemes,
		Scope: m.Scope, Online: m.Online, TrustLevel: trust,
		Status: StatusPublished, Version: 1, Popularity: orPopularity(m.Popularity),
	}
	if m.Online {
		it.OnlineURL = onlineURL(p.Code)
	}
	if m.Mobile {
		it.MobileURL = "/matters/" + code
	}
	return it
}

func orPopularity(v float64) float64 {
	if v <= 0 || v > 1 {
		return 0.3
	}
	return v
}
