package handlers

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/apps"
	appsview "github.com/zwfw/portal/views/apps"
	"github.com/zwfw/portal/views/components"
)

func hexKey(k []byte) string { return hex.EncodeToString(k) }

// stepFields names the field an owner's move needs.
var stepFields = map[string]string{apps.EvRegisterInterfaces: "interfaces_ref", apps.EvSubmitDesign: "design_url"}

// renderShow maps an app to the developer page (status 200, or 422 with
// the form's errors).
func (h *appsHandler) renderShow(c echo.Context, a apps.App, status int, f *components.Form) error {
	ctx := c.Request().Context()
	id := strconv.FormatInt(a.ID, 10)
	p := appsview.DevShowProps{ID: id, Name: a.Name, AppKey: a.Key(), State: locales.T(ctx, "apps.state."+a.Status),
		StateHint: locales.T(ctx, "apps.state."+a.Status+".hint"), Type: locales.T(ctx, "apps.type."+a.Type),
		EntryURL: a.EntryURL, Origins: strings.Join(a.OriginList(), "\n"), Form: f, Flash: h.flash(c),
		KeyIssued: a.SM4KeySealed != "", KeyRevealable: a.SM4KeySealed != "" && !a.SM4KeyRevealed,
		SM2PublicKey: a.SM2PublicKey, Whitelist: a.Whitelist}
	if a.Serving() {
		p.ContainerURL = "/apps/" + id
	}
	for _, ev := range apps.Allowed(a.Status, apps.RoleOwner) {
		s := appsview.DevStep{Event: ev, Label: locales.T(ctx, "apps.ev."+ev), Action: devPath(a.ID) + "/events/" + ev, Field: stepFields[ev]}
		if s.Field != "" {
			s.FieldLabel, s.FieldHint = locales.T(ctx, "apps.dev.f."+s.Field), locales.T(ctx, "apps.dev.f."+s.Field+".hint")
		}
		p.Steps = append(p.Steps, s)
	}
	checks, err := h.svc.LatestChecks(ctx, a.ID)
	if err != nil {
		return err
	}
	for _, ch := range checks {
		r := locales.T(ctx, "apps.check.failed")
		if ch.Passed {
			r = locales.T(ctx, "apps.check.passed")
		}
		p.Checks = append(p.Checks, appsview.DevCheck{Name: locales.T(ctx, "apps.check."+ch.Name), Result: r, Detail: ch.Detail, Passed: ch.Passed})
	}
	moves, err := h.svc.History(ctx, a.ID, 50)
	if err != nil {
		return err
	}
	for _, m := range moves {
		p.History = append(p.History, []string{dateTime(m.CreatedAt), locales.T(ctx, "apps.ev."+m.Event),
			locales.T(ctx, "apps.state."+m.FromState) + " → " + locales.T(ctx, "apps.state."+m.ToState),
			locales.T(ctx, "apps.role."+m.Actor), m.Note})
	}
	days, total, err := h.svc.Stats(ctx, a.ID, 30)
	if err != nil {
		return err
	}
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	for _, d := range days {
		p.Stats = append(p.Stats, []string{d.Day, n(d.Views), n(d.Users), n(d.Errors), n(d.Tickets)})
	}
	p.Totals = []string{locales.T(ctx, "apps.dev.s.total"), n(total.Views), n(total.Users), n(total.Errors), n(total.Tickets)}
	return web.Render(c, status, appsview.DevShow(h.site.Chrome(c), p))
}
