package handlers_test

import (
	"bytes"
	"github.com/PuerkitoBio/goquery"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers/admin/admintest"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/staff"
)

// C 0103 7.5.2: a complaint about a completed case, with a photo; bad
// files get a message beside the field and the text is kept; staff reply
// with the department's statement and the result is published masked.
func TestComplaintAboutCompletedCase(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	it := firstItem(t, env)
	c, uid := consultUser(t, env, 3)
	other, _ := consultUser(t, env, 3)
	caseID := completedCase(t, env, uid, it)
	r := c.Get("/complaints/new")
	want(t, r, http.StatusOK, "form")
	doc := r.Doc(t)
	if doc.Find(`select[name=case_id] option[value="`+strconv.FormatInt(caseID, 10)+`"]`).Length() != 1 {
		t.Fatal("the user's completed case is offered")
	}
	if in := doc.Find("input[type=file]#files"); in.AttrOr("accept", "") != "image/*" || in.AttrOr("capture", "") == "" {
		t.Fatal("the image input opens the camera on phones")
	}
	fields := map[string]string{"about": "case", "case_id": strconv.FormatInt(caseID, 10), "title": "办理超时",
		"content": "承诺 5 个工作日，实际 12 天。", "public": "yes", "action": "submit"}
	r = postMultipart(t, env, c, "/complaints", fields, map[string][]byte{"notes.txt": []byte("not an image")})
	want(t, r, http.StatusUnprocessableEntity, "non-image")
	if msg := r.Doc(t).Find("#files-error").Text(); !strings.Contains(msg, "notes.txt") {
		t.Fatalf("message beside the field: %q", msg)
	}
	if r.Doc(t).Find("#title").AttrOr("value", "") != "办理超时" {
		t.Fatal("the text typed is kept")
	}
	big := append(pngImage(t), bytes.Repeat([]byte{0}, 5<<20)...)
	want(t, postMultipart(t, env, c, "/complaints", fields, map[string][]byte{"big.png": big}), http.StatusUnprocessableEntity, "oversize image")
	fields["case_id"] = "999999"
	r = postMultipart(t, env, c, "/complaints", fields, nil)
	want(t, r, http.StatusUnprocessableEntity, "someone else's case")
	if errorSummary(r.Doc(t))["case_id"] == "" {
		t.Fatal("an unknown case is refused beside the field")
	}
	fields["case_id"] = strconv.FormatInt(caseID, 10)
	r = postMultipart(t, env, c, "/complaints", fields, map[string][]byte{"photo.png": pngImage(t)})
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/me/complaints/") {
		t.Fatalf("submit: %d %q %s", r.StatusCode, loc, snippet(r.Body))
	}
	id := strings.TrimPrefix(loc, "/me/complaints/")
	page := c.Get(loc)
	want(t, page, http.StatusOK, "own complaint")
	img := page.Doc(t).Find("img.zw-consult__img").AttrOr("src", "")
	if img == "" || !strings.Contains(page.Body, "答复期限") {
		t.Fatalf("own complaint shows the photo and the deadline: %s", snippet(page.Body))
	}
	if got := c.Get(img); got.StatusCode != http.StatusOK || got.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("photo: %d %s", got.StatusCode, got.Header.Get("Content-Type"))
	}
	want(t, other.Get(img), http.StatusNotFound, "another user's photo")
	want(t, other.Get(loc), http.StatusNotFound, "another user's complaint")

	h, _ := admintest.SignIn(t, env, staff.RoleConsultHandler, it.RegionCode, it.DeptCode)
	want(t, h.Get("/admin/complaints/settings"), http.StatusOK, "settings")
	want(t, h.Post("/admin/complaints/statement", url.Values{"legal_nature": {""}, "remedy": {""}}), http.StatusUnprocessableEntity, "empty statement")
	wantRedirect(t, h.Post("/admin/complaints/statement", url.Values{"legal_nature": {"本答复为告知性答复。"},
		"remedy": {"不服可在六十日内申请行政复议。"}}), "/admin/complaints/settings")
	want(t, h.Post("/admin/complaints/limit", url.Values{"limit": {"10"}}), http.StatusForbidden, "provincial limit change")
	sv := h.Get("/admin/complaints/" + id)
	want(t, sv, http.StatusOK, "staff view")
	simg := sv.Doc(t).Find("img.zw-consult__img").AttrOr("src", "")
	if got := h.Get(simg); simg == "" || got.StatusCode != http.StatusOK {
		t.Fatalf("staff see the photo: %q", simg)
	}
	far, _ := admintest.SignIn(t, env, staff.RoleConsultHandler, "650000", "")
	want(t, far.Get(simg), http.StatusNotFound, "out-of-scope photo")
	wantRedirect(t, h.Post("/admin/complaints/"+id+"/reply", url.Values{"reply": {"已核实，向您致歉。"}}), "/admin/complaints/"+id)
	pub := env.Client().Get("/complaints/" + id)
	want(t, pub, http.StatusOK, "public complaint")
	if !strings.Contains(pub.Body, "不服可在六十日内申请行政复议。") || strings.Contains(pub.Body, "张三") || !strings.Contains(pub.Body, "张*") {
		t.Fatalf("public complaint with statement, masked: %s", snippet(pub.Body))
	}
	if img := pub.Doc(t).Find("img").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.Contains(s.AttrOr("src", ""), "/complaints/files/")
	}); img.Length() != 0 {
		t.Fatal("photos are never public")
	}
}

// Staff hide an item; the public log says that and why, not what.
func TestHideWritesThePublicLog(t *testing.T) {
	env := handlertest.NewWithDemo(t)
	it := firstItem(t, env)
	c, _ := consultUser(t, env, 3)
	r := c.Post("/consultations", url.Values{"action": {"submit"}, "item_code": {it.Code}, "name": {"张三"}, "phone": {"13812345678"},
		"title": {"我的证件"}, "content": {"号码 11010519491231002X 可以吗"}, "public": {"yes"}})
	id := strings.TrimPrefix(r.Header.Get("Location"), "/me/consultations/")
	h, _ := admintest.SignIn(t, env, staff.RoleConsultHandler, it.RegionCode, "")
	if !strings.Contains(h.Get("/admin/consultations?held=1").Body, "我的证件") {
		t.Fatal("the item with an ID number is held for staff")
	}
	want(t, h.Post("/admin/consultations/"+id+"/hide", url.Values{"reason": {""}}), http.StatusUnprocessableEntity, "no reason")
	wantRedirect(t, h.Post("/admin/consultations/"+id+"/hide", url.Values{"reason": {"含有身份证号"}}), "/admin/consultations/"+id)
	log := env.Client().Get("/consultations/hidden")
	if !strings.Contains(log.Body, "含有身份证号") || strings.Contains(log.Body, "11010519491231002X") || strings.Contains(log.Body, "我的证件") {
		t.Fatalf("hidden log: %s", snippet(log.Body))
	}
	csrfless := h.PostRaw("/admin/consultations/"+id+"/release", url.Values{})
	want(t, csrfless, http.StatusForbidden, "staff POST without CSRF")
}
