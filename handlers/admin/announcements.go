package admin

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models"
	"github.com/zwfw/portal/views/admin"
	"github.com/zwfw/portal/views/components"
)

// announcements is GET /admin/announcements: the form and the latest.
func (h *console) announcements(c echo.Context) error {
	return h.renderAnnouncements(c, http.StatusOK, components.NewForm(nil))
}

func (h *console) renderAnnouncements(c echo.Context, status int, f *components.Form) error {
	ctx := c.Request().Context()
	list, err := h.content.Announcements(ctx, 50)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "admin.nav.announcements")
	p := admin.ListProps{Shell: h.shell(c, title, components.Crumb{Text: title}), Intro: locales.T(ctx, "admin.announce.intro"),
		FormTitle: locales.T(ctx, "admin.announce.new"), FormURL: "/admin/announcements", Submit: locales.T(ctx, "admin.announce.submit"),
		Inputs: []admin.Input{{Field: f.Field("title"), Label: locales.T(ctx, "admin.doc.title")},
			{Kind: "textarea", Field: f.Field("body"), Label: locales.T(ctx, "admin.doc.body"), Hint: locales.T(ctx, "admin.field.rich_hint")},
			{Field: f.Field("link"), Label: locales.T(ctx, "admin.announce.link"), Hint: locales.T(ctx, "admin.announce.link_hint")}},
		Caption: locales.T(ctx, "admin.announce.sent"), Empty: locales.T(ctx, "admin.list.empty"),
		Head: []string{locales.T(ctx, "admin.doc.title"), locales.T(ctx, "admin.announce.at")}}
	for _, a := range list {
		p.Rows = append(p.Rows, admin.Row{Cells: []string{a.Title, stamp(a.PublishedAt)}})
	}
	p.Errors = f.Summary()
	return web.Render(c, status, admin.List(h.chrome(c), p))
}

// announce is POST /admin/announcements: a 公共消息 for every user.
func (h *console) announce(c echo.Context) error {
	ctx := c.Request().Context()
	s, _ := current(c)
	f := postedForm(c)
	_, err := h.content.Announce(ctx, s, c.RealIP(), f.Value("title"), f.Value("body"), f.Value("link"))
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		f.AddErrors(ctx, ve.Order, ve.Fields)
		return h.renderAnnouncements(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "admin.announce.done"), "/admin/announcements")
}
