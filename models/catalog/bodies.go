package catalog

import (
	"strings"

	"github.com/zwfw/portal/models/refdata"
)

// Place names a region the way body names and addresses need it.
type Place struct {
	Code         string
	Level        int  // refdata.LevelProvince … LevelVillage; 0 = national
	Municipality bool // 北京, 天津, 上海, 重庆: the province is also the city
	Province     string
	City         string // = Province for municipalities
	County       string
	Township     string
	Village      string
	Full         string // 杭州市西湖区, 北京市朝阳区, 杭州市西湖区翠苑街道
}

// PlaceOf describes a region code; false when refdata does not know it.
func PlaceOf(ref *refdata.Catalog, code string) (Place, bool) {
	if code == NationalRegion {
		return Place{Code: code, Full: "全国"}, true
	}
	r, ok := ref.Region(code)
	if !ok {
		return Place{}, false
	}
	p := Place{Code: r.Code, Level: int(r.Level)}
	chain := append([]refdata.Region{r}, ref.Ancestors(r.Code)...)
	for _, a := range chain {
		switch int(a.Level) {
		case refdata.LevelProvince:
			p.Province = a.Name
		case refdata.LevelCity:
			p.City = a.Name
		case refdata.LevelCounty:
			p.County = a.Name
		case refdata.LevelTownship:
			p.Township = a.Name
		case refdata.LevelVillage:
			p.Village = a.Name
		}
	}
	p.Municipality = strings.HasSuffix(p.Province, "市")
	if p.Municipality || p.City == "" {
		p.City = p.Province
	}
	switch p.Level {
	case refdata.LevelProvince:
		p.Full = p.Province
	case refdata.LevelCity:
		p.Full = p.City
	default:
		p.Full = p.City + p.County + p.Township
	}
	return p, true
}

// trimAny cuts the first matching suffix.
func trimAny(s string, suffixes ...string) string {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) && len(s) > len(x) {
			return strings.TrimSuffix(s, x)
		}
	}
	return s
}

