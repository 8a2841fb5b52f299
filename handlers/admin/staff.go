package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/models/content"
	"github.com/zwfw/portal/models/staff"
	"github.com/zwfw/portal/models/users"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

const staffPerPage = 50

func (h *console) registerStaff(g *echo.Group) {
	p := staff.PermStaff
	g.GET("/staff", need(p, h.staffList))
	g.GET("/staff/new", need(p, h.newStaff))
	g.POST("/staff", need(p, h.createStaff))
	g.POST("/staff/:id/disable", need(p, h.setDisabled(true)))
	g.POST("/staff/:id/enable", need(p, h.setDisabled(false)))
	g.POST("/staff/:id/reset-totp", need(p, h.resetTOTP))
}

// staffList is GET /admin/staff: the accounts inside the admin's scope.
func (h *console) staffList(c echo.Context) error {
	ctx := c.Request().Context()
	me, _ := current(c)
	pg := page(c)
	list, total, err := h.staff.List(ctx, me.Scope(), (pg-1)*staffPerPage, staffPerPage)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "admin.nav.staff")
	p := admin.ListProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intro: locales.T(ctx, "admin.staff.intro"),
		Links: []admin.Link{{Text: locales.T(ctx, "admin.staff.new"), Href: "/admin/staff/new"}}, Caption: title,
		Count: locales.T(ctx, "admin.list.count", total), Empty: locales.T(ctx, "admin.list.empty"),
		Head: []string{locales.T(ctx, "admin.login.username"), locales.T(ctx, "admin.staff.role"), locales.T(ctx, "admin.staff.scope"),
			locales.T(ctx, "admin.staff.state")},
		Pages: components.PaginationProps{BaseURL: "/admin/staff", Page: pg, Total: pages(total, staffPerPage)}}
	for _, s := range list {
		base := "/admin/staff/" + strconv.FormatInt(s.ID, 10)
		state := locales.T(ctx, "admin.staff.active")
		var acts []admin.Action
		switch {
		case s.Disabled:
			state = locales.T(ctx, "admin.staff.disabled")
			acts = append(acts, admin.Action{Href: base + "/enable", Text: locales.T(ctx, "admin.staff.enable", s.Username), Variant: components.ButtonSecondary})
		case s.ID != me.ID:
			acts = append(acts, admin.Action{Href: base + "/disable", Text: locales.T(ctx, "admin.staff.disable", s.Username), Variant: components.ButtonWarning})
		}
		if !s.TOTPEnabled {
			state += locales.T(ctx, "admin.staff.no_totp")
		} else if s.ID != me.ID {
			acts = append(acts, admin.Action{Href: base + "/reset-totp", Text: locales.T(ctx, "admin.staff.reset_totp", s.Username), Variant: components.ButtonSecondary})
		}
		p.Rows = append(p.Rows, admin.Row{Cells: []string{s.Username, locales.T(ctx, s.Role.LabelKey()), h.scopeText(ctx, s.Scope()), state}, Actions: acts})
	}
	return web.Render(c, http.StatusOK, admin.List(h.chrome(c), p))
}

// staffFieldOrder is the order of the new-account form.
var staffFieldOrder = []string{"username", "display_name", "password", "role", "region", "dept"}

func (h *console) renderStaffForm(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	me, _ := current(c)
	title := locales.T(ctx, "admin.staff.new")
	roles := []components.SelectOption{{Value: "", Text: locales.T(ctx, "admin.staff.choose_role")}}
	for _, r := range staff.Roles {
		if r != staff.RolePlatformAdmin || me.Role == staff.RolePlatformAdmin {
			roles = append(roles, components.SelectOption{Value: string(r), Text: locales.T(ctx, r.LabelKey())})
		}
	}
	depts := []components.SelectOption{{Value: "", Text: locales.T(ctx, "admin.staff.any_dept")}}
	for _, d := range h.ref.Departments() {
		if me.Scope().Dept == "" || me.Scope().Dept == d.Code {
			depts = append(depts, components.SelectOption{Value: d.Code, Text: d.Label(locales.Lang(ctx))})
		}
	}
	p := admin.DocFormProps{Shell: h.shell(c, title, components.Crumb{Text: locales.T(ctx, "admin.nav.staff"), Href: "/admin/staff"}, components.Crumb{Text: title}),
		Intro: locales.T(ctx, "admin.staff.form_intro", h.scopeText(ctx, me.Scope())),
		Form: admin.FormProps{Action: "/admin/staff", Submit: locales.T(ctx, "admin.staff.create"), Cancel: "/admin/staff", Inputs: []admin.Input{
			{Field: f.Field("username"), Label: locales.T(ctx, "admin.login.username"), Hint: locales.T(ctx, "admin.err.username.format"), Width: components.Width20},
			{Field: f.Field("display_name"), Label: locales.T(ctx, "admin.staff.display_name"), Width: components.Width20},
			{Kind: "password", Field: f.Field("password"), Label: locales.T(ctx, "admin.staff.password"), Hint: locales.T(ctx, "admin.staff.password_hint")},
			{Kind: "select", Field: f.Field("role"), Label: locales.T(ctx, "admin.staff.role"), Options: roles},
			{Field: f.Field("region"), Label: locales.T(ctx, "admin.staff.region"), Hint: locales.T(ctx, "admin.staff.region_hint"), Width: components.Width11},
			{Kind: "select", Field: f.Field("dept"), Label: locales.T(ctx, "admin.item.dept"), Options: depts}}}}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.DocForm(h.chrome(c), p))
}

