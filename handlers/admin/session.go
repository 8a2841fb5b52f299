package admin

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models/staff"
)

// Session keys of the console; citizens' keys (uid, epoch…) are separate,
// so a staff sign-in never makes anyone a citizen or the reverse.
const (
	sessStaff     = "admin.staff"      // int64 staff ID once both factors passed
	sessEpoch     = "admin.epoch"      // the account's session epoch at sign-in
	sessSince     = "admin.since"      // unix time of sign-in
	sessSeen      = "admin.seen"       // unix time of the last request
	sessPending   = "admin.pending"    // int64 staff ID between password and code
	sessPendingAt = "admin.pending_at" // unix time the password was checked
	sessReturn    = "admin.return"     // where to go after signing in
	sessFlash     = "admin.flash"      // outcome of the previous action
	ctxStaff      = "zw.admin.staff"
)

// Session limits: staff sessions end after 30 idle minutes or 12 hours,
// and the second step must follow the password within 5 minutes.
const (
	idleLimit    = 30 * time.Minute
	absoluteMax  = 12 * time.Hour
	pendingLimit = 5 * time.Minute
	touchEvery   = time.Minute // write the idle clock at most this often
)

// current returns the signed-in staff member of the request.
func current(c echo.Context) (staff.Staff, bool) {
	s, ok := c.Get(ctxStaff).(staff.Staff)
	return s, ok
}

// requireStaff admits requests of a signed-in, enabled, enrolled staff
// member whose session is fresh and whose epoch is current; anyone else is
// sent to the sign-in page and brought back afterwards.
func (h *console) requireStaff(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess := web.Session(c)
		id, _ := sess.Values[sessStaff].(int64)
		epoch, _ := sess.Values[sessEpoch].(int)
		since, _ := sess.Values[sessSince].(int64)
		seen, _ := sess.Values[sessSeen].(int64)
		now := time.Now()
		fresh := now.Sub(time.Unix(seen, 0)) < idleLimit && now.Sub(time.Unix(since, 0)) < absoluteMax
		var s staff.Staff
		var err error
		if id != 0 && fresh {
			s, err = h.staff.Get(c.Request().Context(), id)
		}
		if id == 0 || !fresh || err != nil || s.Disabled || !s.TOTPEnabled || s.SessionEpoch != epoch {
			if id != 0 {
				clearStaff(sess.Values)
				if serr := web.SaveSession(c); serr != nil {
					return serr
				}
			}
			back := c.Request().URL.RequestURI()
			if c.Request().Method != http.MethodGet {
				back = "/admin"
			}
			return web.SeeOther(c, "/admin/login?return_to="+url.QueryEscape(back))
		}
		if now.Sub(time.Unix(seen, 0)) > touchEvery {
			sess.Values[sessSeen] = now.Unix()
			if err := web.SaveSession(c); err != nil {
				return err
			}
		}
		c.Set(ctxStaff, s)
		// Console pages hold personal and unpublished data: never cache them.
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

func clearStaff(v map[any]any) {
	for _, k := range []string{sessStaff, sessEpoch, sessSince, sessSeen, sessPending, sessPendingAt} {
		delete(v, k)
	}
}

// setFlash keeps a message for the page after the 303.
func setFlash(c echo.Context, text string) {
	web.Session(c).Values[sessFlash] = text
	if err := web.SaveSession(c); err != nil {
		web.Logger(c).Warn("save session", "err", err)
	}
}

// takeFlash returns and forgets the flash message.
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
	return web.SeeOther(c, to)
}
