package ofd

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// licence builds a one-page OFD like an electronic business licence
// (电子营业执照): a template page with the double border and the national
// emblem area, a title, a dozen labelled fields with per-glyph DeltaX, a red
// seal image, a QR-like block of paths and a stamp circle drawn with arcs.
func licence(t testing.TB) []byte {
	t.Helper()
	var seal bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 120, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 120; x++ {
			dx, dy := x-60, y-60
			if d := dx*dx + dy*dy; d < 3600 && d > 3000 {
				img.Set(x, y, color.RGBA{200, 20, 20, 255})
			}
		}
	}
	if err := png.Encode(&seal, img); err != nil {
		t.Fatal(err)
	}
	var fields strings.Builder
	labels := []string{"统一社会信用代码", "名称", "类型", "法定代表人", "经营范围", "注册资本", "成立日期", "营业期限", "住所", "登记机关", "发照日期", "备注"}
	values := []string{"91330106MA2XXXXX0X", "杭州示例科技有限公司", "有限责任公司（自然人投资或控股）", "张三", "技术开发、技术服务、技术咨询", "壹佰万元整",
		"2020年01月01日", "2020年01月01日至长期", "浙江省杭州市西湖区示例路1号", "杭州市西湖区市场监督管理局", "2026年12月01日", "无"}
	for i, l := range labels {
		y := 70 + float64(i)*14
		fmt.Fprintf(&fields, `<ofd:TextObject ID="%d" Boundary="30 %g 40 8" Font="2" Size="4.2"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="5" DeltaX="g %d 4.4">%s</ofd:TextCode></ofd:TextObject>`,
			100+i*2, y, len([]rune(l))-1, l)
		fmt.Fprintf(&fields, `<ofd:TextObject ID="%d" Boundary="75 %g 110 8" Font="3" Size="4.2"><ofd:TextCode X="0" Y="5">%s</ofd:TextCode></ofd:TextObject>`,
			101+i*2, y, values[i])
	}
	var qr strings.Builder
	for i := 0; i < 21; i++ {
		for j := 0; j < 21; j++ {
			if (i*7+j*3)%5 < 2 {
				fmt.Fprintf(&qr, "M %d %d L %d %d L %d %d L %d %d C ", j, i, j+1, i, j+1, i+1, j, i+1)
			}
		}
	}
	files := map[string]string{
		"OFD.xml": `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID><ofd:Title>营业执照</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml": `<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 297 210</ofd:PhysicalBox></ofd:PageArea>
<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes><ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>
<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
		"Doc_0/PublicRes.xml":   `<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="黑体" FamilyName="SimHei"/><ofd:Font ID="3" FontName="宋体" FamilyName="SimSun"/><ofd:Font ID="4" FontName="楷体" Bold="true"/></ofd:Fonts></ofd:Res>`,
		"Doc_0/DocumentRes.xml": `<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="20" Type="Image" Format="PNG"><ofd:MediaFile>seal.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>`,
		"Doc_0/Res/seal.png":    seal.String(),
		"Doc_0/Tpls/Tpl_0/Content.xml": `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="10">
<ofd:PathObject ID="11" Boundary="5 5 287 200" LineWidth="1.2"><ofd:StrokeColor Value="180 140 60"/><ofd:AbbreviatedData>M 0 0 L 287 0 L 287 200 L 0 200 C</ofd:AbbreviatedData></ofd:PathObject>
<ofd:PathObject ID="12" Boundary="9 9 279 192" LineWidth="0.4"><ofd:StrokeColor Value="180 140 60"/><ofd:AbbreviatedData>M 0 0 L 279 0 L 279 192 L 0 192 C</ofd:AbbreviatedData></ofd:PathObject>
</ofd:Layer></ofd:Content></ofd:Page>`,
		"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Template TemplateID="9"/><ofd:Content><ofd:Layer ID="30">
<ofd:TextObject ID="31" Boundary="108 25 80 20" Font="4" Size="14"><ofd:FillColor Value="200 20 20"/><ofd:TextCode X="0" Y="14" DeltaX="g 3 20">营业执照</ofd:TextCode></ofd:TextObject>` +
			fields.String() +
			`<ofd:ImageObject ID="40" Boundary="200 150 40 40" ResourceID="20" CTM="40 0 0 40 0 0" Alpha="200"/>
<ofd:PageBlock ID="41"><ofd:PathObject ID="42" Boundary="240 30 21 21" Fill="true" Stroke="false"><ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>` + qr.String() + `</ofd:AbbreviatedData></ofd:PathObject>
<ofd:PathObject ID="43" Boundary="195 145 50 50" LineWidth="0.8"><ofd:StrokeColor Value="200 20 20" Alpha="128"/><ofd:AbbreviatedData>M 0 25 A 25 25 0 1 1 50 25 A 25 25 0 1 1 0 25 C</ofd:AbbreviatedData></ofd:PathObject></ofd:PageBlock>
</ofd:Layer></ofd:Content></ofd:Page>`,
	}
	return zipOf(t, files)
}

func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	// OFD.xml first, as producers write it (blob.Sniff relies on it).
	names := []string{"OFD.xml"}
	for n := range files {
		if n != "OFD.xml" {
			names = append(names, n)
		}
	}
	for _, n := range names {
		body, ok := files[n]
		if !ok {
			continue
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
