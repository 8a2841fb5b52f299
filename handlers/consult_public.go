package handlers

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/views/components"
	cview "github.com/zwfw/portal/views/consult"
)

// consultPageSize is one page of the public listings.
const consultPageSize = 20

// publicConsultations is GET /consultations: published results, masked
// (C 0103 7.5.1; reference.md §6), newest reply first, keyset-paged.
func (h *consultHandler) publicConsultations(c echo.Context) error {
	ctx := c.Request().Context()
	list, next, err := h.svc.PublicConsultations(ctx, consult.ParseCursor(c.QueryParam("after")), consultPageSize)
	if err != nil {
		return err
	}
	p := cview.ListProps{Shell: h.shell(c, locales.T(ctx, "consult.public.title")), Lead: locales.T(ctx, "consult.public.lead"),
		NewHref: "/consultations/new", NewText: locales.T(ctx, "consult.new"), Empty: locales.T(ctx, "consult.public.empty"),
		Links: []components.Crumb{{Text: locales.T(ctx, "complaint.public.title"), Href: "/complaints"},
			{Text: locales.T(ctx, "consult.hidden.title"), Href: "/consultations/hidden"}}}
	p.Entries = h.publicEntries(ctx, "/consultations/", list, "consult.person")
	if next.ID != 0 {
		p.NextHref, p.NextText = "/consultations?after="+url.QueryEscape(next.String()), locales.T(ctx, "consult.next")
	}
	return web.Render(c, http.StatusOK, cview.List(h.chrome(c, false), p))
}

func (h *consultHandler) publicEntries(ctx context.Context, base string, list []consult.PublicItem, personKey string) []cview.Entry {
	out := make([]cview.Entry, 0, len(list))
	for _, it := range list {
		out = append(out, cview.Entry{Title: it.Title, Href: consultPath(base, it.ID), Status: locales.T(ctx, "consult.status.replied"), Done: true,
			Meta: []string{locales.T(ctx, personKey, it.Person), locales.T(ctx, "consult.meta.submitted", dateTime(it.SubmittedAt)),
				locales.T(ctx, "consult.meta.reply_unit", it.ReplyUnit), locales.T(ctx, "consult.meta.replied", dateTime(it.RepliedAt))}})
	}
	return out
}

// publicConsultation is GET /consultations/{id}: one published result with
// the seven elements of C 0103 7.5.1. Anything unpublished is a 404.
func (h *consultHandler) publicConsultation(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	it, err := h.svc.PublicConsultation(ctx, id)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "consult.public.title")
	p := h.publicShow(c, it, "consult.person.label", components.Crumb{Text: title, Href: "/consultations"})
	return web.Render(c, http.StatusOK, cview.Show(h.chrome(c, false), p))
}

func (h *consultHandler) publicShow(c echo.Context, it consult.PublicItem, personKey string, back components.Crumb) cview.ShowProps {
	ctx := c.Request().Context()
	p := cview.ShowProps{Shell: h.shell(c, it.Title, back), Content: it.Content, Back: back}
	p.Rows.Rows = []components.SummaryRow{{Key: locales.T(ctx, personKey), Value: it.Person}}
	if it.MatterName != "" {
		p.Rows.Rows = append(p.Rows.Rows, components.SummaryRow{Key: locales.T(ctx, "consult.field.matter"), Value: it.MatterName})
	}
	p.Rows.Rows = append(p.Rows.Rows,
		components.SummaryRow{Key: locales.T(ctx, "consult.submitted_at"), Value: dateTime(it.SubmittedAt)},
		components.SummaryRow{Key: locales.T(ctx, "consult.accepted_unit"), Value: it.AcceptedUnit})
	p.Reply = consultReplyRows(ctx, it.ReplyUnit, it.Reply, it.RepliedAt, it.LegalNature, it.Remedy)
	return p
}

// publicComplaints is GET /complaints: published complaints and results.
func (h *consultHandler) publicComplaints(c echo.Context) error {
	ctx := c.Request().Context()
	list, next, err := h.svc.PublicComplaints(ctx, consult.ParseCursor(c.QueryParam("after")), consultPageSize)
	if err != nil {
		return err
	}
	p := cview.ListProps{Shell: h.shell(c, locales.T(ctx, "complaint.public.title")), Lead: locales.T(ctx, "complaint.public.lead"),
		NewHref: "/complaints/new", NewText: locales.T(ctx, "complaint.new"), Empty: locales.T(ctx, "complaint.public.empty"),
		Links: []components.Crumb{{Text: locales.T(ctx, "consult.public.title"), Href: "/consultations"},
			{Text: locales.T(ctx, "consult.hidden.title"), Href: "/consultations/hidden"}}}
	p.Entries = h.publicEntries(ctx, "/complaints/", list, "complaint.person")
	if next.ID != 0 {
		p.NextHref, p.NextText = "/complaints?after="+url.QueryEscape(next.String()), locales.T(ctx, "consult.next")
	}
	return web.Render(c, http.StatusOK, cview.List(h.chrome(c, false), p))
}

// publicComplaint is GET /complaints/{id}.
func (h *consultHandler) publicComplaint(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	it, err := h.svc.PublicComplaint(ctx, id)
	if err != nil {
		return err
	}
	title := locales.T(ctx, "complaint.public.title")
	p := h.publicShow(c, it, "complaint.person.label", components.Crumb{Text: title, Href: "/complaints"})
	return web.Render(c, http.StatusOK, cview.Show(h.chrome(c, false), p))
}

// hiddenLog is GET /consultations/hidden: that something was hidden, when
// and why — never what (issue 8 item 4).
func (h *consultHandler) hiddenLog(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := h.svc.HiddenLog(ctx, 100)
	if err != nil {
		return err
	}
	p := cview.HiddenLogProps{Shell: h.shell(c, locales.T(ctx, "consult.hidden.title"),
		components.Crumb{Text: locales.T(ctx, "consult.public.title"), Href: "/consultations"}),
		Lead: locales.T(ctx, "consult.hidden.lead"), Empty: locales.T(ctx, "consult.hidden.empty"),
		Head: []string{locales.T(ctx, "consult.hidden.at"), locales.T(ctx, "consult.hidden.kind"), locales.T(ctx, "consult.hidden.reason")}}
	for _, e := range list {
		p.Rows = append(p.Rows, []string{dateTime(e.CreatedAt), locales.T(ctx, "consult.kind."+e.ObjectType), e.Reason})
	}
	return web.Render(c, http.StatusOK, cview.HiddenLog(h.chrome(c, false), p))
}
