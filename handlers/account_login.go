package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/account"
	"github.com/zwfw/portal/views/components"
)

// loginForm is GET /login; a signed-in visitor goes straight on.
func (h *accountHandler) loginForm(c echo.Context) error {
	ret := web.SafeReturn(c.QueryParam("return_to"), "")
	if _, ok := currentUser(c); ok {
		return web.SeeOther(c, web.SafeReturn(ret, "/me"))
	}
	return h.renderLogin(c, http.StatusOK, nil, ret, "", takeFlash(c))
}

func (h *accountHandler) renderLogin(c echo.Context, status int, f *components.Form, ret, notice, flash string) error {
	ctx := c.Request().Context()
	pol := h.svc.Throttle.Policy()
	p := account.LoginProps{Form: f, ReturnTo: ret, Notice: notice, Flash: flash,
		Policy: locales.T(ctx, "account.login.policy", pol.BackoffFrom, pol.AccountLockAt, int(pol.LockFor.Minutes()))}
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	return web.Render(c, status, account.Login(ch, p))
}

// login is POST /login: sign in by mobile number or ID number (C 0103 7.7
// a). Every failure reads exactly 用户名或密码不正确 (9.4 f) and costs the
// same password hash whether the account exists or not; repeated failures
// back off and then lock, per account name and per IP, as the page states.
func (h *accountHandler) login(c echo.Context) error {
	ctx := c.Request().Context()
	all, kept := formValues(c)
	f := components.NewForm(kept)
	ret := web.SafeReturn(first(all, "return_to"), "")
	login, password := strings.TrimSpace(first(all, "login")), first(all, "password")
	if login == "" {
		f.Fail("login", locales.T(ctx, "account.err.login.required"))
	}
	if password == "" {
		f.Fail("password", locales.T(ctx, "account.err.password.required"))
	}
	if f.HasErrors() {
		return h.renderLogin(c, http.StatusUnprocessableEntity, f, ret, "", "")
	}
	u, err := h.svc.Authenticate(ctx, login, password, c.RealIP())
	var th users.ThrottledError
	switch {
	case errors.As(err, &th):
		notice := locales.T(ctx, "account.login.wait", int(th.Wait.Seconds())+1)
		if th.Locked {
			notice = locales.T(ctx, "account.login.locked", clock(th.Until))
		}
		c.Response().Header().Set("Retry-After", itoaDur(th.Wait))
		return h.renderLogin(c, http.StatusTooManyRequests, f, ret, notice, "")
	case errors.Is(err, users.ErrBadCredentials):
		f.Fail("login", locales.T(ctx, "account.login.failed"))
		return h.renderLogin(c, http.StatusUnprocessableEntity, f, ret, "", "")
	case err != nil:
		return err
	}
	if err := h.signIn(c, u); err != nil {
		return err
	}
	web.Logger(c).Info("signed in", "user_id", u.ID)
	return web.SeeOther(c, web.SafeReturn(ret, "/me"))
}

// logout is POST /logout: the session row and cookie go.
func (h *accountHandler) logout(c echo.Context) error {
	if err := web.DestroySession(c); err != nil {
		return err
	}
	return web.SeeOther(c, "/")
}
