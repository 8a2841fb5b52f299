package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/usercenter"
	"github.com/zwfw/portal/views/components"
	ucview "github.com/zwfw/portal/views/usercenter"
)

// messagesPerPage is the length of one page of 我的消息.
const messagesPerPage = 20

// messages is GET /me/messages?filter=unread&page=N (C 0103 7.7 g).
func (h *accountHandler) messages(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	if err := usercenter.Deliver(ctx, h.st, u.ID, u.CreatedAt); err != nil {
		return err
	}
	p := ucview.ListProps{Shell: h.shell(c, "usercenter.messages"), Lead: locales.T(ctx, "usercenter.messages.lead"),
		Empty: locales.T(ctx, "usercenter.messages.empty"), Bulk: "/me/messages/read-all", BulkText: locales.T(ctx, "usercenter.messages.readall")}
	filter := c.QueryParam("filter")
	if filter != "" && filter != "unread" {
		p.Notice = locales.T(ctx, "usercenter.filter.dropped")
		filter = ""
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	page = max(page, 1)
	list, total, err := usercenter.Messages(ctx, h.st, u.ID, usercenter.MessageFilter{UnreadOnly: filter == "unread",
		Offset: (page - 1) * messagesPerPage, Limit: messagesPerPage})
	if err != nil {
		return err
	}
	p.Filters = []ucview.Filter{{Text: locales.T(ctx, "usercenter.filter.all"), Href: "/me/messages", Current: filter == ""},
		{Text: locales.T(ctx, "usercenter.messages.unread"), Href: "/me/messages?filter=unread", Current: filter == "unread"}}
	for _, m := range list {
		kind := locales.T(ctx, "usercenter.messages.kind."+m.Kind)
		if m.Unread() {
			kind = locales.T(ctx, "usercenter.messages.unread.tag", kind)
		}
		p.Items = append(p.Items, ucview.ListItem{ID: m.ID, Title: m.Title, Href: "/me/messages/" + strconv.FormatInt(m.ID, 10),
			Kind: kind, Unread: m.Unread(), Meta: dateTime(m.CreatedAt),
			Action: "/me/messages/" + strconv.FormatInt(m.ID, 10) + "/delete", ActionTx: locales.T(ctx, "usercenter.messages.delete")})
	}
	q := url.Values{}
	if filter != "" {
		q.Set("filter", filter)
	}
	p.Pagination = components.PaginationProps{BaseURL: "/me/messages", Query: q, Page: page,
		Total: int((total + messagesPerPage - 1) / messagesPerPage)}
	return web.Render(c, http.StatusOK, ucview.List(h.chrome(c), p))
}

// message is GET /me/messages/{id}; reading it marks it read.
func (h *accountHandler) message(c echo.Context) error {
	ctx := c.Request().Context()
	u := user(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	m, err := usercenter.GetMessage(ctx, h.st, u.ID, id)
	if err != nil {
		return err
	}
	if m.Unread() {
		if err := usercenter.MarkRead(ctx, h.st, u.ID, id); err != nil {
			return err
		}
	}
	s := h.shell(c, "usercenter.messages")
	s.Title = m.Title
	s.Crumbs = append(s.Crumbs[:2], components.Crumb{Text: locales.T(ctx, "usercenter.messages"), Href: "/me/messages"}, components.Crumb{Text: m.Title})
	p := ucview.MessageProps{Shell: s, Kind: locales.T(ctx, "usercenter.messages.kind."+m.Kind), Date: dateTime(m.CreatedAt),
		Body: strings.Split(m.Body, "\n"), Link: web.SafeReturn(m.Link, ""), ID: m.ID}
	return web.Render(c, http.StatusOK, ucview.Message(h.chrome(c), p))
}

// messageRead is POST /me/messages/{id}/read.
func (h *accountHandler) messageRead(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := usercenter.MarkRead(c.Request().Context(), h.st, user(c).ID, id); err != nil {
		return err
	}
	return web.SeeOther(c, "/me/messages")
}

// messagesReadAll is POST /me/messages/read-all.
func (h *accountHandler) messagesReadAll(c echo.Context) error {
	ctx := c.Request().Context()
	if err := usercenter.MarkAllRead(ctx, h.st, user(c).ID); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.messages.allread"), "/me/messages")
}

// messageDelete is POST /me/messages/{id}/delete.
func (h *accountHandler) messageDelete(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := usercenter.DeleteMessage(ctx, h.st, user(c).ID, id); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "usercenter.messages.deleted"), "/me/messages")
}
