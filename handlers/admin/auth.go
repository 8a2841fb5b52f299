package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// loginForm is GET /admin/login.
func (h *console) loginForm(c echo.Context) error {
	ret := web.SafeReturn(c.QueryParam("return_to"), "")
	return h.renderLogin(c, http.StatusOK, components.NewForm(nil), ret, "")
}

func (h *console) renderLogin(c echo.Context, status int, f *components.Form, ret, notice string) error {
	ctx := c.Request().Context()
	p := admin.LoginProps{Shell: h.shell(c, locales.T(ctx, "admin.login.title")), ReturnTo: ret,
		Username: f.Field("username"), Password: f.Field("password")}
	p.Errors, p.Notice = f.Summary(), notice
	return web.Render(c, status, admin.Login(h.chrome(c), p))
}

// login is POST /admin/login: the first factor. Every failure reads the
// same and back-off and lock are shared with the citizens' sign-in
// counters (per account name and per IP).
func (h *console) login(c echo.Context) error {
	ctx := c.Request().Context()
	username, password := strings.TrimSpace(c.FormValue("username")), c.FormValue("password")
	ret := web.SafeReturn(c.FormValue("return_to"), "")
	f := components.NewForm(map[string][]string{"username": {username}})
	if username == "" {
		f.Fail("username", locales.T(ctx, "admin.err.username.required"))
	}
	if password == "" {
		f.Fail("password", locales.T(ctx, "admin.err.password.required"))
	}
	if f.HasErrors() {
		return h.renderLogin(c, http.StatusUnprocessableEntity, f, ret, "")
	}
	s, err := h.staff.Authenticate(ctx, username, password, c.RealIP())
	if handled, rerr := h.signInError(c, err, f, "username", func(st int, n string) error { return h.renderLogin(c, st, f, ret, n) }); handled {
		return rerr
	}
	sess := web.Session(c)
	clearStaff(sess.Values)
	sess.Values[sessPending], sess.Values[sessPendingAt], sess.Values[sessReturn] = s.ID, time.Now().Unix(), ret
	if err := web.RotateSession(c); err != nil {
		return err
	}
	if s.TOTPEnabled {
		return web.SeeOther(c, "/admin/login/totp")
	}
	return web.SeeOther(c, "/admin/totp/setup")
}

// signInError renders the answer to a failed factor; handled is false
// when err is nil.
func (h *console) signInError(c echo.Context, err error, f *components.Form, field string, render func(int, string) error) (bool, error) {
	ctx := c.Request().Context()
	var th users.ThrottledError
	switch {
	case err == nil:
		return false, nil
	case errors.As(err, &th):
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(th.Wait.Seconds())+1))
		return true, render(http.StatusTooManyRequests, locales.T(ctx, "admin.login.wait", int(th.Wait.Seconds())+1))
	case errors.Is(err, staff.ErrBadCredentials):
		f.Fail(field, locales.T(ctx, "admin.login.failed"))
		return true, render(http.StatusUnprocessableEntity, "")
	case errors.Is(err, staff.ErrBadCode):
		f.Fail(field, locales.T(ctx, "admin.totp.failed"))
		return true, render(http.StatusUnprocessableEntity, "")
	}
	return true, err
}

// pending returns the account waiting for its second factor, or false
// when there is none or it waited too long (back to the password).
func (h *console) pending(c echo.Context) (int64, bool) {
	sess := web.Session(c)
	id, _ := sess.Values[sessPending].(int64)
	at, _ := sess.Values[sessPendingAt].(int64)
	return id, id != 0 && time.Since(time.Unix(at, 0)) < pendingLimit
}

// codeForm is GET /admin/login/totp.
func (h *console) codeForm(c echo.Context) error {
	if _, ok := h.pending(c); !ok {
		return web.SeeOther(c, "/admin/login")
	}
	return h.renderCode(c, http.StatusOK, components.NewForm(nil), "")
}

