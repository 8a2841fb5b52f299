package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models"
	gw "github.com/zwfw/portal/models/gateway"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// ifaceFields are the form's fields in page order (error summary order).
var ifaceFields = []string{"app", "code", "name", "org", "source_url", "method", "auth", "remark", "request_params",
	"response_params", "mask_fields", "consumers", "rate_per_min", "timeout_ms", "max_response_bytes", "check_interval_s",
	"slow_ms", "secret"}

func formOf(v url.Values) gw.Form {
	return gw.Form{App: v.Get("app"), Code: v.Get("code"), Name: v.Get("name"), Org: v.Get("org"), SourceURL: v.Get("source_url"),
		Method: v.Get("method"), Auth: v.Get("auth"), Remark: v.Get("remark"), RequestParams: v.Get("request_params"),
		ResponseParams: v.Get("response_params"), MaskFields: v.Get("mask_fields"), Consumers: v.Get("consumers"),
		RatePerMin: v.Get("rate_per_min"), TimeoutMs: v.Get("timeout_ms"), MaxResponseBytes: v.Get("max_response_bytes"),
		CheckIntervalS: v.Get("check_interval_s"), SlowMs: v.Get("slow_ms"), Secret: v.Get("secret")}
}

// valuesOf fills the edit form from an interface (the secret never).
func valuesOf(it gw.Interface) url.Values {
	return url.Values{"name": {it.Name}, "org": {it.Org}, "source_url": {it.SourceURL}, "method": {it.Method}, "auth": {it.Auth},
		"remark": {it.Remark}, "request_params": {gw.FormatParams(it.Requests())}, "response_params": {gw.FormatParams(it.Responses())},
		"mask_fields": {it.MaskFields}, "consumers": {it.Consumers}, "rate_per_min": {strconv.Itoa(it.RatePerMin)},
		"timeout_ms": {strconv.Itoa(it.TimeoutMs)}, "max_response_bytes": {strconv.FormatInt(it.MaxResponseBytes, 10)},
		"check_interval_s": {strconv.Itoa(it.CheckIntervalS)}, "slow_ms": {strconv.Itoa(it.SlowMs)}}
}

func (h *ifaceConsole) renderForm(c echo.Context, status int, f *components.Form, it *gw.Interface) error {
	ctx := c.Request().Context()
	p := admin.InterfaceFormProps{Form: f, Methods: []components.RadioItem{{Value: "GET", Text: "GET"}, {Value: "POST", Text: "POST"}},
		Auths: []components.RadioItem{{Value: gw.AuthSM2, Text: gwT(ctx, "gateway.auth.sm2")}, {Value: gw.AuthWhitelist, Text: gwT(ctx, "gateway.auth.whitelist")}}}
	if it == nil {
		title := gwT(ctx, "gateway.new.title")
		p.Shell, p.New, p.Action, p.Cancel = h.shell(c, title, listCrumb(ctx), components.Crumb{Text: title}), true, "/admin/interfaces", "/admin/interfaces"
		p.Submit = gwT(ctx, "gateway.new.submit")
	} else {
		title := gwT(ctx, "gateway.edit.title", it.Name)
		p.Shell = h.shell(c, title, listCrumb(ctx), components.Crumb{Text: it.Name, Href: ifaceURL(it.ID)}, components.Crumb{Text: gwT(ctx, "gateway.edit")})
		p.Action, p.Cancel, p.Submit, p.HasSecret = ifaceURL(it.ID), ifaceURL(it.ID), gwT(ctx, "gateway.edit.submit"), it.HasSecret()
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.InterfaceForm(h.chrome(c), p))
}

// newForm is GET /admin/interfaces/new, prefilled with example 7's
// standard parameters and the process_response envelope.
func (h *ifaceConsole) newForm(c echo.Context) error {
	v := url.Values{"method": {"GET"}, "auth": {gw.AuthSM2}, "request_params": {gw.FormatParams(gw.StandardRequestParams)},
		"response_params": {gw.FormatParams(gw.StandardResponseParams)}, "rate_per_min": {strconv.Itoa(gw.DefaultRate)},
		"timeout_ms": {strconv.Itoa(gw.DefaultTimeout)}, "max_response_bytes": {strconv.Itoa(gw.DefaultMaxBytes)},
		"check_interval_s": {"60"}, "slow_ms": {"1000"}}
	return h.renderForm(c, http.StatusOK, components.NewForm(v), nil)
}

// create is POST /admin/interfaces: the interface and its version 1,
// waiting for another interface admin's review.
func (h *ifaceConsole) create(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	vals := postedValues(c)
	it, err := h.gw.Register(ctx, s.Actor(c.RealIP()), formOf(vals))
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		vals.Del("secret")
		return h.renderForm(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, components.NewForm(nil), err, ifaceFields), nil)
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, gwT(ctx, "gateway.flash.registered"), ifaceURL(it.ID))
}

// editForm is GET /admin/interfaces/{id}/edit.
func (h *ifaceConsole) editForm(c echo.Context) error {
	it, err := h.iface(c)
	if err != nil {
		return err
	}
	return h.renderForm(c, http.StatusOK, components.NewForm(valuesOf(it)), &it)
}

// update is POST /admin/interfaces/{id}: a new version for review.
func (h *ifaceConsole) update(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	it, err := h.iface(c)
	if err != nil {
		return err
	}
	vals := postedValues(c)
	_, err = h.gw.Submit(ctx, s.Scope(), s.Actor(c.RealIP()), it.ID, formOf(vals))
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		vals.Del("secret")
		return h.renderForm(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, components.NewForm(nil), err, ifaceFields), &it)
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, gwT(ctx, "gateway.flash.submitted"), ifaceURL(it.ID))
}
