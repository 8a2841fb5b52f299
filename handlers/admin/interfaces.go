package admin

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	gw "github.com/zwfw/portal/models/gateway"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// ifaceConsole serves /admin/interfaces (C 0103 8.3.4, issue 10): the
// registry, the review of versions, the test console and health.
type ifaceConsole struct {
	*console
	gw *gw.Service
}

// RegisterInterfaces adds the interface-management section to e, sharing
// the gateway service svc with /gateway (handlers.registerGateway).
func RegisterInterfaces(e *echo.Echo, site *web.Site, d Deps, svc *gw.Service) {
	st, err := staff.NewService(d.Store, staff.Config{Secret: d.Secret, Params: d.Params, Ref: d.Ref})
	if err != nil {
		if d.Logger == nil {
			d.Logger = slog.Default()
		}
		d.Logger.Error("interface console disabled", "err", err)
		return
	}
	base := &console{site: site, st: d.Store, ref: d.Ref, staff: st}
	h := &ifaceConsole{console: base, gw: svc}
	g := e.Group("/admin/interfaces", base.requireStaff)
	p := staff.PermInterfaces
	g.GET("", need(p, h.list))
	g.GET("/new", need(p, h.newForm))
	g.POST("", need(p, h.create))
	g.GET("/:id", need(p, h.show))
	g.GET("/:id/edit", need(p, h.editForm))
	g.POST("/:id", need(p, h.update))
	g.GET("/:id/versions/:v", need(p, h.version))
	g.POST("/:id/versions/:v/approve", need(p, h.approve))
	g.POST("/:id/versions/:v/reject", need(p, h.reject))
	g.POST("/:id/disable", need(p, h.toggle(false)))
	g.POST("/:id/enable", need(p, h.toggle(true)))
	g.GET("/:id/test", need(p, h.testForm))
	g.POST("/:id/test", need(p, h.test))
	g.GET("/:id/health", need(p, h.health))
}

func ifaceURL(id int64) string { return "/admin/interfaces/" + strconv.FormatInt(id, 10) }

// gwT is a locale lookup.
func gwT(ctx context.Context, key string, args ...any) string { return locales.T(ctx, key, args...) }

func listCrumb(ctx context.Context) components.Crumb {
	return components.Crumb{Text: gwT(ctx, "gateway.title"), Href: "/admin/interfaces"}
}

func stateTag(ctx context.Context, state string) components.TagProps {
	colour := map[string]components.TagColour{gw.StateHealthy: components.TagGreen, gw.StateSlow: components.TagYellow,
		gw.StateError: components.TagRed, gw.StateTimeout: components.TagRed}[state]
	return components.TagProps{Text: gwT(ctx, "gateway.state."+state), Colour: colour}
}

// list is GET /admin/interfaces: the interfaces inside the scope, with
// filters as GET parameters, and the latest alerts.
func (h *ifaceConsole) list(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	q := c.QueryParams()
	f := gw.Filter{Q: q.Get("q"), Status: q.Get("status"), Health: q.Get("health"), Limit: 20}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	f.Offset = (page - 1) * 20
	rows, total, err := h.gw.List(ctx, s.Scope(), f)
	if err != nil {
		return err
	}
	p := admin.InterfacesProps{Shell: h.shell(c, gwT(ctx, "gateway.title"), components.Crumb{Text: gwT(ctx, "gateway.title")}),
		Q: components.Field{Name: "q", ID: "q", Value: f.Q}, Status: components.Field{Name: "status", ID: "status", Value: f.Status},
		Count:      gwT(ctx, "gateway.list.count", total),
		Pagination: components.PaginationProps{BaseURL: "/admin/interfaces", Query: q, Page: page, Total: int((total + 19) / 20)}}
	p.Statuses = []components.SelectOption{{Value: "", Text: gwT(ctx, "gateway.list.any")}}
	for _, st := range []string{gw.StatusDraft, gw.StatusActive, gw.StatusDisabled} {
		p.Statuses = append(p.Statuses, components.SelectOption{Value: st, Text: gwT(ctx, "gateway.status."+st)})
	}
	p.Table = components.TableProps{Caption: gwT(ctx, "gateway.title"), Layout: components.TableStack,
		Head: []components.TableHead{{Text: gwT(ctx, "gateway.field.name")}, {Text: gwT(ctx, "gateway.field.code")},
			{Text: gwT(ctx, "gateway.field.app")}, {Text: gwT(ctx, "gateway.field.status")}, {Text: gwT(ctx, "gateway.field.health")},
			{Text: gwT(ctx, "gateway.list.pending")}}}
	ids := []int64{}
	for _, r := range rows {
		ids = append(ids, r.ID)
		pending := ""
		if r.Pending > 0 {
			pending = gwT(ctx, "gateway.list.pending_n", r.Pending)
		}
		p.Table.Rows = append(p.Table.Rows, []components.TableCell{{Text: r.Name, Href: ifaceURL(r.ID)}, {Text: r.Code},
			{Text: r.AppName}, {Text: gwT(ctx, "gateway.status."+r.Status)}, {Text: gwT(ctx, "gateway.state."+r.HealthState)}, {Text: pending}})
	}
	if s.Scope().Everything() {
		ids = nil
	}
	alerts, err := h.gw.Alerts(ctx, ids, 10)
	if err != nil {
		return err
	}
	for _, a := range alerts {
		p.Alerts = append(p.Alerts, h.alertText(ctx, a))
	}
	return web.Render(c, http.StatusOK, admin.Interfaces(h.chrome(c), p))
}

func (h *ifaceConsole) alertText(ctx context.Context, a gw.Alert) admin.AlertItem {
	text := gwT(ctx, "gateway.alert.health", gwT(ctx, "gateway.state."+a.FromState), gwT(ctx, "gateway.state."+a.ToState))
	if a.Kind == "sensitive" {
		text = gwT(ctx, "gateway.alert.sensitive", a.Detail)
	}
	return admin.AlertItem{When: stamp(a.CreatedAt), Text: text, Href: ifaceURL(a.InterfaceID) + "/health"}
}

// current interface of the request inside the scope (404 otherwise).
func (h *ifaceConsole) iface(c echo.Context) (gw.Interface, error) {
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return gw.Interface{}, err
	}
	return h.gw.Get(c.Request().Context(), s.Scope(), n)
}

// gatewayURL is the address consumers call.
func gatewayURL(c echo.Context, code string) string {
	return c.Scheme() + "://" + c.Request().Host + "/gateway/" + url.PathEscape(code)
}
