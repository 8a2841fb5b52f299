package handlers_test

import (
	"bytes"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zwfw/portal/handlers/handlertest"
)

var consultPhone atomic.Int64

func init() { consultPhone.Store(13700000000) }

// consultUser registers a person (张三) at trust level and returns the
// client and the user id.
func consultUser(t *testing.T, env *handlertest.Env, level int) (*handlertest.Client, int64) {
	t.Helper()
	phone := strconv.FormatInt(consultPhone.Add(1), 10)
	c := registerVia(t, env, phone, "Good#pass1")
	var id int64
	env.Store.DB.Raw("SELECT id FROM users WHERE phone = ?", phone).Scan(&id)
	if err := env.Store.DB.Exec("UPDATE users SET level = ?, email = ? WHERE id = ?", level, "zhang@example.com", id).Error; err != nil {
		t.Fatal(err)
	}
	return c, id
}

// demoItem is a published item of the demo data.
type demoItem struct {
	ID                               int64
	Code, Name, RegionCode, DeptCode string
}

func firstItem(t *testing.T, env *handlertest.Env) demoItem {
	t.Helper()
	var it demoItem
	env.Store.DB.Raw("SELECT id, code, name, region_code, dept_code FROM matter_items WHERE status = 'published' AND region_code <> '000000' ORDER BY id LIMIT 1").Scan(&it)
	if it.Code == "" {
		t.Fatal("no published demo item")
	}
	return it
}

// completedCase stores a completed case of userID for the item.
func completedCase(t *testing.T, env *handlertest.Env, userID int64, it demoItem) int64 {
	t.Helper()
	n := consultPhone.Add(1)
	num := "TST" + strconv.FormatInt(n, 10)
	now := time.Now().UTC()
	err := env.Store.DB.Exec("INSERT INTO cases (number, query_hash, draft_id, user_id, item_id, item_code, matter_name, region_code, dept_code, "+
		"status, submitted_at, completed_at, updated_at) VALUES (?, 'h', ?, ?, ?, ?, ?, ?, ?, 'completed', ?, ?, ?)",
		num, n, userID, it.ID, it.Code, it.Name, it.RegionCode, it.DeptCode, now, now, now).Error
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	env.Store.DB.Raw("SELECT id FROM cases WHERE number = ?", num).Scan(&id)
	return id
}

func pngImage(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// postMultipart sends fields and files (name → content) as a browser does.
func postMultipart(t *testing.T, env *handlertest.Env, c *handlertest.Client, path string, fields map[string]string, files map[string][]byte) *handlertest.Response {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("_csrf", c.CSRF()) //nolint:errcheck
	for k, v := range fields {
		w.WriteField(k, v) //nolint:errcheck
	}
	for name, data := range files {
		fw, _ := w.CreateFormFile("files", name)
		fw.Write(data) //nolint:errcheck
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}
