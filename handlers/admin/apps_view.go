package admin

import (
	"context"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// noteEvents are the moves that need a reason (the owner reads it).
var noteEvents = map[string]bool{apps.EvRejectApplication: true, apps.EvRejectDesign: true, apps.EvReject: true, apps.EvTakeOffline: true}

// render shows an app's review page; f carries a failed move's errors.
func (r *appsReview) render(c echo.Context, status int, a apps.App, f *components.Form, notice string) error {
	ctx := c.Request().Context()
	list := components.Crumb{Text: locales.T(ctx, "admin.apps.title"), Href: "/admin/apps"}
	p := admin.AppProps{Shell: r.shell(c, a.Name, list, components.Crumb{Text: a.Name}),
		Status:    components.TagProps{Text: locales.T(ctx, "apps.state."+a.Status), Colour: stateColour(a.Status)},
		StateHint: locales.T(ctx, "admin.apps.hint."+a.Status), Facts: components.SummaryListProps{Rows: r.appRows(ctx, a)},
		ChecksNone: locales.T(ctx, "apps.dev.checks.none"), CheckPath: appURL(a.ID) + "/checklist",
		NoEvents: locales.T(ctx, "admin.apps.no_events")}
	p.Notice, p.Errors = notice, f.Summary()
	if a.DesignURL != "" {
		p.Links = append(p.Links, admin.Link{Text: locales.T(ctx, "admin.apps.design"), Href: a.DesignURL})
	}
	if a.EntryURL != "" {
		p.Links = append(p.Links, admin.Link{Text: locales.T(ctx, "admin.apps.entry"), Href: a.EntryURL})
	}
	for i, u := range a.ScreenshotList() {
		p.Links = append(p.Links, admin.Link{Text: locales.T(ctx, "admin.apps.screenshot", i+1), Href: u})
	}
	if err := r.checksTable(ctx, a, &p); err != nil {
		return err
	}
	if a.Status == apps.InReview {
		ticked := strings.Split(a.Checklist, ",")
		if f.HasErrors() && f.Error("checklist") == "" && len(f.All("checklist")) > 0 {
			ticked = f.All("checklist")
		}
		cb := components.CheckboxesProps{Field: f.Field("checklist"), Legend: locales.T(ctx, "admin.apps.checklist_legend"),
			Hint: locales.T(ctx, "admin.apps.checklist_hint"), Values: ticked}
		for _, it := range apps.ChecklistItems {
			cb.Items = append(cb.Items, components.CheckboxItem{Value: it, Text: locales.T(ctx, "admin.apps.check."+it),
				Hint: locales.T(ctx, "admin.apps.check."+it+".hint")})
		}
		p.Checklist = &cb
	}
	for _, ev := range apps.Allowed(a.Status, apps.RoleReviewer) {
		e := admin.AppEvent{Href: appURL(a.ID) + "/events/" + ev, Text: locales.T(ctx, "admin.apps.ev."+ev),
			Hint: locales.T(ctx, "admin.apps.ev."+ev+".hint"), Danger: noteEvents[ev]}
		if noteEvents[ev] {
			fld := f.Field("note_" + ev)
			e.Note = &fld
		}
		p.Events = append(p.Events, e)
	}
	if err := r.statsAndHistory(ctx, a, &p); err != nil {
		return err
	}
	return web.Render(c, status, admin.App(r.chrome(c), p))
}

func stateColour(s string) components.TagColour {
	switch s {
	case apps.Online:
		return components.TagGreen
	case apps.Offline, apps.Rejected:
		return components.TagRed
	}
	return components.TagYellow
}

func (r *appsReview) appRows(ctx context.Context, a apps.App) []components.SummaryRow {
	none := locales.T(ctx, "admin.none")
	or := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return none
		}
		return s
	}
	return []components.SummaryRow{
		{Key: locales.T(ctx, "admin.apps.type"), Value: locales.T(ctx, "apps.type."+a.Type)},
		{Key: locales.T(ctx, "admin.apps.owner"), Value: or(a.OwnerOrg)},
		{Key: locales.T(ctx, "admin.apps.site"), Value: r.siteName(ctx, a.SiteCode)},
		{Key: locales.T(ctx, "admin.apps.app_id"), Value: or(a.Key())},
		{Key: locales.T(ctx, "admin.apps.entry"), Value: or(a.EntryURL)},
		{Key: locales.T(ctx, "admin.apps.origins"), Value: or(strings.Join(a.OriginList(), "、"))},
		{Key: locales.T(ctx, "admin.apps.auth"), Value: authText(ctx, a)},
		{Key: locales.T(ctx, "admin.apps.interfaces"), Value: or(a.InterfacesRef)},
		{Key: locales.T(ctx, "admin.apps.description"), Value: or(a.Description)},
		{Key: locales.T(ctx, "admin.item.updated"), Value: stamp(a.UpdatedAt)},
	}
}

