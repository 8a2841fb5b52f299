package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	gw "github.com/zwfw/portal/models/gateway"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// testForm is GET /admin/interfaces/{id}/test: the test console of figure
// 3, its form generated from the request parameters.
func (h *ifaceConsole) testForm(c echo.Context) error {
	it, err := h.iface(c)
	if err != nil {
		return err
	}
	return h.renderTest(c, http.StatusOK, it, components.NewForm(nil), nil)
}

func (h *ifaceConsole) renderTest(c echo.Context, status int, it gw.Interface, f *components.Form, res *gw.TestResult) error {
	ctx := c.Request().Context()
	title := gwT(ctx, "gateway.test.title", it.Name)
	p := admin.InterfaceTestProps{Shell: h.shell(c, title, listCrumb(ctx), components.Crumb{Text: it.Name, Href: ifaceURL(it.ID)},
		components.Crumb{Text: gwT(ctx, "gateway.test")}), Action: ifaceURL(it.ID) + "/test", Method: it.Method,
		GatewayURL: gatewayURL(c, it.Code), SourceURL: it.SourceURL}
	for _, prm := range it.Requests() {
		label := prm.Name + " (" + prm.Type + ")"
		if prm.Required {
			label += " " + gwT(ctx, "gateway.test.required")
		}
		p.Fields = append(p.Fields, components.TextInputProps{Field: f.Field("p_" + prm.Name), Label: label, Hint: prm.Description})
	}
	if res != nil {
		words := res.Sensitive
		out := &admin.TestOutcome{URL: res.URL, Params: runs(gw.Highlight(res.Params, words)), Method: res.Method,
			Status: strconv.Itoa(res.Status), Latency: fmt.Sprintf("%d ms", res.Latency.Milliseconds()),
			Body: runs(gw.Highlight(res.Pretty, words))}
		if len(words) > 0 {
			out.Sensitive = gwT(ctx, "gateway.test.sensitive", strings.Join(words, "、"))
		}
		if res.Failure != nil {
			out.Failure = res.Failure.Code
		}
		p.Outcome = out
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.InterfaceTest(h.chrome(c), p))
}

// test is POST /admin/interfaces/{id}/test: check the required parameters,
// send through the gateway's forward path and show the outcome on the
// same page (a test call changes nothing but the call log).
func (h *ifaceConsole) test(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	it, err := h.iface(c)
	if err != nil {
		return err
	}
	if it.Version == 0 {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	vals := postedValues(c)
	f := components.NewForm(vals)
	params := url.Values{}
	for _, prm := range it.Requests() {
		v := strings.TrimSpace(vals.Get("p_" + prm.Name))
		if v == "" && prm.Required {
			f.Fail("p_"+prm.Name, gwT(ctx, "gateway.err.param_required", prm.Name))
		}
		if v != "" {
			params.Set(prm.Name, v)
		}
	}
	if f.HasErrors() {
		return h.renderTest(c, http.StatusUnprocessableEntity, it, f, nil)
	}
	res := h.gw.TestCall(ctx, it, s.Actor(c.RealIP()), params)
	return h.renderTest(c, http.StatusOK, it, f, &res)
}

// health is GET /admin/interfaces/{id}/health: state, uptime chart of the
// last 14 days (SVG), the checks and the transitions (8.3.4.3 c).
func (h *ifaceConsole) health(c echo.Context) error {
	ctx := c.Request().Context()
	it, err := h.iface(c)
	if err != nil {
		return err
	}
	hist, err := h.gw.History(ctx, it.ID, 50)
	if err != nil {
		return err
	}
	days, err := h.gw.Uptime(ctx, it.ID, 14)
	if err != nil {
		return err
	}
	alerts, err := h.gw.Alerts(ctx, []int64{it.ID}, 20)
	if err != nil {
		return err
	}
	title := gwT(ctx, "gateway.health.title", it.Name)
	p := admin.InterfaceHealthProps{Shell: h.shell(c, title, listCrumb(ctx), components.Crumb{Text: it.Name, Href: ifaceURL(it.ID)},
		components.Crumb{Text: gwT(ctx, "gateway.health")}), State: stateTag(ctx, it.HealthState),
		Thresholds: gwT(ctx, "gateway.health.thresholds", it.SlowMs, it.TimeoutMs, it.CheckIntervalS)}
	chart := admin.Chart{ID: "uptime", Title: gwT(ctx, "gateway.health.chart"), Series: []string{gwT(ctx, "gateway.health.uptime")}}
	var parts []string
	for _, d := range days {
		chart.Groups = append(chart.Groups, admin.ChartGroup{Label: d.Day[5:], Values: []int{d.Percent}})
		if d.Checks > 0 {
			parts = append(parts, fmt.Sprintf("%s %d%%", d.Day[5:], d.Percent))
		}
	}
	chart.Summary = gwT(ctx, "gateway.health.summary", strings.Join(parts, "，"))
	if len(parts) == 0 {
		chart.Summary = gwT(ctx, "gateway.health.no_checks")
	}
	p.Chart = chart
	p.Checks = components.TableProps{Caption: gwT(ctx, "gateway.health.checks"), Layout: components.TableStack,
		Head: []components.TableHead{{Text: gwT(ctx, "gateway.health.when")}, {Text: gwT(ctx, "gateway.health.kind")},
			{Text: gwT(ctx, "gateway.field.health")}, {Text: gwT(ctx, "gateway.health.latency"), Numeric: true},
			{Text: gwT(ctx, "gateway.health.detail")}}}
	for _, ch := range hist {
		detail := ch.Detail
		if ch.Kind == "passive" {
			detail = gwT(ctx, "gateway.health.passive", ch.Calls, ch.Errors)
		}
		p.Checks.Rows = append(p.Checks.Rows, []components.TableCell{{Text: stamp(ch.CheckedAt)}, {Text: gwT(ctx, "gateway.health.kind."+ch.Kind)},
			{Text: gwT(ctx, "gateway.state."+ch.State)}, {Text: strconv.Itoa(ch.LatencyMs), Numeric: true}, {Text: detail}})
	}
	for _, a := range alerts {
		p.Alerts = append(p.Alerts, h.alertText(ctx, a))
	}
	return web.Render(c, http.StatusOK, admin.InterfaceHealth(h.chrome(c), p))
}

func runs(in []gw.Run) []admin.Run {
	out := make([]admin.Run, len(in))
	for i, r := range in {
		out[i] = admin.Run{Text: r.Text, Mark: r.Mark}
	}
	return out
}
