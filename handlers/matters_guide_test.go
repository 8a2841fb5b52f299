package handlers_test

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/handlertest"
)

// C 0103 7.1: the guide shows every element of the implementation list.
func TestMatterGuide(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	code := matItemCode(t, env, matTarget, "i.region_code = ?", "330106")
	doc := matGet(t, c, "/matters/"+code, http.StatusOK)

	t.Run("key facts come first", func(t *testing.T) {
		keys := matTexts(doc.Find(".zw-guide__facts dt"))
		want := []string{"能否在线办理", "到办事现场次数", "法定办结时限", "承诺办结时限", "是否收费"}
		if strings.Join(keys, ",") != strings.Join(want, ",") {
			t.Fatalf("key facts %v, want %v", keys, want)
		}
		first := doc.Find("main h2:not(.zw-visually-hidden)").First()
		if first.Nodes[0] == doc.Find("h2#basic").Nodes[0] || doc.Find(".zw-guide__facts").Length() != 1 {
			t.Error("key facts must come before the sections")
		}
	})

	t.Run("every element has its section", func(t *testing.T) {
		for _, id := range []string{"basic", "conditions", "materials", "process", "fees", "place", "consult", "complaint", "faq", "attachments", "others"} {
			if doc.Find("h2#"+id).Length() != 1 {
				t.Errorf("no h2#%s", id)
			}
			if doc.Find(`.zw-guide__contents a[href="#`+id+`"]`).Length() != 1 {
				t.Errorf("contents list does not link #%s", id)
			}
		}
		basic := strings.Join(matTexts(doc.Find("h2#basic + dl dt")), ",")
		for _, k := range []string{"实施编码", "事项类型", "设定依据", "行使层级", "实施主体", "实施主体性质", "实施主体统一社会信用代码",
			"服务对象", "办件类型", "办理形式", "通办范围", "实名认证要求"} {
			if !strings.Contains(basic, k) {
				t.Errorf("basic information lacks %s (has %s)", k, basic)
			}
		}
		if matNumber(doc.Find(".zw-breadcrumbs").Text()) >= 0 || doc.Find(".zw-breadcrumbs a").Length() < 2 {
			t.Error("breadcrumbs missing")
		}
	})

	t.Run("materials are an accessible table", func(t *testing.T) {
		table := doc.Find("h2#materials ~ table").First()
		if strings.TrimSpace(table.Find("caption").Text()) == "" {
			t.Fatal("materials table has no caption")
		}
		cols := matTexts(table.Find(`thead th[scope="col"]`))
		if len(cols) != 9 || cols[0] != "材料名称" || cols[1] != "是否必要" {
			t.Fatalf("columns %v", cols)
		}
		rows := table.Find("tbody tr")
		if rows.Length() < 2 || table.Find(`tbody th[scope="row"]`).Length() != rows.Length() {
			t.Fatalf("%d rows, each must start with th scope=row", rows.Length())
		}
		rows.Each(func(_ int, tr *goquery.Selection) {
			n := strings.TrimSpace(tr.Find("td").First().Contents().Last().Text())
			if n != "必要" && n != "非必要" && !strings.HasPrefix(n, "容缺") {
				t.Errorf("necessity %q is not a word", n)
			}
		})
		if table.Find(`a[href^="/attachments/"]`).Length() == 0 {
			t.Error("no blank form or sample linked from the table")
		}
	})

	t.Run("process, fees, FAQ and attachments", func(t *testing.T) {
		steps := doc.Find("ol.zw-steps > li")
		if steps.Length() < 2 || !strings.Contains(steps.First().Text(), "第 1 步") {
			t.Errorf("%d numbered steps", steps.Length())
		}
		if doc.Find(`h2#fees ~ table th[scope="col"]`).Length() != 4 {
			t.Error("a charged item needs its fee table")
		}
		if doc.Find("h2#faq ~ details.zw-details summary").Length() < 2 {
			t.Error("FAQs must be <details>")
		}
		atts := doc.Find(".zw-attachments__item")
		if atts.Length() == 0 {
			t.Fatal("no attachments listed")
		}
		atts.Each(func(_ int, li *goquery.Selection) {
			meta := li.Find(".zw-attachments__meta").Text()
			if !strings.Contains(meta, "B") || !strings.ContainsAny(meta, "PDFJPGNOM") {
				t.Errorf("attachment meta %q lacks format and size", meta)
			}
			// C 0103 6.1 c: each attachment can also be read in the page.
			download := li.Find(".zw-attachments__link[download]").AttrOr("href", "")
			if view := li.Find(`.zw-attachments__link:not([download])`).AttrOr("href", ""); download == "" || view != download+"/view" {
				t.Errorf("attachment %q: reader link %q, download %q", li.Text(), view, download)
			}
		})
		for _, o := range matTexts(doc.Find("h2#others + ul a")) {
			if strings.Contains(o, "西湖区") {
				t.Errorf("other regions list the item itself: %q", o)
			}
		}
	})

	t.Run("apply is offered only where it leads somewhere", func(t *testing.T) {
		apply := doc.Find("a.zw-button").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == "在线办理" })
		// The portal's own application flow (issue 7) once it is registered,
		// else the item's online address on its province's site.
		if href := apply.AttrOr("href", ""); !strings.HasPrefix(href, "https://") && href != "/matters/"+code+"/apply" {
			t.Errorf("online item: apply link %q", href)
		}
		offline := matItemCode(t, env, "居民身份证首次申领", "i.online = ?", false)
		d := matGet(t, c, "/matters/"+offline, http.StatusOK)
		if d.Find("main a.zw-button").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == "在线办理" }).Length() != 0 {
			t.Error("an item that cannot be handled online offers 在线办理")
		}
		// The actions section holds real controls only (C 0103 7.7 f: 收藏).
		if a := d.Find(".zw-guide__actions"); a.Length() != 0 && strings.TrimSpace(a.Text()) == "" {
			t.Error("empty favourite/share/rating section rendered")
		}
	})

	t.Run("free items say so", func(t *testing.T) {
		free := matItemCode(t, env, "结婚登记", "i.charged = ?", false)
		d := matGet(t, c, "/matters/"+free, http.StatusOK)
		if !strings.Contains(d.Find("h2#fees + p").Text(), "不收费") {
			t.Errorf("fees section: %q", d.Find("h2#fees + p").Text())
		}
	})

	t.Run("unknown codes are a 404 with a way back", func(t *testing.T) {
		for _, p := range []string{"/matters/NOPE-000000", "/matters/%3Cscript%3E", "/matters/" + strings.Repeat("9", 80)} {
			d := matGet(t, c, p, http.StatusNotFound)
			if d.Find(`main a[href="/"]`).Length() == 0 {
				t.Errorf("%s: 404 page without a way back", p)
			}
		}
	})
}

