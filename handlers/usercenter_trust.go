package handlers

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/components"
	ucview "github.com/zwfw/portal/views/usercenter"
)

// trust is GET /me/trust: the upgrade entry of C 0103 7.7 b. With need and
// return_to (from a step-up page) it brings the user back once the level
// is reached.
func (h *accountHandler) trust(c echo.Context) error {
	u := user(c)
	f := components.NewForm(map[string][]string{"name": {u.Name}, "org_name": {u.OrgName}, "credit_code": {u.CreditCode}, "rep_name": {u.RepName}})
	return h.renderTrust(c, http.StatusOK, f, c.QueryParam("need"), c.QueryParam("return_to"))
}

func (h *accountHandler) renderTrust(c echo.Context, status int, f *components.Form, needRaw, retRaw string) error {
	ctx := c.Request().Context()
	u := user(c)
	need, _ := strconv.Atoi(needRaw)
	if need < users.L2 || need > users.MaxLevel {
		need = 0
	}
	p := ucview.TrustProps{Shell: h.shell(c, "usercenter.trust"), Form: f, Current: levelName(ctx, u.Level), Legal: u.Kind == users.Legal,
		ReturnTo: web.SafeReturn(retRaw, ""), Need: need}
	if need > 0 && p.ReturnTo != "" {
		if u.Level >= need {
			p.NeedText = locales.T(ctx, "usercenter.trust.need.done", levelName(ctx, need))
		} else {
			p.NeedText = locales.T(ctx, "usercenter.trust.need", levelName(ctx, need))
		}
	}
	for n := users.L1; n <= users.MaxLevel; n++ {
		row := ucview.LevelRow{Name: levelName(ctx, n), Desc: locales.T(ctx, "account.level."+strconv.Itoa(n)+".desc"), Done: u.Level >= n}
		switch {
		case n == u.Level:
			row.Status = locales.T(ctx, "usercenter.trust.state.current")
		case n < u.Level:
			row.Status = locales.T(ctx, "usercenter.trust.state.done")
		default:
			row.Status = locales.T(ctx, "usercenter.trust.state.todo")
		}
		p.Levels = append(p.Levels, row)
	}
	if u.Level < users.L4 {
		p.Next = u.Level + 1
	}
	switch p.Next {
	case users.L3:
		iv := h.svc.Cfg.Identity
		p.Missing = iv == nil
		p.TestLabel = iv != nil && iv.Test()
		p.Verifier = verifierName(ctx, 3, p.TestLabel)
	case users.L4:
		fv := h.svc.Cfg.Face
		p.Missing = fv == nil
		p.TestLabel = fv != nil && fv.Test()
		p.Verifier = verifierName(ctx, 4, p.TestLabel)
	}
	return web.Render(c, status, ucview.Trust(h.chrome(c), p))
}

// verifierName says where the data goes, in the consent text (C 0103 9.4 h).
func verifierName(ctx context.Context, level int, test bool) string {
	if test {
		return locales.T(ctx, "usercenter.trust.source.test")
	}
	return locales.T(ctx, "usercenter.trust.source."+strconv.Itoa(level))
}

// afterUpgrade rotates the session ID (a privilege change) and goes back to
// where the step-up started when the level now suffices, else to the next
// step on the trust page.
func (h *accountHandler) afterUpgrade(c echo.Context, level int) error {
	ctx := c.Request().Context()
	need, _ := strconv.Atoi(c.FormValue("need"))
	ret := web.SafeReturn(c.FormValue("return_to"), "")
	setFlash(c, locales.T(ctx, "usercenter.trust.upgraded", levelName(ctx, level)))
	if err := web.RotateSession(c); err != nil {
		return err
	}
	web.Logger(c).Info("trust level raised", "user_id", user(c).ID, "level", level)
	if ret != "" && need > 0 && level >= need {
		return web.SeeOther(c, ret)
	}
	q := url.Values{}
	if ret != "" && need > 0 {
		q.Set("need", strconv.Itoa(need))
		q.Set("return_to", ret)
	}
	if enc := q.Encode(); enc != "" {
		return web.SeeOther(c, "/me/trust?"+enc)
	}
	return web.SeeOther(c, "/me/trust")
}

// trustL2 is POST /me/trust/l2: name and ID number (or the organization,
// its 统一社会信用代码 and legal representative), format and check digit only.
func (h *accountHandler) trustL2(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	_, kept := formValues(c)
	f := components.NewForm(kept)
	trim := func(k string) string { return strings.TrimSpace(f.Value(k)) }
	var err error
	if u.Kind == users.Legal {
		err = users.RegisterOrg(ctx, h.st, u, users.OrgClaim{OrgName: trim("org_name"), CreditCode: refdata.NormalizeCreditCode(f.Value("credit_code")),
			RepName: trim("rep_name"), RepIDNumber: refdata.NormalizeIDNumber(f.Value("rep_id_number"))})
	} else {
		err = users.RegisterIdentity(ctx, h.st, u, trim("name"), refdata.NormalizeIDNumber(f.Value("id_number")))
	}
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderTrust(c, http.StatusUnprocessableEntity, f, f.Value("need"), f.Value("return_to"))
	case errors.Is(err, users.ErrLevelOrder):
		return web.SeeOther(c, "/me/trust")
	case err != nil:
		return err
	}
	return h.afterUpgrade(c, max(u.Level, users.L2))
}

// trustL3 is POST /me/trust/l3: verification against the identity source,
// after explicit consent to send the identity there.
func (h *accountHandler) trustL3(c echo.Context) error {
	return h.verifyLevel(c, users.L3)
}

// trustL4 is POST /me/trust/l4: the live face match (实人核验).
func (h *accountHandler) trustL4(c echo.Context) error {
	return h.verifyLevel(c, users.L4)
}

func (h *accountHandler) verifyLevel(c echo.Context, level int) error {
	ctx := c.Request().Context()
	u := user(c)
	_, kept := formValues(c)
	f := components.NewForm(kept)
	if u.Level >= level || u.Level < level-1 {
		return web.SeeOther(c, "/me/trust")
	}
	if f.Value("consent") != "yes" {
		f.Fail("consent", locales.T(ctx, "usercenter.err.consent"))
		return h.renderTrust(c, http.StatusUnprocessableEntity, f, f.Value("need"), f.Value("return_to"))
	}
	var err error
	if level == users.L3 {
		err = users.VerifyIdentity(ctx, h.st, h.svc.Cfg.Identity, u)
	} else {
		err = users.VerifyFace(ctx, h.st, h.svc.Cfg.Face, u, f.Value("face_token"))
	}
	var refused users.ErrRefused
	switch {
	case errors.As(err, &refused):
		f.Fail("consent", locales.T(ctx, refused.Reason))
		return h.renderTrust(c, http.StatusUnprocessableEntity, f, f.Value("need"), f.Value("return_to"))
	case errors.Is(err, users.ErrNoVerifier):
		return echo.NewHTTPError(http.StatusServiceUnavailable)
	case err != nil:
		return err
	}
	return h.afterUpgrade(c, level)
}