// lookup resolves a placeholder of body, location and channel templates
// (demodata/README.md); ok is false for unknown names, which stay as written.
func (p Place) lookup(key string) (string, bool) {
	switch key {
	case "place":
		return p.Full, true
	case "province":
		return p.Province, true
	case "province_short":
		return trimAny(p.Province, "省", "市", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区"), true
	case "city":
		return p.City, true
	case "city_short":
		return trimAny(p.City, "市"), true
	case "county":
		return p.County, true
	case "county_short":
		return trimAny(p.County, "自治县", "新区", "区", "县", "市", "旗"), true
	case "township":
		return p.Township, true
	case "township_short":
		return trimAny(p.Township, "街道", "镇", "乡"), true
	case "village":
		return p.Village, true
	}
	return "", false
}

// Expand fills a template's {placeholders} for this place; extra pairs (like
// "body", name) add or override names. It is a plain scan, not a
// strings.Replacer, because the scale generator expands millions of them.
func (p Place) Expand(tmpl string, extra ...string) string {
	if strings.IndexByte(tmpl, '{') < 0 {
		return tmpl
	}
	var b strings.Builder
	b.Grow(len(tmpl) + 32)
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		key := tmpl[i+1 : i+j]
		val, ok := "", false
		for k := 0; k+1 < len(extra); k += 2 {
			if extra[k] == key {
				val, ok = extra[k+1], true
			}
		}
		if !ok {
			val, ok = p.lookup(key)
		}
		b.WriteString(tmpl[:i])
		if ok {
			b.WriteString(val)
		} else {
			b.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
}

// bodyRule gives the local body of a national department at each level:
// province, province of a municipality, city, county.
type bodyRule struct{ prov, muni, city, county string }

// ruleFor returns the generic rule: 厅 at the provincial level and 局 below.
func ruleFor(prov, local string) bodyRule {
	return bodyRule{"{province}" + prov, "{province}" + local, "{city}" + local, "{place}" + local}
}

// bodyRules cover the departments the demo data uses; others fall back to
// the department's name without its national prefix.
var bodyRules = map[string]bodyRule{
	"公安部":            {"{province}公安厅", "{province}公安局", "{city}公安局", "{city}公安局{county_short}分局"},
	"生态环境部":          {"{province}生态环境厅", "{province}生态环境局", "{city}生态环境局", "{city}生态环境局{county_short}分局"},
	"国家税务总局":         {"国家税务总局{province}税务局", "国家税务总局{province}税务局", "国家税务总局{city}税务局", "国家税务总局{place}税务局"},
	"国家卫生健康委员会":      {"{province}卫生健康委员会", "{province}卫生健康委员会", "{city}卫生健康委员会", "{place}卫生健康局"},
	"国家发展和改革委员会":     {"{province}发展和改革委员会", "{province}发展和改革委员会", "{city}发展和改革委员会", "{place}发展和改革局"},
	"国家市场监督管理总局":     {"{province}市场监督管理局", "{province}市场监督管理局", "{city}市场监督管理局", "{place}市场监督管理局"},
	"国家药品监督管理局":      {"{province}药品监督管理局", "{province}药品监督管理局", "{city}市场监督管理局", "{place}市场监督管理局"},
	"国家医疗保障局":        {"{province}医疗保障局", "{province}医疗保障局", "{city}医疗保障局", "{place}医疗保障局"},
	"国家烟草专卖局":        {"{province}烟草专卖局", "{province}烟草专卖局", "{city}烟草专卖局", "{place}烟草专卖局"},
	"国家移民管理局":        {"{province}公安厅出入境管理局", "{province}公安局出入境管理局", "{city}公安局出入境管理局", "{city}公安局{county_short}分局出入境管理大队"},
	"国家消防救援局":        {"{province}消防救援总队", "{province}消防救援总队", "{city}消防救援支队", "{place}消防救援大队"},
	"国家知识产权局":        {"{province}知识产权局", "{province}知识产权局", "{city}市场监督管理局（知识产权局）", "{place}市场监督管理局"},
	"国家林业和草原局":       {"{province}林业局", "{province}园林绿化局", "{city}林业局", "{place}林业局"},
	"国家文物局":          {"{province}文物局", "{province}文物局", "{city}文化广电旅游局", "{place}文化和旅游局"},
	"国家体育总局":         {"{province}体育局", "{province}体育局", "{city}体育局", "{place}文化和旅游体育局"},
	"国家广播电视总局":       {"{province}广播电视局", "{province}广播电视局", "{city}文化广电旅游局", "{place}文化和旅游局"},
	"国家邮政局":          {"{province}邮政管理局", "{province}邮政管理局", "{city}邮政管理局", "{city}邮政管理局"},
	"国家金融监督管理总局":     {"国家金融监督管理总局{province_short}监管局", "国家金融监督管理总局{province_short}监管局", "国家金融监督管理总局{city_short}监管分局", "国家金融监督管理总局{city_short}监管分局"},
	"中国人民银行":         {"中国人民银行{province}分行", "中国人民银行{province}分行", "中国人民银行{city}分行", "中国人民银行{city}分行"},
	"工业和信息化部":        ruleFor("经济和信息化厅", "经济和信息化局"),
	"科学技术部":          ruleFor("科学技术厅", "科学技术局"),
	"自然资源部":          {"{province}自然资源厅", "{province}规划和自然资源委员会", "{city}规划和自然资源局", "{city}规划和自然资源局{county_short}分局"},
	"人力资源和社会保障部":     ruleFor("人力资源和社会保障厅", "人力资源和社会保障局"),
	"住房和城乡建设部":       ruleFor("住房和城乡建设厅", "住房和城乡建设局"),
	"国家民族事务委员会":      ruleFor("民族宗教事务委员会", "民族宗教事务局"),
	"国务院国有资产监督管理委员会": {"{province}人民政府国有资产监督管理委员会", "{province}人民政府国有资产监督管理委员会", "{city}人民政府国有资产监督管理委员会", "{place}财政局"},
}

// localSuffix turns a ministry's name into its local counterparts for the
// generic rule: 民政部 → 民政厅 / 民政局.
func localSuffix(dept string) (prov, local string) {
	base := strings.TrimSuffix(dept, "部")
	if base == dept {
		base = trimAny(strings.TrimPrefix(strings.TrimPrefix(dept, "国家"), "中国"), "总局", "局", "署")
		return base + "局", base + "局"
	}
	return base + "厅", base + "局"
}

// BodyName derives the implementing body of a national department in a
// region: 公安部 at 330106 → 杭州市公安局西湖分局; 民政部 at 110105 →
// 北京市朝阳区民政局. Townships are served by the 街道办事处 or 乡镇人民政府
// (police by the 派出所), villages by the 居民委员会 or 村民委员会.
func BodyName(deptName string, p Place) string {
	switch p.Level {
	case 0:
		return deptName
	case refdata.LevelTownship:
		if deptName == "公安部" {
			return p.Expand("{city}公安局{county_short}分局{township_short}派出所")
		}
		if strings.HasSuffix(p.Township, "街道") {
			return p.Full + "办事处"
		}
		return p.Full + "人民政府"
	case refdata.LevelVillage:
		return committee(p.Village)
	}
	rule, ok := bodyRules[deptName]
	if !ok {
		rule = ruleFor(localSuffix(deptName))
	}
	tmpl := rule.county
	switch {
	case p.Level == refdata.LevelProvince && p.Municipality:
		tmpl = rule.muni
	case p.Level == refdata.LevelProvince:
		tmpl = rule.prov
	case p.Level == refdata.LevelCity:
		tmpl = rule.city
	}
	return p.Expand(tmpl)
}

// committee gives the full name of a village or community committee from
// its NBS name (宋江苑社区 → 宋江苑社区居民委员会, 体东社区居委会 →
// 体东社区居民委员会).
func committee(name string) string {
	switch {
	case strings.HasSuffix(name, "居委会"):
		return strings.TrimSuffix(name, "居委会") + "居民委员会"
	case strings.HasSuffix(name, "村委会"):
		return strings.TrimSuffix(name, "村委会") + "村民委员会"
	case strings.HasSuffix(name, "社区"), strings.HasSuffix(name, "居委"):
		return strings.TrimSuffix(name, "居委") + "居民委员会"
	case strings.HasSuffix(name, "村"):
		return name + "民委员会"
	}
	return name + "居民委员会"
}