func TestAttachmentDownload(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	c := env.Client()
	doc := matGet(t, c, "/matters/"+matItemCode(t, env, matTarget, "i.region_code = ?", "330106"), http.StatusOK)
	link := doc.Find(".zw-attachments__link").First()
	href, name := link.AttrOr("href", ""), strings.TrimSpace(link.Text())
	r := c.Get(href)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", href, r.StatusCode)
	}
	ct := r.Header.Get("Content-Type")
	if !strings.HasPrefix(ct, "image/") && !strings.HasPrefix(ct, "application/") && !strings.HasPrefix(ct, "video/") {
		t.Errorf("Content-Type %q", ct)
	}
	if r.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	cd := r.Header.Get("Content-Disposition")
	if !strings.Contains(cd, "filename*=UTF-8''") {
		t.Errorf("Content-Disposition %q lacks the RFC 5987 name", cd)
	}
	if _, params, err := mime.ParseMediaType(cd); err != nil || params["filename"] != name {
		t.Errorf("Content-Disposition %q names %q, want %q (%v)", cd, params["filename"], name, err)
	}
	if n, _ := strconv.Atoi(r.Header.Get("Content-Length")); n != len(r.Body) || n == 0 {
		t.Errorf("Content-Length %q, body %d bytes", r.Header.Get("Content-Length"), len(r.Body))
	}
	for _, p := range []string{"/attachments/0", "/attachments/abc", "/attachments/99999999"} {
		if r := c.Get(p); r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, r.StatusCode)
		}
	}
}

// Once the application flow of a later issue registers its route, the
// guide's 在线办理 leads there instead of to the province's site.
func TestGuideApplyLinksTheOwnFlowWhenItExists(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	env.App.Echo.GET("/matters/:code/apply", func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	code := matItemCode(t, env, matTarget, "i.region_code = ?", "330106")
	doc := matGet(t, env.Client(), "/matters/"+code, http.StatusOK)
	if href := doc.Find("a.zw-button").AttrOr("href", ""); href != "/matters/"+code+"/apply" {
		t.Fatalf("在线办理 links %q", href)
	}
}
