package handlers

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/account"
	"github.com/zwfw/portal/views/layout"
)

// Session keys of the accounts feature.
const (
	sessUser     = "uid"       // int64 account ID
	sessEpoch    = "epoch"     // the account's session epoch at sign-in
	sessFlash    = "flash"     // translated text of the previous action's outcome
	sessRegPhone = "reg_phone" // registration in progress
	sessRegKind  = "reg_kind"
	sessRecPhone = "rec_phone" // recovery in progress
	ctxUser      = "zw.account.user"
	ctxStore     = "zw.account.store"   // for recordFootprint, set with the user
	ctxAccount   = "zw.account.handler" // for guideFavouriteAction
	ctxAcctErr   = "zw.account.err"     // the database failed loading the account: neither signed in nor out
)

// beijing is the time zone every time on the pages is shown in.
var beijing = time.FixedZone("CST", 8*3600)

func clock(t time.Time) string    { return t.In(beijing).Format("15:04") }
func dateTime(t time.Time) string { return t.In(beijing).Format("2006-01-02 15:04") }
func dateOnly(t time.Time) string { return t.In(beijing).Format("2006-01-02") }

// currentUser returns the signed-in account of the request.
func currentUser(c echo.Context) (users.User, bool) {
	u, ok := c.Get(ctxUser).(users.User)
	return u, ok
}

// loadUser puts the signed-in account in the request. A session whose
// account is disabled, deleted or has moved its session epoch on (password
// changed elsewhere) is signed out here, on its next request.
func (h *accountHandler) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if skipAccount(c.Request().URL.Path) {
			return next(c)
		}
		c.Set(ctxAccount, h)
		if _, err := c.Cookie(web.SessionCookie); err != nil {
			return next(c)
		}
		sess := web.Session(c)
		if err := web.SessionError(c); err != nil {
			c.Set(ctxAcctErr, err)
			return next(c)
		}
		id, ok := sess.Values[sessUser].(int64)
		if !ok {
			return next(c)
		}
		u, err := users.Get(c.Request().Context(), h.st, id)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			// The database failed, not the account: never sign out on it.
			c.Set(ctxAcctErr, err)
			return next(c)
		}
		epoch, _ := sess.Values[sessEpoch].(int)
		if err != nil || !u.Active() || u.SessionEpoch != epoch {
			delete(sess.Values, sessUser)
			delete(sess.Values, sessEpoch)
			if serr := web.SaveSession(c); serr != nil {
				web.Logger(c).Warn("end stale session", "err", serr)
			}
			return next(c)
		}
		c.Set(ctxUser, u)
		c.Set(ctxStore, h.st)
		return next(c)
	}
}

// requireUser sends visitors who are not signed in to the sign-in page,
// coming back here afterwards.
func (h *accountHandler) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, ok := currentUser(c); !ok {
			if err := accountUnknown(c); err != nil {
				return err
			}
			back := c.Request().URL.RequestURI()
			if c.Request().Method != http.MethodGet {
				// A form (收藏 on a guide page) comes back to its page.
				back = web.SafeReturn(c.FormValue("return_to"), "/me")
			}
			return web.SeeOther(c, "/login?return_to="+url.QueryEscape(back))
		}
		return next(c)
	}
}

// RequireLevel lets only accounts at trust level n or above through (C 0103
// 7.2 and 7.5: at least level 3, and the level the matter requires).
// Visitors who are not signed in go to the sign-in page; accounts below n
// get the step-up page (403) that explains why and links to the upgrade,
// which returns them here afterwards.
func RequireLevel(site *web.Site, n int) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u, ok := currentUser(c)
			back := c.Request().URL.RequestURI()
			if !ok {
				if err := accountUnknown(c); err != nil {
					return err
				}
				return web.SeeOther(c, "/login?return_to="+url.QueryEscape(back))
			}
			if u.Level >= n {
				return next(c)
			}
			ctx := c.Request().Context()
			p := account.StepUpProps{Need: levelName(ctx, n), Current: levelName(ctx, u.Level), Why: stepUpWhy(ctx, n),
				UpgradeURL: "/me/trust?need=" + strconv.Itoa(n) + "&return_to=" + url.QueryEscape(back), BackURL: "/me"}
			return web.Render(c, http.StatusForbidden, account.StepUp(site.Chrome(c), p))
		}
	}
}

// accountUnknown is the 503 (error.500: "your action was not completed") for
// a request whose account could not be loaded because the database failed:
// sending it to the sign-in page would drop what the user sent and tell
// them the wrong thing (issue 13: a submission not stored is reported as failed).
func accountUnknown(c echo.Context) error {
	if err, _ := c.Get(ctxAcctErr).(error); err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable).SetInternal(err)
	}
	return nil
}

