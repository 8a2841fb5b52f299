package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/zwfw/portal/handlers/web"
	"github.com/zwfw/portal/locales"
	"github.com/zwfw/portal/models/consult"
	"github.com/zwfw/portal/models/masking"
	"github.com/zwfw/portal/views/components"
	cview "github.com/zwfw/portal/views/consult"
)

// statusText is the user's word for an item's state.
func consultStatusText(ctx context.Context, status string, held bool, hidden *time.Time) string {
	switch {
	case status == consult.StatusDraft:
		return locales.T(ctx, "consult.status.draft")
	case hidden != nil:
		return locales.T(ctx, "consult.status.hidden")
	case held && status != consult.StatusReplied:
		return locales.T(ctx, "consult.status.held")
	}
	return locales.T(ctx, "consult.status."+status)
}

// myConsultations is GET /me/consultations (C 0103 7.7 d 我的咨询): drafts,
// public and non-public results, each deletable.
func (h *consultHandler) myConsultations(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := h.svc.MyConsultations(ctx, user(c).ID, 200)
	if err != nil {
		return err
	}
	p := cview.ListProps{Shell: h.shell(c, locales.T(ctx, "usercenter.consultations"), h.meCrumb(ctx)),
		NewHref: "/consultations/new", NewText: locales.T(ctx, "consult.new"), Empty: locales.T(ctx, "usercenter.consultations.empty")}
	for _, it := range list {
		e := cview.Entry{Title: consultUntitled(ctx, it.Title), Href: consultPath("/me/consultations/", it.ID), Status: consultStatusText(ctx, it.Status, it.Held(), it.HiddenAt),
			Done: it.Status == consult.StatusReplied, Delete: consultPath("/me/consultations/", it.ID) + "/delete",
			Meta: []string{locales.T(ctx, "consult.meta.updated", dateTime(it.UpdatedAt))}}
		if it.MatterName != "" {
			e.Meta = append([]string{it.MatterName}, e.Meta...)
		}
		p.Entries = append(p.Entries, e)
	}
	return web.Render(c, http.StatusOK, cview.List(h.chrome(c, true), p))
}

func consultUntitled(ctx context.Context, s string) string {
	if s == "" {
		return locales.T(ctx, "consult.untitled")
	}
	return s
}

// myConsultation is GET /me/consultations/{id}: the user's own, whatever
// its state; another user's id is a 404.
func (h *consultHandler) myConsultation(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	it, err := h.svc.MyConsultation(ctx, user(c).ID, id)
	if err != nil {
		return err
	}
	back := components.Crumb{Text: locales.T(ctx, "usercenter.consultations"), Href: "/me/consultations"}
	p := cview.ShowProps{Shell: h.shell(c, consultUntitled(ctx, it.Title), h.meCrumb(ctx), back), Content: it.Content, Back: back,
		Delete: consultPath("/me/consultations/", it.ID) + "/delete"}
	p.Rows.Rows = []components.SummaryRow{
		{Key: locales.T(ctx, "consult.status"), Value: consultStatusText(ctx, it.Status, it.Held(), it.HiddenAt)},
		{Key: locales.T(ctx, "consult.field.matter"), Value: it.MatterName},
		{Key: locales.T(ctx, "consult.field.name"), Value: it.Name},
		{Key: locales.T(ctx, "consult.field.phone"), Value: masking.MaskMobile(it.Phone)},
		{Key: locales.T(ctx, "consult.visibility"), Value: locales.T(ctx, "consult.public."+consultYesNo(it.Public))},
	}
	if it.SubmittedAt != nil {
		p.Rows.Rows = append(p.Rows.Rows, components.SummaryRow{Key: locales.T(ctx, "consult.submitted_at"), Value: dateTime(*it.SubmittedAt)},
			components.SummaryRow{Key: locales.T(ctx, "consult.accepted_unit"), Value: it.AcceptedUnit})
	}
	if it.Status == consult.StatusDraft {
		p.Continue = consultPath("/consultations/new?draft=", it.ID)
	}
	p.Reply = consultReplyRows(ctx, it.ReplyUnit, it.Reply, consultTime(it.RepliedAt), "", "")
	return web.Render(c, http.StatusOK, cview.Show(h.chrome(c, true), p))
}