func (h *console) newStaff(c echo.Context) error {
	me, _ := current(c)
	return h.renderStaffForm(c, http.StatusOK, components.NewForm(map[string][]string{"region": {me.Scope().Region}, "dept": {me.Scope().Dept}}))
}

// createStaff is POST /admin/staff. The password is never shown again.
func (h *console) createStaff(c echo.Context) error {
	ctx := c.Request().Context()
	me, _ := current(c)
	vals := postedValues(c)
	password := vals.Get("password")
	vals.Del("password")
	f := components.NewForm(vals)
	s, err := h.staff.Create(ctx, &me, c.RealIP(), staff.NewStaff{Username: f.Value("username"), DisplayName: f.Value("display_name"),
		Password: password, Role: staff.Role(f.Value("role")), Region: f.Value("region"), Dept: f.Value("dept")})
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return h.renderStaffForm(c, http.StatusUnprocessableEntity, inOrder(ctx, vals, f, err, staffFieldOrder))
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.staff.created", s.Username), "/admin/staff")
}

func (h *console) setDisabled(disabled bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		me, _ := current(c)
		n, err := id(c, "id")
		if err != nil {
			return err
		}
		if err := h.staff.SetDisabled(c.Request().Context(), me, c.RealIP(), n, disabled); err != nil {
			return err
		}
		return flashAndGo(c, locales.T(c.Request().Context(), "admin.staff.saved"), "/admin/staff")
	}
}

func (h *console) resetTOTP(c echo.Context) error {
	me, _ := current(c)
	n, err := id(c, "id")
	if err != nil {
		return err
	}
	if err := h.staff.ResetTOTP(c.Request().Context(), me, c.RealIP(), n); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(c.Request().Context(), "admin.staff.totp_reset"), "/admin/staff")
}

// registerPassword adds the signed-in staff member's own password change;
// params is the argon2id cost of new hashes (zero → the default).
func registerPassword(g *echo.Group, h *console, params users.Params) {
	g.GET("/password", h.passwordForm)
	g.POST("/password", func(c echo.Context) error { return h.changePassword(c, params) })
}

var passwordFieldOrder = []string{"current_password", "new_password", "confirm_password"}

// passwordForm is GET /admin/password. Passwords are never sent back.
func (h *console) passwordForm(c echo.Context) error {
	return h.renderPassword(c, http.StatusOK, components.NewForm(nil))
}

func (h *console) renderPassword(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	title := locales.T(ctx, "admin.password.title")
	p := admin.DocFormProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intro: locales.T(ctx, "admin.password.intro"),
		Form: admin.FormProps{Action: "/admin/password", Submit: locales.T(ctx, "admin.password.submit"), Cancel: "/admin", Inputs: []admin.Input{
			{Kind: "password", Field: f.Field("current_password"), Label: locales.T(ctx, "admin.password.current")},
			{Kind: "password", Field: f.Field("new_password"), Label: locales.T(ctx, "admin.password.new"), Hint: locales.T(ctx, "admin.staff.password_hint")},
			{Kind: "password", Field: f.Field("confirm_password"), Label: locales.T(ctx, "admin.password.confirm")}}}}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.DocForm(h.chrome(c), p))
}

// changePassword is POST /admin/password: on success every other session
// of the account ends and this one carries on with the new epoch.
func (h *console) changePassword(c echo.Context, params users.Params) error {
	ctx := c.Request().Context()
	me, _ := current(c)
	vals := postedValues(c)
	epoch, err := h.content.ChangeStaffPassword(ctx, params, me, c.RealIP(), content.PasswordChange{Current: vals.Get("current_password"),
		New: vals.Get("new_password"), Confirm: vals.Get("confirm_password")})
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return h.renderPassword(c, http.StatusUnprocessableEntity, inOrder(ctx, nil, components.NewForm(nil), err, passwordFieldOrder))
	}
	if err != nil {
		return err
	}
	web.Session(c).Values[sessEpoch] = epoch
	return flashAndGo(c, locales.T(ctx, "admin.password.changed"), "/admin")
}
