package handlers

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/components"
	ucview "github.com/zwfw/portal/views/usercenter"
)

// privacyPage is GET /me/privacy (C 0103 9.4 h): the consent record, the
// data download and account deletion.
func (h *accountHandler) privacyPage(c echo.Context) error {
	ctx := c.Request().Context()
	cs, err := users.Consents(ctx, h.st, user(c).ID, 100)
	if err != nil {
		return err
	}
	p := ucview.PrivacyProps{Shell: h.shell(c, "usercenter.privacy")}
	for _, x := range cs {
		state := locales.T(ctx, "usercenter.privacy.granted")
		if !x.Granted {
			state = locales.T(ctx, "usercenter.privacy.withdrawn")
		}
		p.Consents = append(p.Consents, ucview.ConsentRow{What: locales.T(ctx, "usercenter.consent."+x.Purpose), Version: x.Version,
			When: dateTime(x.CreatedAt), State: state})
	}
	return web.Render(c, http.StatusOK, ucview.Privacy(h.chrome(c), p))
}

// dataDownload is GET /me/data: everything about the user as JSON.
func (h *accountHandler) dataDownload(c echo.Context) error {
	u := user(c)
	x, err := usercenter.BuildExport(c.Request().Context(), h.st, h.licences, u)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	hd.Set("Content-Disposition", `attachment; filename="my-data.json"`)
	hd.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/json; charset=utf-8", b)
}

// deleteForm is GET /me/delete.
func (h *accountHandler) deleteForm(c echo.Context) error {
	return h.renderDelete(c, http.StatusOK, nil)
}

func (h *accountHandler) renderDelete(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	p := ucview.FormPageProps{Shell: h.shell(c, "usercenter.delete"), Form: f, Lead: locales.T(ctx, "usercenter.delete.lead"),
		SubmitLabel: locales.T(ctx, "usercenter.delete.submit")}
	for i := 1; i <= 4; i++ {
		p.Warnings = append(p.Warnings, locales.T(ctx, "usercenter.delete.warn."+string(rune('0'+i))))
	}
	return web.Render(c, status, ucview.Delete(h.chrome(c), p))
}

// deleteAccount is POST /me/delete: with the password and the box ticked,
// erase the user-center data and anonymise the account in one transaction,
// then end every session.
func (h *accountHandler) deleteAccount(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	all, kept := formValues(c)
	f := components.NewForm(kept)
	if first(all, "password") == "" {
		f.Fail("password", locales.T(ctx, "account.err.password.required"))
	}
	if f.Value("confirm") != "yes" {
		f.Fail("confirm", locales.T(ctx, "usercenter.err.delete.confirm"))
	}
	if f.HasErrors() {
		return h.renderDelete(c, http.StatusUnprocessableEntity, f)
	}
	err := h.svc.Delete(ctx, u, first(all, "password"), func(tx *gorm.DB) error { return usercenter.Erase(tx, u.ID) })
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderDelete(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	web.Logger(c).Info("account deleted", "user_id", u.ID)
	if err := web.DestroySession(c); err != nil {
		return err
	}
	return web.SeeOther(c, "/account/deleted")
}
