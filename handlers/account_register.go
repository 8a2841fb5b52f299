package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/refdata"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/account"
	"github.com/zwfw/portal/views/components"
)

func itoaDur(d time.Duration) string { return strconv.Itoa(int(d.Seconds()) + 1) }

// registerStart is GET /register: the account kind and the phone number.
func (h *accountHandler) registerStart(c echo.Context) error {
	if _, ok := currentUser(c); ok {
		return web.SeeOther(c, "/me")
	}
	return h.renderStart(c, http.StatusOK, nil, true)
}

func (h *accountHandler) renderStart(c echo.Context, status int, f *components.Form, register bool) error {
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	return web.Render(c, status, account.Start(ch, account.StartProps{Form: f, Register: register}))
}

// registerCode is POST /register/code: check the number and send the code.
// A number that already has an account is told so (the person can sign in
// or recover instead); asking again within 60 s reuses the code sent.
func (h *accountHandler) registerCode(c echo.Context) error {
	ctx := c.Request().Context()
	_, kept := formValues(c)
	f := components.NewForm(kept)
	kind, phone := f.Value("kind"), users.NormalizePhone(f.Value("phone"))
	var v models.ValidationError
	if kind != users.Natural && kind != users.Legal {
		v.Add("kind", "account.err.kind.required")
	}
	users.CheckPhone(&v, "phone", phone)
	if v.Err() == nil {
		taken, err := users.PhoneTaken(ctx, h.st, phone)
		if err != nil {
			return err
		}
		if taken {
			v.Add("phone", "account.err.phone.taken")
		}
	}
	if v.Err() == nil {
		if err := h.sendCode(c, users.PurposeRegister, phone, true, false); err != nil {
			if key, ok := users.IsCodeError(err); ok {
				v.Add("phone", key)
			} else {
				return err
			}
		}
	}
	if v.Err() != nil {
		f.AddErrors(ctx, v.Order, v.Fields)
		return h.renderStart(c, http.StatusUnprocessableEntity, f, true)
	}
	sess := web.Session(c)
	sess.Values[sessRegPhone], sess.Values[sessRegKind] = phone, kind
	if err := web.SaveSession(c); err != nil {
		return err
	}
	return web.SeeOther(c, "/register/verify")
}

// sendCode issues a code for phone and, when deliver is set, sends it by
// SMS. Unless strict, a request within the resend wait is not an error: the
// code already sent stays valid (the resend button reports the wait).
func (h *accountHandler) sendCode(c echo.Context, purpose, phone string, deliver, strict bool) error {
	ctx := c.Request().Context()
	code, _, err := h.svc.Codes.Issue(ctx, purpose, phone)
	if !strict && errors.As(err, new(users.WaitError)) {
		return nil
	}
	if err != nil || !deliver {
		return err
	}
	if h.svc.Cfg.Notifier == nil {
		return errNoNotifier
	}
	msg := users.Message{Channel: users.ChannelSMS, To: phone,
		Body: locales.T(ctx, "account.code.sms", h.site.Name, code, int(h.svc.Cfg.Codes.TTL.Minutes()))}
	if err := h.svc.Cfg.Notifier.Send(ctx, msg); err != nil {
		// The error of a notifier never carries the code; the purpose helps.
		web.Logger(c).Error("send verification code", "purpose", purpose, "err", err)
		return users.CodeError("account.err.code.send")
	}
	return nil
}

// pending returns the phone (and kind) of the registration or recovery in
// progress, "" when none.
func pending(c echo.Context, purpose string) (phone, kind string) {
	sess := web.Session(c)
	if purpose == users.PurposeRecover {
		phone, _ = sess.Values[sessRecPhone].(string)
		return phone, ""
	}
	phone, _ = sess.Values[sessRegPhone].(string)
	kind, _ = sess.Values[sessRegKind].(string)
	return phone, kind
}

// codeStatus fills the code block of a verification page.
func (h *accountHandler) codeStatus(c echo.Context, purpose, phone string) (account.CodeStatusProps, error) {
	st, err := h.svc.Codes.Status(c.Request().Context(), purpose, phone)
	if err != nil {
		return account.CodeStatusProps{}, err
	}
	pol := h.svc.Codes.Policy()
	wait := int(time.Until(st.ResendAt).Seconds())
	return account.CodeStatusProps{CSRF: web.CSRFToken(c), Purpose: purpose, Phone: users.MaskPhone(phone), Sent: st.Sent,
		Expired: st.Expired, ExpiresAt: clock(st.ExpiresAt), ExpiresUnix: st.ExpiresAt.Unix(), Minutes: int(pol.TTL.Minutes()),
		ResendUnix: st.ResendAt.Unix(), ResendWait: max(wait, 0), CanExtend: st.CanExtend, ExtendMinutes: int(pol.Extension.Minutes()),
		Extensions: st.Extensions, MaxExtensions: pol.MaxExtensions, DevOutbox: h.outbox != nil}, nil
}

