package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
	ucview "github.com/zwfw/portal/views/usercenter"
)

// favourites is GET /me/favourites?kind=matter|app|news (C 0103 7.7 f). An
// unknown kind is dropped with a notice.
func (h *accountHandler) favourites(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	kind := c.QueryParam("kind")
	p := ucview.ListProps{Shell: h.shell(c, "usercenter.favourites"), Lead: locales.T(ctx, "usercenter.favourites.lead"),
		Empty: locales.T(ctx, "usercenter.favourites.empty"), EmptyHref: "/matters", EmptyLink: locales.T(ctx, "usercenter.empty.find")}
	if kind != "" && !slices.Contains(usercenter.FavouriteKinds, kind) {
		p.Notice = locales.T(ctx, "usercenter.filter.dropped")
		kind = ""
	}
	p.Filters = kindFilters(c, "/me/favourites", "usercenter.fav.kind.", usercenter.FavouriteKinds, kind)
	list, err := usercenter.Favourites(ctx, h.st, u.ID, kind, 200)
	if err != nil {
		return err
	}
	for _, f := range list {
		p.Items = append(p.Items, ucview.ListItem{ID: f.ID, Title: f.Title, Href: f.URL, Kind: locales.T(ctx, "usercenter.fav.kind."+f.Kind),
			Meta:   locales.T(ctx, "usercenter.fav.saved.on", dateOnly(f.CreatedAt)),
			Action: "/me/favourites/" + strconv.FormatInt(f.ID, 10) + "/delete", ActionTx: locales.T(ctx, "usercenter.fav.remove")})
	}
	return web.Render(c, http.StatusOK, ucview.List(h.chrome(c), p))
}

// kindFilters is the 全部 / per-kind filter bar of a list.
func kindFilters(c echo.Context, base, keyPrefix string, kinds []string, current string) []ucview.Filter {
	ctx := c.Request().Context()
	out := []ucview.Filter{{Text: locales.T(ctx, "usercenter.filter.all"), Href: base, Current: current == ""}}
	for _, k := range kinds {
		out = append(out, ucview.Filter{Text: locales.T(ctx, keyPrefix+k), Href: base + "?kind=" + url.QueryEscape(k), Current: current == k})
	}
	return out
}

// favouriteAdd is POST /me/favourites (kind, ref, return_to): from a guide
// page, an app or a news item; back where it came from.
func (h *accountHandler) favouriteAdd(c echo.Context) error {
	ctx := c.Request().Context()
	f, err := usercenter.AddFavourite(ctx, h.st, user(c).ID, c.FormValue("kind"), c.FormValue("ref"))
	if err != nil {
		return err // unknown or unpublished: 404
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.fav.added", f.Title), web.SafeReturn(c.FormValue("return_to"), "/me/favourites"))
}

// favouriteRemove is POST /me/favourites/{id}/delete.
func (h *accountHandler) favouriteRemove(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := usercenter.RemoveFavourite(ctx, h.st, user(c).ID, id); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.fav.removed"), web.SafeReturn(c.FormValue("return_to"), "/me/favourites"))
}

// guideFavouriteAction is the 收藏 button of a guide page (C 0103 7.7 f),
// shaped for mattersHandler.guideActions: registerMatters wires it with
// `h.guideActions = append(h.guideActions, guideFavouriteAction)`.
func guideFavouriteAction(c echo.Context, code string) templ.Component {
	return favouriteControl(c, usercenter.FavMatter, code)
}

// favouriteControl is the 收藏 button for any page that shows something a
// user may save: usercenter.FavMatter (实施编码), FavApp (app id) or FavNews
// ("policy:<id>", "interp:<id>"). It returns nil when accounts are off.
func favouriteControl(c echo.Context, kind, ref string) templ.Component {
	h, _ := c.Get(ctxAccount).(*accountHandler)
	if h == nil {
		return nil
	}
	return h.favouriteButton(c, kind, ref)
}

// favouriteButton is the 收藏 control for kind/ref on the current page.
func (h *accountHandler) favouriteButton(c echo.Context, kind, ref string) templ.Component {
	here := c.Request().URL.RequestURI()
	p := ucview.FavouriteButtonProps{CSRF: web.CSRFToken(c), Kind: kind, Ref: ref, ReturnTo: here}
	u, ok := currentUser(c)
	if !ok {
		p.LoginURL = "/login?return_to=" + url.QueryEscape(here)
		return ucview.FavouriteButton(p)
	}
	fav, saved, err := usercenter.FavouriteOf(c.Request().Context(), h.st, u.ID, kind, ref)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		web.Logger(c).Warn("favourite state", "err", err)
		return nil
	}
	p.Saved = saved
	if saved {
		p.RemoveURL = "/me/favourites/" + strconv.FormatInt(fav.ID, 10) + "/delete"
	}
	return ucview.FavouriteButton(p)
}
