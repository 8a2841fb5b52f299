package refdata

// Service themes of C 0109.2-2018 9.16 / 9.17 (reference.md §1), used for
// navigation by theme (C 0103 6.3.4). Codes step by 5; 998 地方特色分类 keeps
// local sites' own themes (6.3.4 third paragraph); 999 其他 takes whatever
// fits no theme (6.3.4 second paragraph).

// Theme codes shared by both lists.
const (
	ThemeLocal = "998"
	ThemeOther = "999"
)

// NaturalThemes is 面向自然人 (C 0109.2 9.16).
var NaturalThemes = newCodeSet(
	Code{"005", "生育收养", "Birth and adoption"},
	Code{"010", "户籍办理", "Household registration"},
	Code{"015", "民族宗教", "Ethnic and religious affairs"},
	Code{"020", "教育科研", "Education and research"},
	Code{"025", "入伍服役", "Military service"},
	Code{"030", "就业创业", "Employment and entrepreneurship"},
	Code{"035", "设立变更", "Establishment and changes"},
	Code{"040", "准营准办", "Business permits"},
	Code{"045", "抵押质押", "Mortgages and pledges"},
	Code{"050", "职业资格", "Professional qualifications"},
	Code{"055", "行政缴费", "Administrative fees"},
	Code{"060", "婚姻登记", "Marriage registration"},
	Code{"065", "优待抚恤", "Preferential treatment and pensions"},
	Code{"070", "规划建设", "Planning and construction"},
	Code{"075", "住房保障", "Housing security"},
	Code{"085", "社会保障", "Social security"},
	Code{"090", "证件办理", "Certificates and documents"},
	Code{"095", "交通出行", "Transport and travel"},
	Code{"100", "旅游观光", "Tourism"},
	Code{"105", "出境入境", "Exit and entry"},
	Code{"110", "消费维权", "Consumer rights"},
	Code{"115", "公共安全", "Public safety"},
	Code{"120", "司法公证", "Justice and notarization"},
	Code{"125", "知识产权", "Intellectual property"},
	Code{"130", "环保绿化", "Environment and greening"},
	Code{"135", "文化体育", "Culture and sports"},
	Code{"140", "公用事业", "Public utilities"},
	Code{"145", "医疗卫生", "Medical and health care"},
	Code{"150", "离职退休", "Leaving work and retirement"},
	Code{"155", "死亡殡葬", "Death and funerals"},
	Code{ThemeLocal, "地方特色分类", "Local themes"},
	Code{ThemeOther, "其他", "Other"},
)

// LegalThemes is 面向法人 (C 0109.2 9.17).
var LegalThemes = newCodeSet(
	Code{"005", "设立变更", "Establishment and changes"},
	Code{"010", "准营准办", "Business permits"},
	Code{"015", "资质认证", "Qualification certification"},
	Code{"020", "年检年审", "Annual inspection"},
	Code{"025", "税收财务", "Taxation and finance"},
	Code{"030", "人力资源", "Human resources"},
	Code{"035", "社会保障", "Social security"},
	Code{"040", "投资审批", "Investment approval"},
	Code{"045", "融资信贷", "Financing and credit"},
	Code{"050", "抵押质押", "Mortgages and pledges"},
	Code{"055", "商务贸易", "Commerce and trade"},
	Code{"060", "招标拍卖", "Tendering and auctions"},
	Code{"065", "海关口岸", "Customs and ports"},
	Code{"070", "涉外服务", "Foreign-related services"},
	Code{"075", "农林牧渔", "Agriculture, forestry, husbandry and fishery"},
	Code{"085", "国土和规划建设", "Land, planning and construction"},
	Code{"090", "交通运输", "Transport"},
	Code{"095", "环保绿化", "Environment and greening"},
	Code{"100", "应对气候变化", "Climate change"},
	Code{"105", "水务气象", "Water and meteorology"},
	Code{"110", "医疗卫生", "Medical and health care"},
	Code{"115", "科技创新", "Science and innovation"},
	Code{"120", "文体教育", "Culture, sports and education"},
	Code{"125", "知识产权", "Intellectual property"},
	Code{"130", "民族宗教", "Ethnic and religious affairs"},
	Code{"135", "质量技术", "Quality and technical supervision"},
	Code{"140", "检验检疫", "Inspection and quarantine"},
	Code{"145", "安全生产", "Work safety"},
	Code{"150", "公安消防", "Public security and fire control"},
	Code{"155", "司法公证", "Justice and notarization"},
	Code{"160", "公用事业", "Public utilities"},
	Code{"165", "法人注销", "Deregistration"},
	Code{"170", "档案文物", "Archives and cultural relics"},
	Code{ThemeLocal, "地方特色分类", "Local themes"},
	Code{ThemeOther, "其他", "Other"},
)

// ThemesFor returns the theme list of an audience group ("natural" or
// "legal"), or nil.
func ThemesFor(group string) *CodeSet {
	switch group {
	case AudienceNatural:
		return NaturalThemes
	case AudienceLegal:
		return LegalThemes
	}
	return nil
}