// registerForm is GET /register/verify.
func (h *accountHandler) registerForm(c echo.Context) error {
	return h.renderVerify(c, users.PurposeRegister, http.StatusOK, nil, takeFlash(c))
}

// renderVerify shows the second step of registration or recovery.
func (h *accountHandler) renderVerify(c echo.Context, purpose string, status int, f *components.Form, flash string) error {
	phone, kind := pending(c, purpose)
	start := "/register"
	if purpose == users.PurposeRecover {
		start = "/recover"
	}
	if phone == "" {
		return web.SeeOther(c, start)
	}
	cs, err := h.codeStatus(c, purpose, phone)
	if err != nil {
		return err
	}
	ch := h.site.Chrome(c)
	ch.NoIndex = true
	if purpose == users.PurposeRecover {
		return web.Render(c, status, account.Recover(ch, account.RecoverProps{Form: f, Code: cs, Flash: flash}))
	}
	return web.Render(c, status, account.Register(ch, account.RegisterProps{Form: f, Code: cs, Legal: kind == users.Legal, Flash: flash}))
}

// register is POST /register: create the account, record the privacy
// consent, sign in.
func (h *accountHandler) register(c echo.Context) error {
	ctx := c.Request().Context()
	phone, kind := pending(c, users.PurposeRegister)
	if phone == "" {
		return web.SeeOther(c, "/register")
	}
	all, kept := formValues(c)
	f := components.NewForm(kept)
	r := users.Registration{Kind: kind, Phone: phone, Code: strings.TrimSpace(f.Value("code")), Name: strings.TrimSpace(f.Value("name")),
		OrgName: strings.TrimSpace(f.Value("org_name")), CreditCode: refdata.NormalizeCreditCode(f.Value("credit_code")),
		RepName: strings.TrimSpace(f.Value("rep_name")), Password: first(all, "password"), PasswordConfirm: first(all, "password_confirm"),
		Consent: f.Value("consent") == "yes"}
	u, err := h.svc.Register(ctx, r)
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderVerify(c, users.PurposeRegister, http.StatusUnprocessableEntity, f, "")
	}
	if err != nil {
		return err
	}
	web.Logger(c).Info("account registered", "user_id", u.ID, "kind", u.Kind)
	setFlash(c, locales.T(ctx, "account.register.done"))
	if err := h.signIn(c, u); err != nil {
		return err
	}
	return web.SeeOther(c, "/me")
}

// resend is POST /codes/resend: another code, 60 s after the last one.
func (h *accountHandler) resend(c echo.Context) error {
	ctx := c.Request().Context()
	purpose := c.FormValue("purpose")
	phone, _ := pending(c, purpose)
	if phone == "" || (purpose != users.PurposeRegister && purpose != users.PurposeRecover) {
		return web.SeeOther(c, "/register")
	}
	deliver := true
	if purpose == users.PurposeRecover {
		taken, err := users.PhoneTaken(ctx, h.st, phone)
		if err != nil {
			return err
		}
		deliver = taken
	}
	err := h.sendCode(c, purpose, phone, deliver, true)
	f := components.NewForm(nil)
	var wait users.WaitError
	switch {
	case errors.As(err, &wait):
		f.Fail("resend", locales.T(ctx, "account.err.code.wait", int(wait.Wait.Seconds())))
		return h.renderVerify(c, purpose, http.StatusTooManyRequests, f, "")
	case err != nil:
		key, ok := users.IsCodeError(err)
		if !ok {
			return err
		}
		f.Fail("resend", locales.T(ctx, key))
		return h.renderVerify(c, purpose, http.StatusTooManyRequests, f, "")
	}
	return flashAndGo(c, locales.T(ctx, "account.code.resent"), verifyPath(purpose))
}

func verifyPath(purpose string) string {
	if purpose == users.PurposeRecover {
		return "/recover/verify"
	}
	return "/register/verify"
}

// extend is POST /codes/extend: 适老化 — more time for the same code.
func (h *accountHandler) extend(c echo.Context) error {
	ctx := c.Request().Context()
	purpose := c.FormValue("purpose")
	phone, _ := pending(c, purpose)
	if phone == "" {
		return web.SeeOther(c, "/register")
	}
	st, err := h.svc.Codes.Extend(ctx, purpose, phone)
	if key, ok := users.IsCodeError(err); ok {
		f := components.NewForm(nil)
		f.Fail("code", locales.T(ctx, key))
		return h.renderVerify(c, purpose, http.StatusUnprocessableEntity, f, "")
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "account.code.extended", clock(st.ExpiresAt)), verifyPath(purpose))
}
