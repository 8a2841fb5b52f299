package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/apps"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// appsReview is the reviewers' side of the app integration workflow
// (issue 9 §2, C 0103 8.3.5 and figure 2): the queue, each app's checks,
// the manual checklist (compatibility, availability, security, stress),
// approve / reject / request changes / take offline, and the history.
type appsReview struct {
	*console
	svc *apps.Service
}

const appsPerPage = 20

// registerApps adds /admin/apps; secret is the portal secret the apps
// service seals app keys with (the same as handlers/apps.go uses).
func registerApps(g *echo.Group, h *console, secret []byte) {
	svc, err := apps.NewService(h.st, secret, nil)
	if err != nil {
		return // the public apps feature is disabled for the same reason
	}
	r := &appsReview{console: h, svc: svc}
	p := staff.PermApps
	g.GET("/apps", need(p, r.list))
	g.GET("/apps/:id", need(p, r.show))
	g.POST("/apps/:id/checklist", need(p, r.checklist))
	g.POST("/apps/:id/events/:event", need(p, r.event))
}

func appURL(id int64) string { return "/admin/apps/" + strconv.FormatInt(id, 10) }

// appFilters maps the list's state filter to workflow states.
var appFilters = map[string][]string{
	"review":  content.ReviewStates,
	"online":  {apps.Online},
	"offline": {apps.Offline, apps.Rectifying},
	"owner":   {apps.Draft, apps.Rejected, apps.KeysIssued, apps.InterfacesRegistered, apps.DesignApproved, apps.Registered, apps.Debugging},
	"all":     nil,
}

var appFilterOrder = []string{"review", "online", "offline", "owner", "all"}

// list is GET /admin/apps: apps inside the scope, by default those waiting
// for a reviewer, longest waiting first.
func (r *appsReview) list(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	q := c.QueryParams()
	state := q.Get("state")
	notice := ""
	if _, ok := appFilters[state]; !ok {
		if state != "" {
			notice = locales.T(ctx, "admin.apps.bad_state")
		}
		state = "review"
		q.Set("state", state)
	}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	list, total, err := r.content.ListApps(ctx, s, content.AppFilter{States: appFilters[state], Offset: (page - 1) * appsPerPage, Limit: appsPerPage})
	if err != nil {
		return err
	}
	title := locales.T(ctx, "admin.apps.title")
	p := admin.AppsProps{Shell: r.shell(c, title, components.Crumb{Text: title}), State: components.NewForm(url.Values{"state": {state}}).Field("state"),
		Count: locales.T(ctx, "admin.apps.count", total), Empty: locales.T(ctx, "admin.apps.empty"),
		Pagination: components.PaginationProps{BaseURL: "/admin/apps", Query: q, Page: page, Total: int((total + appsPerPage - 1) / appsPerPage)}}
	p.Notice = notice
	for _, k := range appFilterOrder {
		p.States = append(p.States, components.SelectOption{Value: k, Text: locales.T(ctx, "admin.apps.filter."+k)})
	}
	p.Table = components.TableProps{Caption: title, Layout: components.TableStack, Head: []components.TableHead{
		{Text: locales.T(ctx, "admin.apps.name")}, {Text: locales.T(ctx, "admin.apps.owner")}, {Text: locales.T(ctx, "admin.apps.site")},
		{Text: locales.T(ctx, "admin.apps.state")}, {Text: locales.T(ctx, "admin.item.updated")}}}
	for _, a := range list {
		p.Table.Rows = append(p.Table.Rows, []components.TableCell{{Text: a.Name, Href: appURL(a.ID)}, {Text: a.OwnerOrg},
			{Text: r.siteName(ctx, a.SiteCode)}, {Text: locales.T(ctx, "apps.state."+a.Status)}, {Text: stamp(a.UpdatedAt)}})
	}
	return web.Render(c, http.StatusOK, admin.Apps(r.chrome(c), p))
}

// siteName names an app's sub-site: a provincial unit or a department.
func (r *appsReview) siteName(ctx context.Context, code string) string {
	switch {
	case code == "":
		return locales.T(ctx, "admin.scope.national")
	case strings.HasPrefix(code, "N"):
		return r.deptName(ctx, code)
	}
	return r.regionName(code)
}

// show is GET /admin/apps/{id}.
func (r *appsReview) show(c echo.Context) error {
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	s, _ := current(c)
	a, err := r.content.GetApp(c.Request().Context(), s, n)
	if err != nil {
		return err
	}
	return r.render(c, http.StatusOK, a, components.NewForm(url.Values{}), "")
}

// checklist is POST /admin/apps/{id}/checklist.
func (r *appsReview) checklist(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	vals := postedValues(c)
	if err := r.content.SetAppChecklist(ctx, r.svc, s, c.RealIP(), n, vals["checklist"]); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.apps.checklist_saved"), appURL(n))
}

// event is POST /admin/apps/{id}/events/{event}: a reviewer's move. A
// missing reason, an unticked checklist or failed automated checks answer
// 422 naming them; a move the app's state no longer allows (someone else
// moved it) answers 409 with the page as it is now.
func (r *appsReview) event(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	ev := c.Param("event")
	vals := postedValues(c)
	note := vals.Get("note_" + ev)
	_, err = r.content.ReviewApp(ctx, r.svc, s, c.RealIP(), n, ev, note)
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		a, gerr := r.content.GetApp(ctx, s, n)
		if gerr != nil {
			return gerr
		}
		f := components.NewForm(vals)
		for _, k := range ve.Order {
			name := k
			if k == "note" {
				name = "note_" + ev
			}
			f.Fail(name, locales.T(ctx, ve.Fields[k]))
		}
		return r.render(c, http.StatusUnprocessableEntity, a, f, "")
	case errors.Is(err, models.ErrConflict):
		a, gerr := r.content.GetApp(ctx, s, n)
		if gerr != nil {
			return gerr
		}
		return r.render(c, http.StatusConflict, a, components.NewForm(url.Values{}), locales.T(ctx, "admin.apps.moved"))
	case err != nil:
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.apps.done."+ev), appURL(n))
}
