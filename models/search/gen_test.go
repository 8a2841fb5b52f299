package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/zwfw/portal/models/search"
)

// synthSource generates n realistic implementation items: the real matter
// titles of the demo catalog (with the local variants real catalogs have)
// implemented in ~3,000 synthetic counties, cities and provinces, with guide
// bodies assembled from real condition, material and step phrases (about
// 300 characters each). Deterministic for a given n.
type synthSource struct{ n int }

func (s synthSource) Kind() string { return "matter" }

func (s synthSource) Get(ctx context.Context, id string) (search.Doc, bool, error) {
	var i int
	if _, err := fmt.Sscanf(id, "item:S%d", &i); err != nil || i >= s.n {
		return search.Doc{}, false, nil
	}
	return synthDoc(i), true, nil
}

func (s synthSource) All(ctx context.Context, emit func(search.Doc) error) error {
	for i := 0; i < s.n; i++ {
		if err := emit(synthDoc(i)); err != nil {
			return err
		}
	}
	return nil
}

var synthBase = []string{
	"居民身份证首次申领", "居民身份证换领", "居民身份证挂失补领", "临时居民身份证申领", "机动车驾驶证换证", "机动车驾驶证补证",
	"机动车注册登记", "机动车检验合格标志核发", "机动车转移登记", "机动车注销登记", "结婚登记", "离婚登记", "补领结婚证",
	"收养登记", "出生医学证明签发", "生育登记", "户口迁移", "户口登记项目变更更正", "居住证申领", "出生登记", "户口注销",
	"企业设立登记", "企业注销登记", "企业变更登记", "个体工商户登记", "食品经营许可", "烟草专卖零售许可", "发票领用",
	"增值税发票查验", "契税申报", "公共场所卫生许可", "特种设备使用登记", "建筑工程施工许可", "工伤认定", "就业登记",
	"失业登记", "社会保障卡申领", "基本医疗保险关系转移接续", "城乡居民基本养老保险参保登记", "生育津贴支付",
	"住房公积金提取", "住房公积金贷款", "养老保险待遇资格认证", "职工基本养老保险待遇申领", "普通护照签发",
	"往来港澳通行证签发", "往来台湾通行证签发", "无犯罪记录证明开具", "失业保险金申领", "最低生活保障申请", "临时救助申请",
	"特困人员救助供养", "残疾人证办理", "困难残疾人生活补贴申领", "高龄津贴申领", "老年人优待证办理", "医师执业注册",
	"护士执业注册", "药品经营许可", "教师资格认定", "律师执业许可", "法律援助申请", "行政复议申请", "排污许可证核发",
	"取水许可", "林木采伐许可证核发", "农村村民宅基地审批", "不动产首次登记", "不动产转移登记", "不动产抵押登记",
	"建设工程规划许可证核发", "建设工程消防验收", "道路运输经营许可", "网络预约出租汽车驾驶员证核发", "养犬登记",
	"预防接种", "义务教育入学报名", "学生转学", "征兵报名", "退役军人优待证申领", "公共租赁住房申请", "商标注册申请",
	"专利申请", "印章刻制备案", "纳税申报", "个人所得税汇算清缴", "跨省异地就医直接结算备案", "危险化学品经营许可证核发",
	"快递业务经营许可", "民用无人驾驶航空器实名登记", "对违法停放机动车的拖移", "对见义勇为人员的奖励",
	"道路交通安全违法行为处理", "土地权属争议行政裁决", "食品生产经营监督检查", "银行业金融机构设立审批",
}

var synthVariants = []string{"", "", "", "（首次）", "（变更）", "（注销）", "（延续）", "（补证）", "（跨省通办）", "（告知承诺制）",
	"（容缺受理）", "（全程网办）", "（就近办）", "（一件事）", "（港澳台居民）", "（外国人）"}

var synthConditions = []string{
	"申请人应当具有完全民事行为能力", "户籍在本辖区的中国公民", "在本市连续居住满半年以上", "年满十六周岁",
	"依法取得营业执照的企业", "参加社会保险并按时足额缴费", "符合国家规定的条件", "无违法犯罪记录", "材料齐全、符合法定形式",
	"申请事项属于本机关职权范围", "经营场所符合消防安全要求", "缴存住房公积金满六个月", "家庭人均收入低于当地标准",
}