// myConsultationDelete is POST /me/consultations/{id}/delete.
func (h *consultHandler) myConsultationDelete(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteMyConsultation(ctx, user(c).ID, id); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "consult.deleted"), "/me/consultations")
}

// myComplaints is GET /me/complaints (C 0103 7.7 e 我的投诉).
func (h *consultHandler) myComplaints(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := h.svc.MyComplaints(ctx, user(c).ID, 200)
	if err != nil {
		return err
	}
	p := cview.ListProps{Shell: h.shell(c, locales.T(ctx, "usercenter.complaints"), h.meCrumb(ctx)),
		NewHref: "/complaints/new", NewText: locales.T(ctx, "complaint.new"), Empty: locales.T(ctx, "usercenter.complaints.empty")}
	for _, it := range list {
		meta := []string{locales.T(ctx, "consult.meta.updated", dateTime(it.UpdatedAt))}
		if it.DeadlineAt != nil && it.Status != consult.StatusReplied {
			meta = append(meta, locales.T(ctx, "complaint.meta.due", dateOnly(*it.DeadlineAt)))
		}
		p.Entries = append(p.Entries, cview.Entry{Title: consultUntitled(ctx, it.Title), Href: consultPath("/me/complaints/", it.ID),
			Status: consultStatusText(ctx, it.Status, it.Held(), it.HiddenAt), Done: it.Status == consult.StatusReplied,
			Delete: consultPath("/me/complaints/", it.ID) + "/delete", Meta: meta})
	}
	return web.Render(c, http.StatusOK, cview.List(h.chrome(c, true), p))
}

// myComplaint is GET /me/complaints/{id}, with its images.
func (h *consultHandler) myComplaint(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	it, err := h.svc.MyComplaint(ctx, user(c).ID, id)
	if err != nil {
		return err
	}
	back := components.Crumb{Text: locales.T(ctx, "usercenter.complaints"), Href: "/me/complaints"}
	p := cview.ShowProps{Shell: h.shell(c, consultUntitled(ctx, it.Title), h.meCrumb(ctx), back), Content: it.Content, Back: back,
		Delete: consultPath("/me/complaints/", it.ID) + "/delete"}
	subject := it.MatterName
	if it.CaseNumber != "" {
		subject = it.CaseNumber + " · " + it.MatterName
	} else if it.DeptCode != "" {
		subject = h.placeName(it.RegionCode) + " · " + h.deptName(ctx, it.DeptCode)
	}
	p.Rows.Rows = []components.SummaryRow{
		{Key: locales.T(ctx, "consult.status"), Value: consultStatusText(ctx, it.Status, it.Held(), it.HiddenAt)},
		{Key: locales.T(ctx, "complaint.subject"), Value: subject},
		{Key: locales.T(ctx, "consult.visibility"), Value: locales.T(ctx, "consult.public."+consultYesNo(it.Public))},
	}
	if it.DeadlineAt != nil {
		p.Rows.Rows = append(p.Rows.Rows, components.SummaryRow{Key: locales.T(ctx, "complaint.due"), Value: dateOnly(*it.DeadlineAt)})
	}
	if it.Status == consult.StatusDraft {
		p.Continue = consultPath("/complaints/new?draft=", it.ID)
	}
	files, err := h.svc.Files(ctx, it.ID)
	if err != nil {
		return err
	}
	for i, f := range files {
		p.Files = append(p.Files, cview.File{Href: consultPath("/complaints/files/", f.ID), Alt: locales.T(ctx, "complaint.file.alt", i+1)})
	}
	p.Reply = consultReplyRows(ctx, it.ReplyUnit, it.Reply, consultTime(it.RepliedAt), it.LegalNature, it.Remedy)
	return web.Render(c, http.StatusOK, cview.Show(h.chrome(c, true), p))
}

// myComplaintDelete is POST /me/complaints/{id}/delete.
func (h *consultHandler) myComplaintDelete(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteMyComplaint(ctx, user(c).ID, id); err != nil {
		return err
	}
	return flashAndGo(c, locales.T(ctx, "consult.deleted"), "/me/complaints")
}
