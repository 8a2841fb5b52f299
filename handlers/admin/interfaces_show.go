package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	gw "github.com/zwfw/portal/models/gateway"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

func paramTable(ctx context.Context, caption string, ps []gw.Param) components.TableProps {
	tp := components.TableProps{Caption: caption, Layout: components.TableStack, RowHeaders: true,
		Head: []components.TableHead{{Text: gwT(ctx, "gateway.param.name")}, {Text: gwT(ctx, "gateway.param.required")},
			{Text: gwT(ctx, "gateway.param.type")}, {Text: gwT(ctx, "gateway.param.description")}}}
	for _, p := range ps {
		req := gwT(ctx, "admin.no")
		if p.Required {
			req = gwT(ctx, "admin.yes")
		}
		tp.Rows = append(tp.Rows, []components.TableCell{{Text: p.Name}, {Text: req}, {Text: p.Type}, {Text: p.Description}})
	}
	return tp
}

func (h *ifaceConsole) specRows(ctx context.Context, sp gw.Spec) []components.SummaryRow {
	secret := gwT(ctx, "gateway.secret.none")
	if sp.SecretSealed != "" {
		secret = gwT(ctx, "gateway.secret.set")
	}
	return []components.SummaryRow{
		{Key: gwT(ctx, "gateway.field.name"), Value: sp.Name}, {Key: gwT(ctx, "gateway.field.org"), Value: sp.Org},
		{Key: gwT(ctx, "gateway.field.source_url"), Value: sp.SourceURL}, {Key: gwT(ctx, "gateway.field.method"), Value: sp.Method},
		{Key: gwT(ctx, "gateway.field.format"), Value: "JSON"}, {Key: gwT(ctx, "gateway.field.auth"), Value: gwT(ctx, "gateway.auth."+sp.Auth)},
		{Key: gwT(ctx, "gateway.field.remark"), Value: sp.Remark}, {Key: gwT(ctx, "gateway.field.mask_fields"), Value: sp.MaskFields},
		{Key: gwT(ctx, "gateway.field.consumers"), Value: sp.Consumers},
		{Key: gwT(ctx, "gateway.field.limits"), Value: gwT(ctx, "gateway.limits", sp.RatePerMin, sp.TimeoutMs, sp.MaxResponseBytes, sp.CheckIntervalS, sp.SlowMs)},
		{Key: gwT(ctx, "gateway.field.secret"), Value: secret},
	}
}

func specOf(it gw.Interface) gw.Spec {
	sp := gw.Spec{Name: it.Name, Org: it.Org, SourceURL: it.SourceURL, Method: it.Method, Auth: it.Auth, Remark: it.Remark,
		Request: it.Requests(), Response: it.Responses(), MaskFields: it.MaskFields, Consumers: it.Consumers, RatePerMin: it.RatePerMin,
		TimeoutMs: it.TimeoutMs, MaxResponseBytes: it.MaxResponseBytes, CheckIntervalS: it.CheckIntervalS, SlowMs: it.SlowMs}
	if it.HasSecret() {
		sp.SecretSealed = "set"
	}
	return sp
}

// show is GET /admin/interfaces/{id}: the live configuration, the gateway
// address, the parameters, the versions and the actions.
func (h *ifaceConsole) show(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	it, err := h.iface(c)
	if err != nil {
		return err
	}
	vs, err := h.gw.Versions(ctx, s.Scope(), it.ID)
	if err != nil {
		return err
	}
	app, _ := apps.Get(ctx, h.st, it.AppID)
	base := ifaceURL(it.ID)
	p := admin.InterfaceProps{Shell: h.shell(c, it.Name, listCrumb(ctx), components.Crumb{Text: it.Name}),
		Status: components.TagProps{Text: gwT(ctx, "gateway.status."+it.Status)}, Health: stateTag(ctx, it.HealthState)}
	rows := []components.SummaryRow{{Key: gwT(ctx, "gateway.field.code"), Value: it.Code},
		{Key: gwT(ctx, "gateway.field.app"), Value: app.Name + " (" + app.Key() + ")"},
		{Key: gwT(ctx, "gateway.field.version"), Value: strconv.Itoa(it.Version)}}
	if it.Version > 0 {
		p.GatewayURL = gatewayURL(c, it.Code)
		rows = append(rows, h.specRows(ctx, specOf(it))...)
		p.Request = paramTable(ctx, gwT(ctx, "gateway.params.request"), it.Requests())
		p.Response = paramTable(ctx, gwT(ctx, "gateway.params.response"), it.Responses())
	}
	p.Facts = components.SummaryListProps{Rows: rows}
	p.Links = []admin.Link{{Text: gwT(ctx, "gateway.edit"), Href: base + "/edit"}}
	if it.Version > 0 {
		p.Links = append(p.Links, admin.Link{Text: gwT(ctx, "gateway.test"), Href: base + "/test"}, admin.Link{Text: gwT(ctx, "gateway.health"), Href: base + "/health"})
		switch it.Status {
		case gw.StatusActive:
			p.Actions = append(p.Actions, admin.Action{Href: base + "/disable", Text: gwT(ctx, "gateway.disable"), Variant: components.ButtonWarning})
		case gw.StatusDisabled:
			p.Actions = append(p.Actions, admin.Action{Href: base + "/enable", Text: gwT(ctx, "gateway.enable")})
		}
	}
	p.Versions = components.TableProps{Caption: gwT(ctx, "gateway.versions"), Layout: components.TableStack,
		Head: []components.TableHead{{Text: gwT(ctx, "gateway.field.version")}, {Text: gwT(ctx, "gateway.version.status")},
			{Text: gwT(ctx, "gateway.version.by")}, {Text: gwT(ctx, "gateway.version.reviewer")}, {Text: gwT(ctx, "gateway.version.when")}}}
	for _, v := range vs {
		p.Versions.Rows = append(p.Versions.Rows, []components.TableCell{
			{Text: gwT(ctx, "gateway.version.n", v.Version), Href: base + "/versions/" + strconv.FormatInt(v.ID, 10)},
			{Text: gwT(ctx, "gateway.version."+v.Status)}, {Text: v.SubmittedBy}, {Text: v.Reviewer}, {Text: stamp(v.CreatedAt)}})
	}
	return web.Render(c, http.StatusOK, admin.Interface(h.chrome(c), p))
}

