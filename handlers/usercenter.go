package handlers

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/components"
	"github.com/zwfw/portal/views/layout"
	ucview "github.com/zwfw/portal/views/usercenter"
)

// registerUserCenter adds /me (C 0103 7.7 b–i). Every route needs a signed-in
// account; every ID in a path is looked up within that account, so another
// user's IDs answer 404 like IDs that do not exist.
func registerUserCenter(app *App, h *accountHandler) {
	me := app.Echo.Group("/me", h.requireUser)
	me.GET("", h.dashboard)
	me.GET("/profile", h.profile)
	me.GET("/profile/edit", h.profileEdit)
	me.POST("/profile", h.profileSave)
	me.GET("/password", h.passwordForm)
	me.POST("/password", h.passwordSave)
	me.GET("/trust", h.trust)
	me.POST("/trust/l2", h.trustL2)
	me.POST("/trust/l3", h.trustL3)
	me.POST("/trust/l4", h.trustL4)
	me.GET("/favourites", h.favourites)
	me.POST("/favourites", h.favouriteAdd)
	me.POST("/favourites/:id/delete", h.favouriteRemove)
	me.GET("/messages", h.messages)
	me.POST("/messages/read-all", h.messagesReadAll)
	me.GET("/messages/:id", h.message)
	me.POST("/messages/:id/read", h.messageRead)
	me.POST("/messages/:id/delete", h.messageDelete)
	me.GET("/footprints", h.footprints)
	me.POST("/footprints/clear", h.footprintsClear)
	me.POST("/footprints/pause", h.footprintsPause)
	me.POST("/footprints/:id/delete", h.footprintDelete)
	// 我的证照 comes from an authoritative source asked by identity: only
	// for a verified identity (L3, reference.md §5).
	lic := me.Group("/licences", RequireLevel(h.site, users.L3))
	lic.GET("", h.licencesPage)
	lic.POST("/relink", h.licencesRelink)
	lic.GET("/:id", h.licencePage)
	lic.POST("/:id/unlink", h.licenceUnlink)
	me.GET("/privacy", h.privacyPage)
	me.GET("/data", h.dataDownload)
	me.GET("/delete", h.deleteForm)
	me.POST("/delete", h.deleteAccount)
}

// user is the signed-in account (requireUser guarantees one).
func user(c echo.Context) users.User {
	u, _ := currentUser(c)
	return u
}

// shell is the frame of a user-center page: 首页 › 我的 › title.
func (h *accountHandler) shell(c echo.Context, titleKey string, args ...any) ucview.Shell {
	ctx := c.Request().Context()
	title := locales.T(ctx, titleKey, args...)
	crumbs := []components.Crumb{{Text: locales.T(ctx, "nav.home"), Href: "/"}, {Text: locales.T(ctx, "usercenter.title"), Href: "/me"}, {Text: title}}
	if titleKey == "usercenter.title" {
		crumbs = []components.Crumb{crumbs[0], {Text: title}}
	}
	return ucview.Shell{Title: title, Crumbs: crumbs, Flash: takeFlash(c)}
}

func (h *accountHandler) chrome(c echo.Context) (ch layout.Chrome) {
	ch = h.site.Chrome(c)
	ch.NoIndex = true
	return ch
}

// pathID parses the :id of a route; anything but a positive number is 404.
func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return id, nil
}

// dashboard is GET /me.
func (h *accountHandler) dashboard(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	if err := usercenter.Deliver(ctx, h.st, u.ID, u.CreatedAt); err != nil {
		return err
	}
	n, err := usercenter.CountAll(ctx, h.st, u.ID)
	if err != nil {
		return err
	}
	count := func(key string, v int) string {
		if v == 0 {
			return ""
		}
		return locales.T(ctx, key, v)
	}
	p := ucview.DashboardProps{Shell: h.shell(c, "usercenter.title"), Greeting: locales.T(ctx, "usercenter.greeting", u.DisplayName()),
		Level: levelName(ctx, u.Level), CanUpgrade: u.Level < users.L4}
	for _, s := range []struct {
		key, href string
		count     string
	}{
		{"usercenter.cases", "/me/cases", ""},
		{"usercenter.consultations", "/me/consultations", ""},
		{"usercenter.complaints", "/me/complaints", ""},
		{"usercenter.favourites", "/me/favourites", count("usercenter.count.items", n.Favourites)},
		{"usercenter.messages", "/me/messages", count("usercenter.count.unread", n.Unread)},
		{"usercenter.footprints", "/me/footprints", count("usercenter.count.items", n.Footprints)},
		{"usercenter.licences", "/me/licences", ""},
		{"gateway.datause", "/me/data-use", ""},
	} {
		p.Services = append(p.Services, ucview.Section{Text: locales.T(ctx, s.key), Href: s.href, Hint: locales.T(ctx, s.key+".hint"), Count: s.count})
	}
	for _, s := range [][2]string{{"usercenter.profile", "/me/profile"}, {"usercenter.trust", "/me/trust"},
		{"usercenter.password", "/me/password"}, {"usercenter.privacy", "/me/privacy"}} {
		p.Account = append(p.Account, ucview.Section{Text: locales.T(ctx, s[0]), Href: s[1], Hint: locales.T(ctx, s[0]+".hint")})
	}
	p.Recs, p.RecsNote = h.recommendations(c, u)
	return web.Render(c, http.StatusOK, ucview.Dashboard(h.chrome(c), p))
}

// recommendations are "为我推荐" with their reasons (C 0103 7.7: 个性化推送).
func (h *accountHandler) recommendations(c echo.Context, u users.User) ([]ucview.Rec, string) {
	ctx := c.Request().Context()
	note := locales.T(ctx, "usercenter.recs.note")
	if h.rec == nil {
		return nil, note
	}
	fps, err1 := usercenter.Footprints(ctx, h.st, u.ID, "", 20)
	favs, err2 := usercenter.Favourites(ctx, h.st, u.ID, "", 20)
	region := RegionFromRequest(c)
	if region == "" {
		region = u.RegionCode
	}
	recs, err3 := usercenter.Recommend(ctx, h.rec, usercenter.RecommendInput{Footprints: fps, Favourites: favs, Region: region, Limit: 6})
	if err := firstErr(err1, err2, err3); err != nil {
		// Recommendations are a nicety: the page still works without them.
		web.Logger(c).Warn("recommendations", "err", err)
		return nil, note
	}
	out := make([]ucview.Rec, 0, len(recs))
	for _, r := range recs {
		out = append(out, ucview.Rec{Title: r.Title, Href: r.URL, Reason: h.recReason(ctx, r)})
	}
	return out, note
}

func (h *accountHandler) recReason(ctx context.Context, r usercenter.Recommendation) string {
	switch r.Reason {
	case usercenter.RecRegion:
		name := r.Via
		if h.ref != nil {
			name = h.ref.ShortName(r.Via)
		}
		return locales.T(ctx, "usercenter.rec.region", name)
	case usercenter.RecPopular:
		return locales.T(ctx, "usercenter.rec.popular")
	}
	return locales.T(ctx, "usercenter.rec."+r.Reason, r.Via)
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
