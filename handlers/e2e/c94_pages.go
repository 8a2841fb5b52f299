//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"

	"github.com/zwfw/portal/models/filing"
	"github.com/zwfw/portal/models/filing/filingtest"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/usercenter"
)

// The filing pages (issue 11) need filings of the demo organisation
// account: 1 approved, 2 submitted (in review), 3 a draft. filingDemo makes
// them once per portal, through the portal's own forms (so the files land
// in its blob store) and the model for the review.
var filingDemo sync.Mutex

func ensureFilings(s *Setup) error {
	filingDemo.Lock()
	defer filingDemo.Unlock()
	var n int64
	s.Env.Store.DB.Raw("SELECT COUNT(*) FROM filings").Scan(&n)
	if n >= 3 {
		return nil
	}
	c, err := portalClient(s, usercenter.DemoPhoneLegal, usercenter.DemoPassword)
	if err != nil {
		return err
	}
	for i, name := range []string{"浙里办", "浙政钉", "浙江医保"} {
		path, err := c.create(name)
		if err != nil {
			return err
		}
		if i == 2 {
			break // the draft keeps its upload forms
		}
		if err := c.complete(path, byte(i)); err != nil {
			return err
		}
		if err := c.post(path+"/submit", url.Values{}); err != nil {
			return err
		}
	}
	svc := filing.NewService(s.Env.Store, nil, nil)
	d := filing.Decision{Decision: filing.DecisionApprove}
	for _, it := range filing.ChecklistItems {
		d.Checks = append(d.Checks, filing.Check{Item: it, Passed: new(true)})
	}
	return svc.Review(context.Background(), filing.Reviewer{ID: 1, Scope: staff.Scope{Region: staff.National}}, 1, d)
}

// filingPages is a Page.Setup: the filings exist and the tab is signed in
// as the demo organisation account.
func filingPages(s *Setup) error {
	if err := ensureFilings(s); err != nil {
		return err
	}
	return signIn(usercenter.DemoPhoneLegal)(s)
}

// filingReviewer is a Page.Setup: the filings exist and a 浙江 reviewer is
// signed in to the console.
func filingReviewer(s *Setup) error {
	if err := ensureFilings(s); err != nil {
		return err
	}
	return StaffSignIn(staff.RoleFilingReviewer, "330000", "")(s)
}

// filingPublic is a Page.Setup: the filings exist (visitor).
func filingPublic(s *Setup) error { return ensureFilings(s) }

// httpClient is a Go client signed in to the portal (outside the tab).
type httpClient struct {
	base string
	c    *http.Client
}

func portalClient(s *Setup, login, password string) (*httpClient, error) {
	jar, _ := cookiejar.New(nil)
	hc := &httpClient{base: s.Env.Server.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	if res, err := hc.c.Get(hc.base + "/login"); err == nil {
		res.Body.Close()
	}
	return hc, hc.post("/login", url.Values{"login": {login}, "password": {password}})
}

func (h *httpClient) csrf() string {
	u, _ := url.Parse(h.base)
	for _, ck := range h.c.Jar.Cookies(u) {
		if ck.Name == "zw_csrf" {
			return ck.Value
		}
	}
	return ""
}

func (h *httpClient) send(req *http.Request) (string, error) {
	res, err := h.c.Do(req)
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("setup: %s %s answered %d", req.Method, req.URL.Path, res.StatusCode)
	}
	return res.Header.Get("Location"), nil
}

func (h *httpClient) post(path string, v url.Values) error {
	_, err := h.postLoc(path, v)
	return err
}

func (h *httpClient) postLoc(path string, v url.Values) (string, error) {
	v.Set("_csrf", h.csrf())
	req, _ := http.NewRequest(http.MethodPost, h.base+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return h.send(req)
}

func (h *httpClient) upload(path, field string, data []byte) error {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("_csrf", h.csrf()) //nolint:errcheck
	fw, _ := w.CreateFormFile(field, field+".bin")
	fw.Write(data) //nolint:errcheck
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, h.base+path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	_, err := h.send(req)
	return err
}

func (h *httpClient) create(name string) (string, error) {
	return h.postLoc("/developer/filings", url.Values{"level": {"local"}, "region_code": {"330000"}, "org_name": {"杭州示例科技有限公司"},
		"name": {name}, "full_name": {name + "政务服务"}, "description": {"办事、查询、缴费。"}, "release_notes": {"1.0：首次发布。"},
		"resp_unit": {"浙江省大数据发展管理局"}, "supervisor_unit": {"浙江省人民政府办公厅"}, "supervisor_phone": {"0571-87050000"},
		"manager_name": {"王五"}, "manager_phone": {"13800138002"}, "tech_unit": {"示例科技有限公司"}, "tech_contact": {"赵六"},
		"tech_phone": {"13800138003"}})
}

func (h *httpClient) complete(path string, seed byte) error {
	if err := h.upload(path+"/icon", "icon", filingtest.PNG(192, 192, seed)); err != nil {
		return err
	}
	for i := byte(0); i < 3; i++ {
		if err := h.upload(path+"/screenshots", "screenshot", filingtest.PNG(270, 480, 10*seed+i)); err != nil {
			return err
		}
	}
	apk := filingtest.APK(filingtest.AXMLOptions{Package: fmt.Sprintf("cn.gov.zj.demo%d", seed), VersionName: "1.0.0", VersionCode: 100})
	return h.upload(path+"/package", "package", apk)
}
