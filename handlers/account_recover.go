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
	"github.com/zwfw/portal/views/account"
	"github.com/zwfw/portal/views/components"
)

// recoverStart is GET /recover (C 0103 7.7 a 密码找回).
func (h *accountHandler) recoverStart(c echo.Context) error {
	return h.renderStart(c, http.StatusOK, nil, false)
}

// recoverCode is POST /recover/code. A code is issued whether or not the
// number has an account, but sent only when it has: the page reads the same
// either way, so it tells nobody which numbers are registered.
func (h *accountHandler) recoverCode(c echo.Context) error {
	ctx := c.Request().Context()
	_, kept := formValues(c)
	f := components.NewForm(kept)
	phone := users.NormalizePhone(f.Value("phone"))
	var v models.ValidationError
	users.CheckPhone(&v, "phone", phone)
	if v.Err() == nil {
		taken, err := users.PhoneTaken(ctx, h.st, phone)
		if err != nil {
			return err
		}
		if err := h.sendCode(c, users.PurposeRecover, phone, taken, false); err != nil {
			key, ok := users.IsCodeError(err)
			if !ok {
				return err
			}
			v.Add("phone", key)
		}
	}
	if v.Err() != nil {
		f.AddErrors(ctx, v.Order, v.Fields)
		return h.renderStart(c, http.StatusUnprocessableEntity, f, false)
	}
	web.Session(c).Values[sessRecPhone] = phone
	if err := web.SaveSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, "/recover/verify")
}

// recoverForm is GET /recover/verify.
func (h *accountHandler) recoverForm(c echo.Context) error {
	return h.renderVerify(c, users.PurposeRecover, http.StatusOK, nil, takeFlash(c))
}

// recover is POST /recover: a new password with the code; every session of
// the account ends, and the person signs in again.
func (h *accountHandler) recover(c echo.Context) error {
	ctx := c.Request().Context()
	phone, _ := pending(c, users.PurposeRecover)
	if phone == "" {
		return web.SeeOther(c, "/recover")
	}
	all, kept := formValues(c)
	f := components.NewForm(kept)
	err := h.svc.ResetPassword(ctx, phone, strings.TrimSpace(f.Value("code")), first(all, "password"), first(all, "password_confirm"))
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderVerify(c, users.PurposeRecover, http.StatusUnprocessableEntity, f, "")
	}
	if err != nil {
		return err
	}
	delete(web.Session(c).Values, sessRecPhone)
	return flashAndGo(c, locales.T(ctx, "account.recover.done"), "/login")
}

// deleted is GET /account/deleted, shown after an account was deleted.
func (h *accountHandler) deleted(c echo.Context) error {
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	return web.Render(c, http.StatusOK, account.Deleted(ch))
}

// outboxPage is GET /dev/outbox: what the development notifier "sent". The
// route exists only in development (registerAccount).
func (h *accountHandler) outboxPage(c echo.Context) error {
	list, err := h.outbox.List(c.Request().Context(), 50)
	if err != nil {
		return err
	}
	entries := make([]account.OutboxEntry, 0, len(list))
	for _, m := range list {
		entries = append(entries, account.OutboxEntry{Time: dateTime(m.CreatedAt), Channel: m.Channel, Recipient: m.Recipient,
			Subject: m.Subject, Body: m.Body})
	}
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusOK, account.Outbox(ch, entries))
}
