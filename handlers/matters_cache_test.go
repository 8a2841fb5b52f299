package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zwfw/portal/handlers"
	"github.com/zwfw/portal/handlers/handlertest"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/models/sites"
	"github.com/zwfw/portal/models/usercenter"
)

// Issue 3: the guide body is rendered once per guide version and language
// and reused; an edit (a new version) shows at once, each language gets its
// own text, and what differs per visitor (the favourite control and login
// state) is never shared between visitors.
func TestGuideRenderCache(t *testing.T) {
	var eng *search.Engine
	env := handlertest.NewWithDemo(t, func(d *handlers.Deps) {
		ref, err := refdata.Load(context.Background(), d.Store)
		if err != nil {
			t.Fatal(err)
		}
		d.Ref = ref
		eng, err = search.Open(context.Background(), d.Store.DB, nil, catalog.NewSearchSource(d.Store, ref), sites.NewSearchSource(d.Store, ref))
		if err != nil {
			t.Fatal(err)
		}
		d.Search = eng
	})
	code := matItemCode(t, env, matTarget, "i.region_code = ?", "330106")
	path := "/matters/" + code
	anon := env.Client()
	title := func(c *handlertest.Client) string {
		return strings.TrimSpace(matGet(t, c, path, http.StatusOK).Find("h1").Text())
	}
	if got := title(anon); got != matTarget {
		t.Fatalf("h1 = %q, want %q", got, matTarget)
	}

	t.Run("each language renders its own", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, env.Server.URL+path, nil)
		req.Header.Set("Accept-Language", "en")
		doc := anon.Do(req).Doc(t)
		if h := doc.Find("#basic").Text(); h == "" || strings.Contains(h, "基本信息") {
			t.Errorf("English guide heading = %q", h)
		}
		if h := matGet(t, anon, path, http.StatusOK).Find("#basic").Text(); h != "基本信息" {
			t.Errorf("Chinese guide heading after an English view = %q", h)
		}
	})

	t.Run("per-visitor parts are not shared", func(t *testing.T) {
		user := signIn(t, env, usercenter.DemoPhone, usercenter.DemoPassword)
		wantRedirect(t, user.Post("/me/favourites", url.Values{"kind": {"matter"}, "ref": {code}, "return_to": {path}}), path)
		if matGet(t, user, path, http.StatusOK).Find(".zw-fav__form button").Length() != 1 ||
			!strings.Contains(user.Get(path).Body, "★") {
			t.Error("the signed-in visitor does not see the saved favourite")
		}
		if doc := matGet(t, anon, path, http.StatusOK); doc.Find(".zw-fav__login").Length() != 1 || strings.Contains(doc.Text(), "★") {
			t.Error("an anonymous visitor sees another visitor's favourite state")
		}
	})

	t.Run("an edit shows at once", func(t *testing.T) {
		// What the staff console does: commit, then tell the index (and, on
		// PostgreSQL, every other process) that the item changed.
		if err := env.Store.DB.Exec("UPDATE matter_items SET name = ?, version = version + 1 WHERE code = ?", matTarget+"（新版）", code).Error; err != nil {
			t.Fatal(err)
		}
		if err := eng.Changed(context.Background(), catalog.DocPrefix+code); err != nil {
			t.Fatal(err)
		}
		if got := title(anon); got != matTarget+"（新版）" {
			t.Errorf("after an edit h1 = %q", got)
		}
		if err := env.Store.DB.Exec("UPDATE matter_items SET status = 'draft' WHERE code = ?", code).Error; err != nil {
			t.Fatal(err)
		}
		if err := eng.Changed(context.Background(), catalog.DocPrefix+code); err != nil {
			t.Fatal(err)
		}
		matGet(t, anon, path, http.StatusNotFound)
	})
}
