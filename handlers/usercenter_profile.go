package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/components"
	ucview "github.com/zwfw/portal/views/usercenter"
)

// profile is GET /me/profile: the account's facts, masked as on any page
// (reference.md §6); the full values are only in the data download.
func (h *accountHandler) profile(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	orDash := func(s string) string {
		if s == "" {
			return locales.T(ctx, "usercenter.profile.none")
		}
		return s
	}
	edit, change := "/me/profile/edit", locales.T(ctx, "usercenter.profile.change")
	rows := []components.SummaryRow{
		{Key: locales.T(ctx, "usercenter.profile.kind"), Value: locales.T(ctx, "account.kind."+u.Kind)},
		{Key: locales.T(ctx, "account.phone"), Value: users.MaskPhone(u.Phone)},
		{Key: locales.T(ctx, nameKey(u)), Value: orDash(u.Name)},
	}
	if u.Kind == users.Natural {
		rows = append(rows, components.SummaryRow{Key: locales.T(ctx, "usercenter.trust.id"), Value: orDash(users.MaskIDNumber(u.IDNumber))})
	} else {
		rows = append(rows,
			components.SummaryRow{Key: locales.T(ctx, "account.org_name"), Value: orDash(u.OrgName)},
			components.SummaryRow{Key: locales.T(ctx, "account.credit_code"), Value: orDash(users.MaskCreditCode(u.CreditCode))},
			components.SummaryRow{Key: locales.T(ctx, "account.rep_name"), Value: orDash(u.RepName)})
	}
	rows = append(rows,
		components.SummaryRow{Key: locales.T(ctx, "usercenter.level"), Value: levelName(ctx, u.Level), ActionText: locales.T(ctx, "usercenter.level.upgrade"), ActionHref: "/me/trust"},
		components.SummaryRow{Key: locales.T(ctx, "usercenter.profile.email"), Value: orDash(u.Email), ActionText: change, ActionHref: edit},
		components.SummaryRow{Key: locales.T(ctx, "usercenter.profile.postcode"), Value: orDash(u.Postcode), ActionText: change, ActionHref: edit},
		components.SummaryRow{Key: locales.T(ctx, "usercenter.profile.address"), Value: orDash(u.Address), ActionText: change, ActionHref: edit})
	if u.Level < users.L3 && u.Kind == users.Natural {
		rows[2].ActionText, rows[2].ActionHref = change, edit
	}
	p := ucview.ProfileProps{Shell: h.shell(c, "usercenter.profile"), Rows: components.SummaryListProps{Rows: rows}}
	return web.Render(c, http.StatusOK, ucview.Profile(h.chrome(c), p))
}

func nameKey(u users.User) string {
	if u.Kind == users.Legal {
		return "account.name.operator"
	}
	return "account.name"
}

// profileEdit is GET /me/profile/edit.
func (h *accountHandler) profileEdit(c echo.Context) error {
	u := user(c)
	f := components.NewForm(map[string][]string{"name": {u.Name}, "email": {u.Email}, "postcode": {u.Postcode}, "address": {u.Address}})
	return h.renderProfileEdit(c, http.StatusOK, f)
}

func (h *accountHandler) renderProfileEdit(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	u := user(c)
	p := ucview.FormPageProps{Shell: h.shell(c, "usercenter.profile.edit"), Form: f, Lead: locales.T(ctx, "usercenter.profile.edit.lead"),
		SubmitLabel: locales.T(ctx, "usercenter.save")}
	if u.Level >= users.L3 || u.Kind == users.Legal {
		p.NameLocked = locales.T(ctx, "usercenter.profile.name.locked", u.Name)
	}
	return web.Render(c, status, ucview.ProfileEdit(h.chrome(c), p))
}

// profileSave is POST /me/profile.
func (h *accountHandler) profileSave(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	_, kept := formValues(c)
	f := components.NewForm(kept)
	trim := func(k string) string { return strings.TrimSpace(f.Value(k)) }
	err := users.UpdateProfile(ctx, h.st, u, users.Profile{Name: trim("name"), Email: trim("email"), Postcode: trim("postcode"),
		Address: trim("address"), RegionCode: u.RegionCode})
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderProfileEdit(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.profile.saved"), "/me/profile")
}

// passwordForm is GET /me/password.
func (h *accountHandler) passwordForm(c echo.Context) error {
	return h.renderPassword(c, http.StatusOK, nil)
}

func (h *accountHandler) renderPassword(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	p := ucview.FormPageProps{Shell: h.shell(c, "usercenter.password"), Form: f, Lead: locales.T(ctx, "usercenter.password.lead"),
		SubmitLabel: locales.T(ctx, "usercenter.password.submit")}
	return web.Render(c, status, ucview.Password(h.chrome(c), p))
}

// passwordSave is POST /me/password: the current password is required; the
// session epoch moves on, which ends every other session at its next
// request, and this session continues under a new ID.
func (h *accountHandler) passwordSave(c echo.Context) error {
	ctx := c.Request().Context()
	all, kept := formValues(c)
	f := components.NewForm(kept)
	epoch, err := h.svc.ChangePassword(ctx, user(c), first(all, "current_password"), first(all, "password"), first(all, "password_confirm"))
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderPassword(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	sess := web.Session(c)
	sess.Values[sessEpoch] = epoch
	setFlash(c, locales.T(ctx, "usercenter.password.done"))
	if err := web.RotateSession(c); err != nil {
		return err
	}
	web.Logger(c).Info("password changed", "user_id", user(c).ID)
	return web.SeeOther(c, "/me")
}