// authText says how the app's back end authenticates (8.3.4.4).
func authText(ctx context.Context, a apps.App) string {
	var parts []string
	if a.SM2PublicKey != "" {
		parts = append(parts, locales.T(ctx, "admin.apps.auth.sm2"))
	}
	if w := a.WhitelistCIDRs(); len(w) > 0 {
		parts = append(parts, locales.T(ctx, "admin.apps.auth.whitelist", strings.Join(w, "、")))
	}
	if len(parts) == 0 {
		return locales.T(ctx, "admin.none")
	}
	return strings.Join(parts, "；")
}

func (r *appsReview) checksTable(ctx context.Context, a apps.App, p *admin.AppProps) error {
	run, err := r.svc.LatestChecks(ctx, a.ID)
	if err != nil {
		return err
	}
	p.Checks = components.TableProps{Caption: locales.T(ctx, "admin.apps.checks_caption"), Layout: components.TableStack,
		Head: []components.TableHead{{Text: locales.T(ctx, "apps.dev.checks.name")}, {Text: locales.T(ctx, "apps.dev.checks.result")},
			{Text: locales.T(ctx, "apps.dev.checks.detail")}, {Text: locales.T(ctx, "admin.history.at")}}}
	for _, ch := range run {
		res := locales.T(ctx, "apps.check.failed")
		if ch.Passed {
			res = locales.T(ctx, "apps.check.passed")
		}
		p.Checks.Rows = append(p.Checks.Rows, []components.TableCell{{Text: locales.T(ctx, "apps.check."+ch.Name)}, {Text: res},
			{Text: ch.Detail}, {Text: stamp(ch.RunAt)}})
	}
	return nil
}

func (r *appsReview) statsAndHistory(ctx context.Context, a apps.App, p *admin.AppProps) error {
	_, total, err := r.svc.Stats(ctx, a.ID, 30)
	if err != nil {
		return err
	}
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	p.Stats.Rows = []components.SummaryRow{{Key: locales.T(ctx, "admin.apps.views"), Value: n(total.Views)},
		{Key: locales.T(ctx, "admin.apps.users"), Value: n(total.Users)}, {Key: locales.T(ctx, "admin.apps.errors"), Value: n(total.Errors)},
		{Key: locales.T(ctx, "admin.apps.tickets"), Value: n(total.Tickets)}}
	moves, err := r.svc.History(ctx, a.ID, 100)
	if err != nil {
		return err
	}
	p.History = components.TableProps{Caption: locales.T(ctx, "apps.dev.history"), Layout: components.TableStack,
		Head: []components.TableHead{{Text: locales.T(ctx, "admin.history.at")}, {Text: locales.T(ctx, "admin.history.action")},
			{Text: locales.T(ctx, "admin.apps.to_state")}, {Text: locales.T(ctx, "admin.history.by")}, {Text: locales.T(ctx, "admin.apps.reason")}}}
	for _, m := range moves {
		p.History.Rows = append(p.History.Rows, []components.TableCell{{Text: stamp(m.CreatedAt)}, {Text: locales.T(ctx, "apps.ev."+m.Event)},
			{Text: locales.T(ctx, "apps.state."+m.ToState)}, {Text: locales.T(ctx, "admin.apps.actor."+m.Actor)}, {Text: m.Note}})
	}
	return nil
}