// version is GET /admin/interfaces/{id}/versions/{v}: one submitted
// version and, while pending, the review form.
func (h *ifaceConsole) version(c echo.Context) error {
	return h.renderVersion(c, http.StatusOK, components.NewForm(nil))
}

func (h *ifaceConsole) renderVersion(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	vid, err := id(c, "v")
	if err != nil {
		return err
	}
	it, v, err := h.gw.VersionOf(ctx, s.Scope(), n, vid)
	if err != nil {
		return err
	}
	sp := v.SpecValue()
	title := gwT(ctx, "gateway.version.title", it.Name, v.Version)
	p := admin.InterfaceVersionProps{Shell: h.shell(c, title, listCrumb(ctx), components.Crumb{Text: it.Name, Href: ifaceURL(it.ID)},
		components.Crumb{Text: gwT(ctx, "gateway.version.n", v.Version)}), Form: f,
		Status:  components.TagProps{Text: gwT(ctx, "gateway.version."+v.Status)},
		Facts:   components.SummaryListProps{Rows: h.specRows(ctx, sp)},
		Request: paramTable(ctx, gwT(ctx, "gateway.params.request"), sp.Request), Response: paramTable(ctx, gwT(ctx, "gateway.params.response"), sp.Response),
		Note: v.ReviewNote, Base: ifaceURL(it.ID) + "/versions/" + strconv.FormatInt(v.ID, 10),
		Pending: v.Status == gw.VersionPending, Own: v.SubmittedBy == s.Username}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.InterfaceVersion(h.chrome(c), p))
}

func (h *ifaceConsole) decide(c echo.Context, approve bool) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	vid, err := id(c, "v")
	if err != nil {
		return err
	}
	if _, _, err := h.gw.VersionOf(ctx, s.Scope(), n, vid); err != nil {
		return err
	}
	note := strings.TrimSpace(c.FormValue("note"))
	if approve {
		_, err = h.gw.Approve(ctx, s.Scope(), s.Actor(c.RealIP()), vid, note)
	} else {
		err = h.gw.Reject(ctx, s.Scope(), s.Actor(c.RealIP()), vid, note)
	}
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		f := components.NewForm(postedValues(c))
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderVersion(c, http.StatusUnprocessableEntity, f)
	case errors.Is(err, gw.ErrSelfReview), errors.Is(err, gw.ErrNotPending):
		f := components.NewForm(postedValues(c))
		key := "gateway.err.self_review"
		if errors.Is(err, gw.ErrNotPending) {
			key = "gateway.err.not_pending"
		}
		f.Fail("note", gwT(ctx, key))
		return h.renderVersion(c, http.StatusConflict, f)
	case err != nil:
		return err
	}
	key := "gateway.flash.rejected"
	if approve {
		key = "gateway.flash.approved"
	}
	return flashAndGo(c, gwT(ctx, key), ifaceURL(n))
}

func (h *ifaceConsole) approve(c echo.Context) error { return h.decide(c, true) }
func (h *ifaceConsole) reject(c echo.Context) error  { return h.decide(c, false) }

// toggle is POST /admin/interfaces/{id}/disable|enable.
func (h *ifaceConsole) toggle(on bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		s, _ := current(c)
		it, err := h.iface(c)
		if err != nil {
			return err
		}
		if err := h.gw.SetEnabled(ctx, s.Scope(), s.Actor(c.RealIP()), it.ID, on); errors.Is(err, gw.ErrNotPending) {
			return echo.NewHTTPError(http.StatusConflict)
		} else if err != nil {
			return err
		}
		key := "gateway.flash.disabled"
		if on {
			key = "gateway.flash.enabled"
		}
		return flashAndGo(c, gwT(ctx, key), ifaceURL(it.ID))
	}
}