func stepUpWhy(ctx context.Context, n int) string {
	if n >= users.L4 {
		return locales.T(ctx, "account.stepup.why.4")
	}
	return locales.T(ctx, "account.stepup.why.3")
}

// levelName is "第三级（实名核验）".
func levelName(ctx context.Context, n int) string {
	return locales.T(ctx, "account.level."+strconv.Itoa(min(max(n, 1), users.MaxLevel)))
}

// decorate fills the header: the account link with the unread count, or
// the sign-in link that comes back to this page.
func (h *accountHandler) decorate(c echo.Context, ch *layout.Chrome) {
	u, ok := currentUser(c)
	if !ok {
		ch.LoginURL = "/login"
		if p := c.Request().URL.Path; p != "/" && p != "/login" && p != "/register" && p != "/recover" && c.Request().Method == http.MethodGet {
			ch.LoginURL += "?return_to=" + url.QueryEscape(c.Request().URL.RequestURI())
		}
		return
	}
	ch.UserName = u.DisplayName()
	n, err := usercenter.UnreadCount(c.Request().Context(), h.st, u.ID)
	if err != nil {
		web.Logger(c).Warn("unread count", "err", err)
	}
	ch.Unread = n
	ch.NoIndex = true
}

// recordVisits notes guide pages read and searches made in 我的足迹 (C 0103
// 7.7 h) after they were served, unless the user paused recording. It keys
// on the route, so the guide and search handlers need no change; other
// features (apps) call recordFootprint.
func (h *accountHandler) recordVisits(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err != nil || c.Request().Method != http.MethodGet || c.Response().Status != http.StatusOK {
			return err
		}
		u, ok := currentUser(c)
		if !ok || u.FootprintsPaused {
			return nil
		}
		ctx := c.Request().Context()
		var rerr error
		switch c.Path() {
		case "/matters/:code":
			rerr = usercenter.RecordGuideFootprint(ctx, h.st, u.ID, c.Param("code"))
		case "/search":
			if q := c.QueryParam("q"); q != "" && len([]rune(q)) <= 100 {
				rerr = usercenter.RecordFootprint(ctx, h.st, usercenter.Footprint{UserID: u.ID, Kind: usercenter.FootSearch,
					Ref: q, Title: q, URL: "/search?q=" + url.QueryEscape(q)})
			}
		}
		if rerr != nil {
			web.Logger(c).Warn("record footprint", "err", rerr)
		}
		return nil
	}
}

// recordFootprint lets a handler note a visit to something the route alone
// does not name (an app opened): it does nothing for visitors or when the
// user paused recording.
func recordFootprint(c echo.Context, f usercenter.Footprint) {
	u, ok := currentUser(c)
	st, _ := c.Get(ctxStore).(*models.Store)
	if !ok || u.FootprintsPaused || st == nil {
		return
	}
	f.UserID = u.ID
	if err := usercenter.RecordFootprint(c.Request().Context(), st, f); err != nil {
		web.Logger(c).Warn("record footprint", "err", err)
	}
}

// signIn starts the account's session under a new session ID (no fixation)
// and delivers announcements published since the last visit.
func (h *accountHandler) signIn(c echo.Context, u users.User) error {
	sess := web.Session(c)
	for _, k := range []string{sessRegPhone, sessRegKind, sessRecPhone} {
		delete(sess.Values, k)
	}
	sess.Values[sessUser] = u.ID
	sess.Values[sessEpoch] = u.SessionEpoch
	if err := usercenter.Deliver(c.Request().Context(), h.st, u.ID, u.CreatedAt); err != nil {
		web.Logger(c).Warn("deliver announcements", "err", err)
	}
	return web.RotateSession(c)
}

// setFlash stores the outcome to show after the redirect; the caller saves
// the session (signIn, RotateSession or SaveSession).
func setFlash(c echo.Context, text string) { web.Session(c).Values[sessFlash] = text }

// takeFlash returns and forgets the stored outcome.
func takeFlash(c echo.Context) string {
	sess := web.Session(c)
	v, ok := sess.Values[sessFlash].(string)
	if !ok {
		return ""
	}
	delete(sess.Values, sessFlash)
	if err := web.SaveSession(c); err != nil {
		web.Logger(c).Warn("save session", "err", err)
	}
	return v
}

// flashAndGo stores a flash and answers 303.
func flashAndGo(c echo.Context, text, to string) error {
	setFlash(c, text)
	if err := web.SaveSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, to)
}