func (h *console) renderCode(c echo.Context, status int, f *components.Form, notice string) error {
	p := admin.CodeProps{Shell: h.shell(c, locales.T(c.Request().Context(), "admin.totp.title")), Code: f.Field("code")}
	p.Errors, p.Notice = f.Summary(), notice
	return web.Render(c, status, admin.Code(h.chrome(c), p))
}

// code is POST /admin/login/totp: the second factor completes the sign-in.
func (h *console) code(c echo.Context) error {
	id, ok := h.pending(c)
	if !ok {
		return web.SeeOther(c, "/admin/login")
	}
	f := components.NewForm(nil)
	s, err := h.staff.VerifyTOTP(c.Request().Context(), id, c.FormValue("code"), c.RealIP())
	if handled, rerr := h.signInError(c, err, f, "code", func(st int, n string) error { return h.renderCode(c, st, f, n) }); handled {
		return rerr
	}
	return h.signIn(c, s)
}

// signIn turns the pending session into a staff session with a new ID.
func (h *console) signIn(c echo.Context, s staff.Staff) error {
	sess := web.Session(c)
	ret, _ := sess.Values[sessReturn].(string)
	clearStaff(sess.Values)
	delete(sess.Values, sessReturn)
	now := time.Now().Unix()
	sess.Values[sessStaff], sess.Values[sessEpoch], sess.Values[sessSince], sess.Values[sessSeen] = s.ID, s.SessionEpoch, now, now
	if err := web.RotateSession(c); err != nil {
		return err
	}
	web.Logger(c).Info("staff signed in", "staff_id", s.ID)
	if !strings.HasPrefix(ret, "/admin") {
		ret = "/admin"
	}
	return web.SeeOther(c, ret)
}

// enrolForm is GET /admin/totp/setup: the secret as a QR code and text.
func (h *console) enrolForm(c echo.Context) error {
	return h.renderEnrol(c, http.StatusOK, components.NewForm(nil), "")
}

func (h *console) renderEnrol(c echo.Context, status int, f *components.Form, notice string) error {
	ctx := c.Request().Context()
	id, ok := h.pending(c)
	if !ok {
		return web.SeeOther(c, "/admin/login")
	}
	secret, err := h.staff.StartEnrolment(ctx, id)
	if errors.Is(err, models.ErrConflict) {
		return web.SeeOther(c, "/admin/login/totp")
	}
	if err != nil {
		return err
	}
	s, err := h.staff.Get(ctx, id)
	if err != nil {
		return err
	}
	uri := staff.TOTPURI(h.site.Name, s.Username, secret)
	qr, err := qrcode.New(uri, qrcode.Medium)
	if err != nil {
		return err
	}
	p := admin.EnrolProps{Shell: h.shell(c, locales.T(ctx, "admin.enrol.title")), Secret: staff.GroupSecret(secret),
		URI: uri, QR: qr.Bitmap(), Code: f.Field("code")}
	p.Errors, p.Notice = f.Summary(), notice
	return web.Render(c, status, admin.Enrol(h.chrome(c), p))
}

// enrol is POST /admin/totp/setup: a code from the new secret switches
// TOTP on and signs the person in.
func (h *console) enrol(c echo.Context) error {
	id, ok := h.pending(c)
	if !ok {
		return web.SeeOther(c, "/admin/login")
	}
	f := components.NewForm(nil)
	s, err := h.staff.ConfirmEnrolment(c.Request().Context(), id, c.FormValue("code"), c.RealIP())
	if handled, rerr := h.signInError(c, err, f, "code", func(st int, n string) error { return h.renderEnrol(c, st, f, n) }); handled {
		return rerr
	}
	return h.signIn(c, s)
}

// logout is POST /admin/logout: the staff keys go and the session gets a
// new ID.
func (h *console) logout(c echo.Context) error {
	clearStaff(web.Session(c).Values)
	if err := web.RotateSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, "/admin/login")
}
