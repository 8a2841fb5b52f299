package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/zwfw/portal/handlers/handlertest"
)

// get fetches path and fails unless it answers want.
func get(t *testing.T, c *handlertest.Client, path string, want int) *goquery.Document {
	t.Helper()
	res := c.Get(path)
	if res.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d", path, res.StatusCode, want)
	}
	return res.Doc(t)
}

// post submits a form and fails unless it answers want.
func post(t *testing.T, c *handlertest.Client, path string, form url.Values, want int) *handlertest.Response {
	t.Helper()
	res := c.Post(path, form)
	if res.StatusCode != want {
		t.Fatalf("POST %s: %d, want %d\n%s", path, res.StatusCode, want, res.Body)
	}
	return res
}

// itemIn returns the id and code of a published demo item whose region
// code starts with prefix.
func itemIn(t *testing.T, env *handlertest.Env, prefix string) (int64, string) {
	t.Helper()
	var row struct {
		ID   int64
		Code string
	}
	err := env.Store.DB.Raw("SELECT id, code FROM matter_items WHERE region_code LIKE ? AND status = 'published' ORDER BY id LIMIT 1", prefix+"%").Scan(&row).Error
	if err != nil || row.ID == 0 {
		t.Fatalf("no demo item in %s: %v", prefix, err)
	}
	return row.ID, row.Code
}

func itemPath(id int64) string { return "/admin/items/" + strconv.FormatInt(id, 10) }

// editForm reads the edit form of an item as a browser would submit it.
func editForm(t *testing.T, c *handlertest.Client, id int64) url.Values {
	t.Helper()
	doc := get(t, c, itemPath(id)+"/edit", http.StatusOK)
	v := url.Values{}
	doc.Find("form.zw-admin__form input, form.zw-admin__form textarea").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		if name == "" || name == "_csrf" {
			return
		}
		typ, _ := s.Attr("type")
		if typ == "radio" {
			if _, ok := s.Attr("checked"); !ok {
				return
			}
		}
		if goquery.NodeName(s) == "textarea" {
			v.Set(name, s.Text())
		} else {
			v.Set(name, s.AttrOr("value", ""))
		}
	})
	return v
}

type goquerySel = goquery.Selection

func goqueryName(s *goquery.Selection) string { return goquery.NodeName(s) }
