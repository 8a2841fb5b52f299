package handlers_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/filing/filingtest"
)

// filingUpload posts one file as multipart/form-data with the CSRF token.
func filingUpload(t testing.TB, env *handlertest.Env, c *handlertest.Client, path, field string, data []byte, csrf bool) *handlertest.Response {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if csrf {
		w.WriteField("_csrf", c.CSRF()) //nolint:errcheck
	}
	fw, _ := w.CreateFormFile(field, "upload.bin")
	fw.Write(data) //nolint:errcheck
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

// filingValues is a complete details form for 浙江省.
func filingValues() url.Values {
	return url.Values{"level": {"local"}, "region_code": {"330000"}, "org_name": {"浙江省大数据发展管理局"}, "name": {"浙里办"},
		"full_name": {"浙江政务服务网"}, "description": {"办事、查询、缴费。"}, "release_notes": {"1.0：首次发布。"},
		"resp_unit": {"浙江省大数据发展管理局"}, "supervisor_unit": {"浙江省人民政府办公厅"}, "supervisor_phone": {"0571-87050000"},
		"manager_name": {"王小五"}, "manager_phone": {"13800138002"}, "tech_unit": {"示例科技有限公司"}, "tech_contact": {"赵六"},
		"tech_phone": {"13800138003"}}
}

var filingLoc = regexp.MustCompile(`^/developer/filings/(\d+)$`)

// newFiling creates a draft through the form and returns its path.
func newFiling(t testing.TB, c *handlertest.Client, v url.Values) string {
	t.Helper()
	r := c.Post("/developer/filings", v)
	m := filingLoc.FindStringSubmatch(r.Header.Get("Location"))
	if r.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("create filing: %d %q %s", r.StatusCode, r.Header.Get("Location"), snippet(r.Body))
	}
	return m[0]
}

// completeFiling uploads the icon, three screenshots and an APK.
func completeFiling(t testing.TB, env *handlertest.Env, c *handlertest.Client, path string) {
	t.Helper()
	uploads := []struct {
		to, field string
		data      []byte
	}{
		{"/icon", "icon", filingtest.PNG(192, 192, 1)},
		{"/screenshots", "screenshot", filingtest.PNG(90, 160, 2)},
		{"/screenshots", "screenshot", filingtest.PNG(90, 160, 3)},
		{"/screenshots", "screenshot", filingtest.PNG(90, 160, 4)},
		{"/package", "package", filingtest.APK(filingtest.AXMLOptions{Package: "cn.gov.zj.zlb", VersionName: "7.1.0", VersionCode: 710})},
	}
	for _, u := range uploads {
		if r := filingUpload(t, env, c, path+u.to, u.field, u.data, true); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload %s: %d %s", u.field, r.StatusCode, snippet(r.Body))
		}
	}
}
