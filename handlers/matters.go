package handlers

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/catalog"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/search"
	"github.com/zwfw/portal/views/components"
)

// finder is what the navigation pages need from the search engine: the
// finder is Search with empty text plus filters and facet counts.
type finder interface {
	Search(ctx context.Context, q search.Query) (search.Result, error)
}

// guideRepo is what the attachment pages need from the catalog.
type guideRepo interface {
	GetAttachment(ctx context.Context, id int64) (catalog.Attachment, error)
}

// mattersHandler serves the service navigation of C 0103 6.3 (/matters,
// /matters/by/{dim}), the guide page of 7.1 (/matters/{code}) and the
// attachments the guides link to.
type mattersHandler struct {
	site   *web.Site
	ref    *refdata.Catalog
	search finder
	repo   guideRepo
	guides *catalog.GuideCache
	region func(c echo.Context) string // the visitor's region, "" = 全国
	// applyRoute reports, once routes are all registered, whether the
	// online application flow (a later issue) exists.
	applyRoute func() bool
	// guideActions lets later features (favourite, share, rating) add
	// controls to the guide page; none are rendered until one registers.
	guideActions []func(c echo.Context, code string) templ.Component
	// satisfaction is the matter's public rating on its guide (C 0103 7.6).
	satisfaction *consult.SatisfactionCache
}

// satisfactionTTL is how late a new rating may appear on a guide page.
const satisfactionTTL = 30 * time.Second

// guideTrust is how long a guide is served from memory without asking the
// database for its version (issue 3: guide throughput).
const guideTrust = 5 * time.Second

func registerMatters(app *App, d Deps) {
	repo := catalog.NewRepo(d.Store)
	h := &mattersHandler{site: app.Site, ref: d.Ref, search: d.Search, repo: repo, guides: catalog.NewGuideCache(repo, 20000), region: RegionFromRequest,
		satisfaction: consult.NewSatisfactionCache(d.Store, satisfactionTTL)}
	if d.Search != nil {
		// Guide pages follow the search index's changes (every process hears
		// them by NOTIFY), so a guide read often is not checked against the
		// database on every request; guideTrust bounds the staleness of an
		// edit made straight in the database.
		h.guides.Follow(guideTrust)
		d.Search.OnChange(func(id string) {
			if code, ok := strings.CutPrefix(id, catalog.DocPrefix); ok || id == search.AllChanged {
				h.guides.Forget(code)
			}
		})
	}
	// C 0103 7.7 f: a signed-in visitor can favourite the guide from the page.
	h.guideActions = append(h.guideActions, guideFavouriteAction)
	e := app.Echo
	h.applyRoute = sync.OnceValue(func() bool {
		for _, r := range e.Routes() {
			if r.Path == "/matters/:code/apply" {
				return true
			}
		}
		return false
	})
	e.GET("/matters", h.finder)
	web.CompressesItself("/matters") // finder: per-request chunks from the memo
	e.GET("/matters/by/:dim", h.dimension)
	e.GET("/matters/:code", h.guide)
	web.CompressesItself("/matters/:code") // guide: precompressed text (web.RenderStitched)
	e.GET("/attachments/:id", h.attachment)
}

// finderURL is the finder with the given filters; shared by every page
// that links into it (dimension pages, sub-sites, breadcrumbs).
func finderURL(q url.Values) string {
	if enc := q.Encode(); enc != "" {
		return "/matters?" + enc
	}
	return "/matters"
}

// regionHref links to the region chooser, coming back here.
func regionHref(c echo.Context) string {
	return "/region?return_to=" + url.QueryEscape(c.Request().URL.RequestURI())
}

// regionName is the visitor's region for display, "" for 全国.
func (h *mattersHandler) regionName(code string) string {
	if code == "" {
		return ""
	}
	return h.ref.ShortName(code)
}

func (h *mattersHandler) crumbs(ctx context.Context, tail ...components.Crumb) []components.Crumb {
	out := []components.Crumb{
		{Text: locales.T(ctx, "nav.home"), Href: "/"},
		{Text: locales.T(ctx, "matters.nav"), Href: "/matters"},
	}
	return append(out, tail...)
}