var synthMaterials = []string{
	"居民身份证", "居民户口簿", "近期免冠照片", "申请表", "营业执照", "法定代表人身份证明", "授权委托书", "结婚证",
	"出生医学证明", "社会保障卡", "不动产权证书", "购房合同", "劳动合同", "解除劳动关系证明", "体检合格证明",
	"学历证书", "机动车驾驶证", "机动车行驶证", "交通事故责任强制保险凭证", "收入证明", "居住证明", "场所使用证明",
	"公司章程", "清算报告", "银行卡", "残疾人证", "医疗费用票据", "病历资料", "资格证书", "承诺书",
}

var synthSteps = []string{"申请", "受理", "审查", "决定", "送达", "网上预约", "窗口提交材料", "现场核验", "缴纳费用", "领取证件"}

// synthRegion returns the region path of item i: 31 provinces × 10
// cities × 10 counties, with some items at city, province or national
// level.
func synthRegion(r *rand.Rand) []string {
	p := 11 + r.IntN(31)
	c := 1 + r.IntN(10)
	k := 1 + r.IntN(10)
	prov := fmt.Sprintf("%02d0000", p)
	city := fmt.Sprintf("%02d%02d00", p, c)
	county := fmt.Sprintf("%02d%02d%02d", p, c, k)
	switch x := r.IntN(100); {
	case x < 2:
		return []string{"000000"}
	case x < 8:
		return []string{prov}
	case x < 25:
		return []string{city, prov}
	}
	return []string{county, city, prov}
}

func synthDoc(i int) search.Doc {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	// Every county implements most of the base list: a uniform pick (with
	// 101 bases each title is ~1% of the catalog, more than any matter in a
	// real national catalog of thousands of matters).
	base := synthBase[r.IntN(len(synthBase))]
	title := base + synthVariants[r.IntN(len(synthVariants))]
	var body strings.Builder
	body.WriteString("受理条件：")
	for j := 0; j < 2+r.IntN(2); j++ {
		body.WriteString(synthConditions[r.IntN(len(synthConditions))])
		body.WriteString("；")
	}
	body.WriteString("申请材料：")
	for j := 0; j < 3+r.IntN(5); j++ {
		body.WriteString(synthMaterials[r.IntN(len(synthMaterials))])
		body.WriteString("、")
	}
	body.WriteString("办理流程：")
	for j := 0; j < 3+r.IntN(3); j++ {
		body.WriteString(synthSteps[r.IntN(len(synthSteps))])
		body.WriteString("→")
	}
	fmt.Fprintf(&body, "。法定办结时限%d个工作日，承诺办结时限%d个工作日。常见问题：%s需要本人到场吗？可以委托他人代为办理。",
		5+r.IntN(55), 1+r.IntN(20), base)
	path := synthRegion(r)
	types := []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "20"}
	typ := types[r.IntN(len(types))]
	group := "power"
	if typ == "20" {
		group = "public"
	}
	aud := []string{"natural"}
	if r.IntN(3) == 0 {
		aud = []string{"legal"}
	} else if r.IntN(5) == 0 {
		aud = []string{"natural", "legal"}
	}
	return search.Doc{
		ID: fmt.Sprintf("item:S%d", i), Kind: "matter", Title: title, Body: body.String(), Keywords: []string{base},
		URL: fmt.Sprintf("/matters/S%d", i), RegionPath: path,
		Facets: map[string][]string{"type": {typ}, "group": {group}, "audience": aud,
			"dept": {fmt.Sprintf("N%03d", 1+r.IntN(52))}, "theme_n": {fmt.Sprintf("%03d", 10*(1+r.IntN(27)))},
			"level": {fmt.Sprint(1 + len(path)%4)}, "online": {fmt.Sprint(r.IntN(2))}, "region": {path[0]},
			"scope": {[]string{"fixed", "national", "cross_province", "cross_city"}[r.IntN(4)]}, "site": {path[len(path)-1]}},
		Popularity: r.Float64(), Updated: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(365*24)) * time.Hour),
	}
}
